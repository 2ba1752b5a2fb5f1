import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/node/bridge/loopbackBridge';
import { startWorkerBackend } from '../../electron/node/host/workerBackend';
import { ADMIN } from '../helpers/tempInstallation';

// dev:web's arrangement: the bridge thread only brokers; the whole backend runs in a worker thread behind the
// message boundary (electron/node/host), as it runs in a utilityProcess under Electron.
let dir: string;
let host: ReturnType<typeof startWorkerBackend>;
let bridge: Bridge;

async function invoke(name: string, input: unknown) {
  const res = await fetch(`${bridge.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify({ name, input }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
}

beforeAll(async () => {
  process.env.THROUGHCARE_QUIET = '1';
  dir = mkdtempSync(path.join(tmpdir(), 'throughcare-host-'));
  host = startWorkerBackend(path.join(dir, 'data'));
  bridge = await startBridge({ backend: host.backend, staticDir: null });
});
afterAll(async () => {
  await bridge.close();
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backend behind the message boundary (worker thread)', () => {
  it('serves the contract through the bridge: set-up, a refused input, a read; the data lands in the folder', async () => {
    expect((await invoke('app.status', {})).value).toMatchObject({ state: 'uninitialized' });
    const setup = await invoke('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'PC-1', admin: ADMIN });
    expect(setup.ok).toBe(true);
    expect(existsSync(path.join(dir, 'data', 'throughcare.db'))).toBe(true);
    const bad = await invoke('users.list', { includeRemoved: 'yes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const users = await invoke('users.list', { includeRemoved: false });
    expect(users.ok).toBe(true);
    expect((users.value as unknown as { username: string }[]).map((u) => u.username)).toEqual([ADMIN.username]);
  });

  it('answers every call with an error, never a hang, once the backend is gone', async () => {
    const other = startWorkerBackend(path.join(dir, 'other'));
    expect((await other.backend.invoke('app.status', {})).ok).toBe(true);
    await other.stop();
    const after = await other.backend.invoke('app.status', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
