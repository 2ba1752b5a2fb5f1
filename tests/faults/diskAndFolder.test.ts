import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../electron/node/backend';
import { TEST_KDF_ENV } from '../../electron/node/keyslots/keySlots';
import { runCli } from '../helpers/cliProcess';
import { tableChecksums } from '../helpers/tableChecksums';
import { FAULT_WORKER_BUNDLE } from '../helpers/buildBundles';
import { USERS } from './faultUsers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKER = FAULT_WORKER_BUNDLE; // built by vitest's global setup

let root: string;
beforeAll(() => {
  process.env[TEST_KDF_ENV] = '1';
  process.env.THROUGHCARE_QUIET = '1';
  root = mkdtempSync(path.join(tmpdir(), 'throughcare-disk-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function ok(backend: Backend, name: string, input: unknown): Promise<unknown> {
  const r = await backend.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function setUp(dir: string): Promise<{ backend: Backend; recoveryKey: string }> {
  const backend = createBackend({ dataDir: dir });
  const setup = (await ok(backend, 'setup.initialize', {
    organisation: 'Sananim z.ú.',
    workstation: 'PC-3',
    admin: { username: 'admin', displayName: 'Alena Správcová', password: USERS.admin },
  })) as { recoveryKey: string };
  await ok(backend, 'users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: USERS.jana[0] });
  return { backend, recoveryKey: setup.recoveryKey };
}

/** A small tmpfs of our own, or the reason the machine does not allow one. */
function mountTmpfs(dir: string, size: string): string | null {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `cannot mount a tmpfs here (${((e as { stderr?: Buffer }).stderr?.toString() || (e as Error).message).trim().slice(0, 120)})`;
  }
}
function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  } catch {
    // already gone
  }
}

describe('a full disk (small tmpfs)', () => {
  it('refuses changes with the disk-full sentence and changes nothing; lock always succeeds; every secret still opens', async (ctx) => {
    const dir = path.join(root, 'full');
    const reason = mountTmpfs(dir, '6m');
    if (reason) {
      console.log(`skipped: ${reason}`);
      ctx.skip();
    }
    try {
      const data = path.join(dir, 'data');
      const { backend, recoveryKey } = await setUp(data);
      const sqlite = backend.session!.store.sqlite;
      // Fill the rest of the file system.
      const filler = path.join(dir, 'filler');
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'pipe' });
      } catch {
        // dd stops with "No space left on device": that is the point
      }
      const before = tableChecksums(sqlite);
      const slotsBefore = readFileSync(path.join(data, 'throughcare.keys.json'));

      const create = await backend.invoke('users.create', { username: 'eva', displayName: 'Eva', role: 'caseworker', password: 'eva password 1234' });
      expect(create).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.store.diskFull' } });
      const big = await backend.invoke('drafts.save', { formKey: 'client:new', data: { notes: 'x'.repeat(900_000) } });
      expect(big).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.store.diskFull' } });
      expect(tableChecksums(sqlite)).toEqual(before);
      expect(readFileSync(path.join(data, 'throughcare.keys.json'))).toEqual(slotsBefore);
      expect(readdirSync(data).filter((f) => f.includes('.tmp-'))).toEqual([]);

      // Lock: succeeds and drops the key, whatever the disk says.
      expect(await backend.invoke('session.lock', { reason: 'idle' })).toMatchObject({ ok: true });
      expect(backend.session).toBeNull();
      expect((await ok(backend, 'app.status', {})) as { state: string }).toMatchObject({ state: 'locked' });
      backend.close();

      rmSync(filler);
      const again = createBackend({ dataDir: data });
      try {
        await ok(again, 'session.unlockWithRecoveryKey', { recoveryKey });
        await ok(again, 'session.lock', { reason: 'user' });
        await ok(again, 'session.login', { username: 'jana', password: USERS.jana[0] });
        await ok(again, 'session.lock', { reason: 'user' });
        await ok(again, 'session.login', { username: 'admin', password: USERS.admin });
        expect(await ok(again, 'audit.verify', {})).toMatchObject({ ok: true });
      } finally {
        again.close();
      }
    } finally {
      unmount(dir);
    }
  });

  it('a read-only data folder gets its own sentence, not "cannot be decrypted"', async (ctx) => {
    const dir = path.join(root, 'ro');
    const reason = mountTmpfs(dir, '16m');
    if (reason) {
      console.log(`skipped: ${reason}`);
      ctx.skip();
    }
    try {
      const data = path.join(dir, 'data');
      const { backend } = await setUp(data);
      backend.close();
      execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
      let error: unknown = null;
      try {
        createBackend({ dataDir: data }).close();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ name: 'StoreError', kind: 'readOnly' });
      const cli = runCli(['users', 'list', '--data', data], { THROUGHCARE_PASSWORD: USERS.admin, [TEST_KDF_ENV]: '1' });
      expect(cli.code).not.toBe(0);
      expect(cli.stderr.trim().split('\n')).toHaveLength(1);
      expect(cli.stderr).toMatch(/read-only/);
    } finally {
      unmount(dir);
    }
  });
});

