import { ApiError, type ApiResult, type CallName, type InputOf, type OutputOf } from '../../shared/api';

/** What the Electron preload exposes (one allowlisted function); absent in the browser development mode. */
interface PreloadBridge {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
  onLockRequested(cb: () => void): void;
}
declare global {
  interface Window {
    throughcare?: PreloadBridge;
  }
}

const TOKEN_KEY = 'throughcare.bridgeToken';

/** The loopback bridge token arrives in the URL fragment once; keep it for reloads of this tab only. */
function bridgeToken(): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function invokeOverBridge(name: string, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bridgeToken()}` },
      body: JSON.stringify({ name, input }),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The connection to the app failed.', messageKey: 'errors.network' } };
  }
  if (response.status === 401) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Bridge token missing or wrong.', messageKey: 'errors.network' } };
  return (await response.json()) as ApiResult<unknown>;
}

/** Listeners told when any call reports LOCKED, so the app can drop to the lock screen. */
const lockedListeners = new Set<() => void>();
export function onLocked(cb: () => void): () => void {
  lockedListeners.add(cb);
  return () => lockedListeners.delete(cb);
}

/** The one API client: typed from the contract; rejects with ApiError. */
export async function call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = window.throughcare ? await window.throughcare.invoke(name, input) : await invokeOverBridge(name, input);
  if (result.ok) return result.value as OutputOf<N>;
  if (result.error.code === 'LOCKED') lockedListeners.forEach((cb) => cb());
  throw new ApiError(result.error);
}

export function onOsLockRequested(cb: () => void): void {
  window.throughcare?.onLockRequested(cb);
}
