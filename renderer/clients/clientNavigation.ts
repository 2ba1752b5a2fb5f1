import { useSyncExternalStore } from 'react';

/** Where the user is inside the clients area: the list, a registration, or one client's record. */
export type ClientView = { kind: 'list' } | { kind: 'register' } | { kind: 'client'; id: string; tab?: string };

// Kept for this tab only, so a lock or a reload returns the user to the same client (ids only, no personal data).
const VIEW_KEY = 'throughcare.clientView';
const OWNER_KEY = 'throughcare.clientViewUser';
const listeners = new Set<() => void>();
const openListeners = new Set<() => void>();

function readSaved(): ClientView {
  try {
    const saved = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? 'null') as ClientView | null;
    if (saved && (saved.kind === 'list' || saved.kind === 'register' || (saved.kind === 'client' && typeof saved.id === 'string'))) return saved;
  } catch {
    // a damaged entry just means starting at the list
  }
  return { kind: 'list' };
}

let current: ClientView = readSaved();

export function showClientView(view: ClientView): void {
  current = view;
  sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
  listeners.forEach((l) => l());
  openListeners.forEach((l) => l());
}

/** Opens a client's record from anywhere in the app (the shell switches to the clients area). */
export function openClient(id: string, tab?: string): void {
  showClientView(tab ? { kind: 'client', id, tab } : { kind: 'client', id });
}

export const showClientList = (): void => showClientView({ kind: 'list' });

/** The shell listens so that opening a client from another page switches to the clients area. */
export function onClientViewRequested(cb: () => void): () => void {
  openListeners.add(cb);
  return () => openListeners.delete(cb);
}

/**
 * The saved place belongs to whoever was signed in: after a colleague unlocks the shared workstation, they start
 * at their own caseload instead of a record (or a registration) that was open for someone else.
 */
export function claimClientView(userId: string): void {
  if (sessionStorage.getItem(OWNER_KEY) === userId) return;
  sessionStorage.setItem(OWNER_KEY, userId);
  if (current.kind !== 'list') {
    current = { kind: 'list' };
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(current));
  }
}

export function useClientView(): ClientView {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}