describe('one process per data folder', () => {
  it('a second program is refused at once in one line naming the holder; the lock dies with a killed holder', async () => {
    const data = path.join(root, 'shared');
    const { backend } = await setUp(data);
    backend.close();

    const holder = spawn(process.execPath, [WORKER, data, 'hold', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', [TEST_KDF_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
      holder.on('exit', () => reject(new Error('holder ended early')));
    });

    const second = runCli(['users', 'list', '--data', data], { THROUGHCARE_PASSWORD: USERS.admin, [TEST_KDF_ENV]: '1' });
    expect(second.code).not.toBe(0);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain(`process ${holder.pid}`);
    expect(second.stderr).toContain('fault worker (hold)');
    let inProcess: unknown = null;
    try {
      createBackend({ dataDir: data });
    } catch (e) {
      inProcess = e;
    }
    expect(inProcess).toMatchObject({ kind: 'folderInUse', params: { pid: holder.pid } });

    const exited = new Promise((r) => holder.on('exit', r));
    holder.kill('SIGKILL');
    await exited;
    // No waiting for staleness: the kernel released the lock with the process.
    const after = createBackend({ dataDir: data });
    try {
      await ok(after, 'session.login', { username: 'admin', password: USERS.admin });
    } finally {
      after.close();
    }
    expect(existsSync(path.join(data, 'throughcare.lock'))).toBe(true);
  });

  it('two backends in one process: the second is refused while the first runs, and gets in once it closed', async () => {
    const data = path.join(root, 'same-process');
    const { backend } = await setUp(data);
    expect(() => createBackend({ dataDir: data })).toThrow(/in use by another Throughcare program/);
    backend.close();
    createBackend({ dataDir: data }).close();
  });

  it('a half-made set-up (killed after the database, before the key slots) is set up again', async () => {
    const data = path.join(root, 'half');
    const { backend } = await setUp(data);
    backend.close();
    // What a kill between the database and the key slots leaves behind:
    rmSync(path.join(data, 'throughcare.keys.json'));
    rmSync(path.join(data, 'throughcare.keys.json.prev'));
    writeFileSync(path.join(data, 'setup-incomplete'), 'x');
    const again = createBackend({ dataDir: data });
    try {
      expect(await ok(again, 'app.status', {})).toMatchObject({ state: 'uninitialized' });
      await ok(again, 'setup.initialize', { organisation: 'Sananim', workstation: 'PC', admin: { username: 'admin', displayName: 'A', password: USERS.admin } });
      expect(readdirSync(data).some((f) => f.startsWith('abandoned-setup-'))).toBe(true);
    } finally {
      again.close();
    }
  });
});
