import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../electron/node/backend';

// An installation in the field was made by the previous release: version-1 key slots, no inside copy, no anchor,
// migrations 0000-0001 only. Upgrading must never lock anyone out.
const FIXTURE = path.resolve('tests/fixtures/round1-installation');
const RECOVERY_KEY = 'BIDT-MDEX-PSJK-VBOJ-ONHZ-LANM-EHVE-SH5V';

let dir: string | undefined;
let backend: Backend | undefined;
afterEach(() => {
  backend?.close();
  backend = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the calls of an older release are checked by their answers
async function call(name: string, input: unknown): Promise<any> {
  const result = await backend!.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('upgrade from the previous release', () => {
  it('every password and the recovery key still unlock; the data, the audit chain and the new inside key-slot copy are there', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-upgrade-'));
    cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
    const oldFile = JSON.parse(readFileSync(path.join(dir, 'throughcare.keys.json'), 'utf8')) as { version: number };
    expect(oldFile.version).toBe(1);

    process.env.THROUGHCARE_QUIET = '1';
    backend = createBackend({ dataDir: dir });
    const login = await call('session.login', { username: 'admin', password: 'correct horse battery' });
    expect(login.user.username).toBe('admin');

    // The search index made by the old release still finds the old note's word.
    const page = await call('clients.caseload', { search: 'fialovýslon' });
    const upg = page.rows.find((r: { code: string }) => r.code === 'UPG-2345');
    expect(upg).toBeTruthy();
    const notes = await call('contactLog.list', { clientId: upg.id });
    expect(notes.notes.map((n: { notes: string }) => n.notes)).toEqual(['Upgradovací poznámka fialovýslon.']);
    expect((await call('audit.verify', {})).ok).toBe(true);

    // The authoritative copy now lives inside the database, and the file beside it was rewritten from it.
    const copy = backend.session!.store.sqlite.prepare('SELECT generation FROM key_slot_copy WHERE id = 1').get() as { generation: number } | undefined;
    expect(copy).toBeTruthy();
    await call('session.lock', {});
    const newFile = JSON.parse(readFileSync(path.join(dir, 'throughcare.keys.json'), 'utf8')) as { version: number; generation: number };
    expect(newFile.version).toBe(2);
    expect(newFile.generation).toBe(copy!.generation);

    expect((await call('session.login', { username: 'jana', password: 'jana password 123' })).user.role).toBe('caseworker');
    await call('session.lock', {});
    const rec = await call('session.unlockWithRecoveryKey', { recoveryKey: RECOVERY_KEY });
    expect(rec.admins.map((a: { username?: string; id: string }) => a.id).length).toBeGreaterThan(0);
  });
});
