import { describe, it, expect, vi, beforeAll } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed[key] = api;
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, fn),
  },
}));

interface Bridge {
  invoke: (name: string, input: unknown) => Promise<unknown>;
  onLockRequested: (cb: (...args: unknown[]) => void) => void;
}

describe('preload bridge', () => {
  beforeAll(async () => {
    await import('../../../electron/preload/preload');
  });

  it('exposes a single global and only invoke + onLockRequested (no raw ipcRenderer for the page)', () => {
    expect(Object.keys(exposed)).toEqual(['throughcare']);
    expect(Object.keys(exposed.throughcare as object).sort()).toEqual(['invoke', 'onLockRequested']);
  });

  it('routes every call through the one validated channel', async () => {
    const bridge = exposed.throughcare as Bridge;
    await bridge.invoke('session.status', { a: 1 });
    expect(invoke).toHaveBeenCalledWith('throughcare:invoke', 'session.status', { a: 1 });
  });

  it('does not hand the IPC event (and with it ipcRenderer) to the page callback', () => {
    const bridge = exposed.throughcare as Bridge;
    const cb = vi.fn();
    bridge.onLockRequested(cb);
    listeners.get('throughcare:lock-requested')?.({ sender: 'ipcRenderer-like' }, 'extra');
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cb).toHaveBeenCalledWith();
  });
});
