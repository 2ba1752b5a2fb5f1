import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBackend } from '../../electron/node/backend';
import { runCli } from '../helpers/cliProcess';

const PASSWORD = 'correct horse battery';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const cli = runCli;

const admin = { THROUGHCARE_PASSWORD: PASSWORD };

/** An attacker with the data key: opens the database directly and rewrites history. */
async function tamper(dataDir: string, sql: string[]): Promise<void> {
  const backend = createBackend({ dataDir });
  const login = await backend.invoke('session.login', { username: 'admin', password: PASSWORD });
  expect(login.ok).toBe(true);
  const sqlite = backend.session!.store.sqlite;
  sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  for (const s of sql) sqlite.exec(s);
  backend.close();
}

describe('headless CLI (real child process, same backend)', () => {
  it('--help lists the commands', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['init', 'users', 'audit']) expect(r.stdout).toContain(c);
    const users = cli(['users', '--help']);
    expect(users.stdout).toContain('add');
    expect(users.stdout).toContain('list');
  });

  it('init → users add → users list --json → audit verify; tampering makes verify fail at that entry', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-'));
    const data = path.join(dir, 'data');

    const init = cli(['init', '--data', data, '--org', 'Sananim z.ú.', '--admin', 'admin', '--workstation', 'PC-3'], admin);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Recovery key: ([A-Z2-7]{4}-){7}[A-Z2-7]{4}/);
    expect(init.stdout).toMatch(/write the recovery key down/i);

    // Setting up twice is refused with the backend's reason.
    const again = cli(['init', '--data', data, '--org', 'X', '--admin', 'admin'], admin);
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already set up');

    const add = cli(['users', 'add', '--data', data, 'jana', '--role', 'caseworker', '--display-name', 'Jana Nováková'], {
      ...admin,
      THROUGHCARE_NEW_PASSWORD: 'jana password 123',
    });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);

    const list = cli(['users', 'list', '--data', data, '--json'], admin);
    expect(list.code).toBe(0);
    const users = JSON.parse(list.stdout) as { username: string; role: string; displayName: string }[];
    expect(users.map((u) => [u.username, u.role]).sort()).toEqual([
      ['admin', 'admin'],
      ['jana', 'caseworker'],
    ]);
    expect(users.find((u) => u.username === 'jana')!.displayName).toBe('Jana Nováková');

    const ok = cli(['audit', 'verify', '--data', data], admin);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Audit log intact: \d+ entries, head [0-9a-f]{64}\n$/);

    const okJson = cli(['--json', 'audit', 'verify', '--data', data], admin);
    expect(okJson.code).toBe(0);
    expect(JSON.parse(okJson.stdout)).toMatchObject({ ok: true, count: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await tamper(data, ["UPDATE audit_log SET action = 'user.viewed' WHERE seq = 3"]);
    const broken = cli(['audit', 'verify', '--data', data], admin);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim()).toMatch(/^Audit log broken at entry 3: .*altered/);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);

    const brokenJson = cli(['audit', 'verify', '--data', data, '--json'], admin);
    expect(brokenJson.code).toBe(1);
    expect(JSON.parse(brokenJson.stdout)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hashMismatch' });
  });

  it('a deleted entry is named too', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-'));
    const data = path.join(dir, 'data');
    expect(cli(['init', '--data', data, '--org', 'Org', '--admin', 'admin'], admin).code).toBe(0);
    expect(cli(['users', 'list', '--data', data], admin).code).toBe(0);
    await tamper(data, ['DELETE FROM audit_log WHERE seq = 2']);
    const broken = cli(['audit', 'verify', '--data', data], admin);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim()).toMatch(/^Audit log broken at entry 2: .*missing/);
  });

  it('failures exit non-zero with one line on stderr: wrong password, no password without a TTY, missing installation, bad role', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-'));
    const data = path.join(dir, 'data');
    expect(cli(['init', '--data', data, '--org', 'Org', '--admin', 'admin'], admin).code).toBe(0);

    const cases = [
      { r: cli(['users', 'list', '--data', data], { THROUGHCARE_PASSWORD: 'not the password' }), text: /Wrong username or password/ },
      { r: cli(['users', 'list', '--data', data]), text: /THROUGHCARE_PASSWORD/ },
      { r: cli(['audit', 'verify', '--data', path.join(dir, 'nothing-here')], admin), text: /init/ },
      { r: cli(['users', 'add', '--data', data, 'petr', '--role', 'boss'], { ...admin, THROUGHCARE_NEW_PASSWORD: 'petr password 123' }), text: /Unknown role/ },
      { r: cli(['users', 'add', '--data', data, 'petr', '--role', 'clinician'], { ...admin, THROUGHCARE_NEW_PASSWORD: 'short' }), text: /password/i },
      { r: cli(['users', 'list'], admin), text: /--data/ },
    ];
    for (const { r, text } of cases) {
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(text);
    }

    const json = cli(['--json', 'users', 'list', '--data', data], { THROUGHCARE_PASSWORD: 'not the password' });
    expect(json.code).not.toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
