import type { ApiResult } from '../../../shared/api';
import type { Backend } from '../backend';

/**
 * The message boundary around the whole backend. The Electron main process (via a utilityProcess) and the
 * dev:web bridge (via a worker thread) hold only a `RemoteBackend`; the Backend itself, with SQLite, the job
 * pool and every handler, lives on the other side, so the process that serves the window never computes.
 * The typed contract stays the only interface: what crosses is a call name, its input and its ApiResult.
 */

/** What the broker may call: the one dispatcher entry (and nothing else of the Backend). */
export interface BackendPort {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
}

export type HostRequest = { kind: 'invoke'; id: number; name: string; input: unknown } | { kind: 'close'; id: number };
export interface HostReply {
  id: number;
  result: ApiResult<unknown>;
}

const HOST_GONE: ApiResult<unknown> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The data service stopped. Restart the app; nothing unconfirmed was saved.', messageKey: 'errors.internal' },
};

/** The broker's side: turns `invoke` into a message and its reply back into the call's result. */
export class RemoteBackend implements BackendPort {
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private nextId = 1;
  private gone = false;

  constructor(private readonly post: (request: HostRequest) => void) {}

  invoke(name: string, input: unknown): Promise<ApiResult<unknown>> {
    return this.request({ kind: 'invoke', id: this.nextId++, name, input });
  }

  /** Asks the host to lock and close the database; resolves when it has (or is gone). */
  async close(): Promise<void> {
    await this.request({ kind: 'close', id: this.nextId++ });
  }

  /** Feed every message from the host here. */
  receive(message: unknown): void {
    const reply = message as Partial<HostReply> | null;
    if (!reply || typeof reply.id !== 'number' || !reply.result) return;
    const resolve = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    resolve?.(reply.result);
  }

  /** The host exited: every open call gets an error result instead of hanging, and so does every later one. */
  hostGone(): void {
    this.gone = true;
    for (const resolve of this.pending.values()) resolve(HOST_GONE);
    this.pending.clear();
  }

  private request(request: HostRequest): Promise<ApiResult<unknown>> {
    if (this.gone) return Promise.resolve(HOST_GONE);
    return new Promise((resolve) => {
      this.pending.set(request.id, resolve);
      this.post(request);
    });
  }
}

/** The host's side: runs each request on the Backend and posts the reply (calls are independent and may overlap). */
export function serveBackend(backend: Backend, post: (reply: HostReply) => void): (message: unknown) => void {
  return (message) => {
    const request = message as HostRequest;
    if (request?.kind === 'close') {
      backend.close();
      post({ id: request.id, result: { ok: true, value: null } });
      return;
    }
    if (request?.kind !== 'invoke' || typeof request.id !== 'number') return;
    void backend.invoke(request.name, request.input).then((result) => post({ id: request.id, result }));
  };
}
