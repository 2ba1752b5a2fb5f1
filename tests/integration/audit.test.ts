import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { keySlotFileSystem } from '../../electron/node/keyslots/keySlotFile';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import { eq } from 'drizzle-orm';
import { verifyAudit } from '../../electron/node/audit/auditLog';
import { users } from '../../electron/node/store/schema';
import { createUserCallContext } from '../../electron/node/api/callContext';
import type { WriteContext } from '../../electron/node/api/context';
import { localDate } from '../../shared/plan';

let inst: TempInstallation;
afterEach(() => {
  vi.restoreAllMocks();
  inst?.dispose();
});

/** An installation with a handful of audit entries from ordinary work. */
async function withHistory(): Promise<TempInstallation> {
  inst = await new TempInstallation().setup();
  const u = await inst.call('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'jana password 123' });
  await inst.call('users.update', { id: u.id, displayName: 'Jana N.' });
  await inst.call('settings.update', { autoLockMinutes: 10 });
  await inst.call('users.resetPassword', { id: u.id, newPassword: 'jana password 456' });
  return inst;
}

function sqlite() {
  return inst.backend.session!.store.sqlite;
}
function db() {
  return inst.backend.session!.store.db;
}
function entryCount(): number {
  return (sqlite().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** Runs an attacker's statement with the triggers dropped, checks the verdict, and rolls everything back. */
function tampered<T>(statement: string, params: unknown[], check: () => T): T {
  const s = sqlite();
  s.exec('BEGIN');
  try {
    s.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    s.prepare(statement).run(...params);
    return check();
  } finally {
    s.exec('ROLLBACK');
  }
}

/** Tampering as an attacker with the key would: committed (read calls use their own read-only connection). */
async function tamperedAsync<T>(statement: string, check: () => Promise<T>): Promise<T> {
  const s = sqlite();
  s.exec('BEGIN');
  s.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  s.prepare(statement).run();
  s.exec('COMMIT');
  return check();
}

const FIELD_CHANGES: Record<string, (row: Record<string, unknown>) => unknown> = {
  seq: (r) => (r.seq as number) + 1000,
  at: () => '2001-01-01T00:00:00.000Z',
  actor_id: (r) => (r.actor_id === null ? 'someone-else' : null),
  actor_name: (r) => (r.actor_name === 'mallory' ? 'eve' : 'mallory'),
  action: (r) => (r.action === 'user.viewed' ? 'user.read' : 'user.viewed'),
  entity_type: (r) => (r.entity_type === 'client' ? 'user' : 'client'),
  entity_id: (r) => (r.entity_id === 'other-id' ? 'another-id' : 'other-id'),
  details: () => JSON.stringify({ forged: true }),
  prev_hash: () => 'f'.repeat(64),
  hash: () => 'e'.repeat(64),
};

describe('audit chain', () => {
  it('is intact after ordinary work', async () => {
    await withHistory();
    const r = verifyAudit(db());
    expect(r).toMatchObject({ ok: true, count: entryCount() });
    expect(entryCount()).toBeGreaterThanOrEqual(5);
  });

  it('altering any field of entry k makes verify fail at entry k (first, middle, last)', async () => {
    await withHistory();
    const n = entryCount();
    const ks = [1, Math.ceil(n / 2), n];
    for (const k of ks) {
      const row = sqlite().prepare('SELECT * FROM audit_log WHERE seq = ?').get(k) as Record<string, unknown>;
      for (const [field, change] of Object.entries(FIELD_CHANGES)) {
        const value = change(row);
        expect(value, `${field} must actually change`).not.toEqual(row[field]);
        const result = tampered(`UPDATE audit_log SET ${field} = ? WHERE seq = ?`, [value, k], () => verifyAudit(db()));
        expect(result, `altered ${field} of entry ${k}`).toMatchObject({ ok: false, brokenAt: k });
      }
    }
    // Every rollback restored the chain.
    expect(verifyAudit(db()).ok).toBe(true);
  });

  it('details replaced by text that is not JSON are reported as altered at that entry, not as a crash', async () => {
    await withHistory();
    const k = Math.ceil(entryCount() / 2);
    const result = tampered('UPDATE audit_log SET details = ? WHERE seq = ?', ['{not json', k], () => verifyAudit(db()));
    expect(result).toMatchObject({ ok: false, brokenAt: k, reason: 'hashMismatch' });
  });

  it('deleting entry k (first, middle, last) makes verify fail at entry k', async () => {
    await withHistory();
    const n = entryCount();
    for (const k of [1, Math.ceil(n / 2), n]) {
      const result = tampered('DELETE FROM audit_log WHERE seq = ?', [k], () => verifyAudit(db()));
      expect(result, `deleted entry ${k}`).toMatchObject({ ok: false, brokenAt: k, reason: 'missingEntry' });
    }
    // Deleting the newest entries and rewinding the head to match is still a broken link unless every hash is forged;
    // deleting the tail alone is caught by the head.
    const tail = tampered('DELETE FROM audit_log WHERE seq >= ?', [n - 1], () => verifyAudit(db()));
    expect(tail).toMatchObject({ ok: false, brokenAt: n - 1 });
  });

  it('the audit.verify call reports the same first broken entry', async () => {
    await withHistory();
    const result = await tamperedAsync("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 2", () => inst.raw('audit.verify', {}));
    expect(result).toMatchObject({ ok: true, value: { ok: false, brokenAt: 2, reason: 'hashMismatch' } });
  });

  it('UPDATE and DELETE on audit_log are refused by triggers', async () => {
    await withHistory();
    const before = inst.snapshot();
    expect(() => sqlite().prepare("UPDATE audit_log SET action = 'user.viewed' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => sqlite().prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => sqlite().prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(inst.snapshot()).toEqual(before);
    expect(verifyAudit(db()).ok).toBe(true);
  });

  it('the triggers come back when the database is opened again', async () => {
    await withHistory();
    sqlite().exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    await inst.call('session.lock', { reason: 'user' });
    await inst.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(() => sqlite().prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });
});

describe('audit entries are written in the same transaction as the change', () => {
  it('a change that fails inside its transaction leaves neither the change nor an audit entry', async () => {
    await withHistory();
    const before = inst.snapshot();
    const session = inst.backend.session!;
    const ms = Date.now();
    const installation = { dataDir: inst.dir, dbPath: inst.backend.dbPath, keySlotPath: inst.backend.keySlotPath, organisation: () => 'x', readKeySlots: () => inst.backend.readKeySlots(), changeKeySlots: () => { throw new Error('not in this test'); }, dataKey: () => session.dataKey, auditAnchor: () => null, autoLockMinutes: 5, grantHealthAccess: () => undefined, healthGrantUntil: () => undefined };
    const ctx = createUserCallContext({ store: session.store, user: session.user!, mutates: true, clock: { now: new Date(ms), today: localDate(ms) }, installation }) as WriteContext;
    expect(() =>
      ctx.change({ action: 'user.updated', entityType: 'user', entityId: ctx.user.id }, (tx) => {
        tx.update(users).set({ displayName: 'half done' }).where(eq(users.id, ctx.user.id)).run();
        throw new Error('fails half way');
      }),
    ).toThrow('fails half way');
    expect(inst.snapshot()).toEqual(before);
    expect((sqlite().prepare('SELECT display_name AS d FROM users WHERE id = ?').get(ctx.user.id) as { d: string }).d).toBe(ADMIN.displayName);
  });

  it('users.create whose key-slot write fails leaves no user and no audit entry', async () => {
    await withHistory();
    const before = inst.snapshot();
    keySlotFileSystem.current = {
      ...keySlotFileSystem.current,
      writeSync: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    };
    onTestFinished(() => keySlotFileSystem.reset());
    const r = await inst.raw('users.create', { username: 'petr', displayName: 'Petr', role: 'clinician', password: 'petr password 123' });
    expect(r.ok).toBe(false);
    expect(inst.snapshot()).toEqual(before);
    expect(sqlite().prepare("SELECT count(*) AS n FROM users WHERE username = 'petr'").get()).toEqual({ n: 0 });

    const s = await inst.raw('settings.update', { organisation: 'Jiná organizace', autoLockMinutes: 30 });
    expect(s.ok).toBe(false);
    expect(inst.snapshot()).toEqual(before);
    expect(verifyAudit(db()).ok).toBe(true);
  });
});

describe('failed logins', () => {
  it('failed logins while locked appear in the audit log after the next successful login', async () => {
    inst = await new TempInstallation().setup();
    await inst.call('session.lock', { reason: 'user' });
    const wrong = await inst.raw('session.login', { username: ADMIN.username, password: 'not the password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await new Promise((r) => setTimeout(r, 1100)); // the growing delay after a wrong password
    const unknown = await inst.raw('session.login', { username: 'nobody', password: 'whatever password' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await inst.call('session.login', { username: ADMIN.username, password: ADMIN.password });

    const { entries } = await inst.call('audit.list', { limit: 100 });
    const failed = entries.filter((e) => e.action === 'session.loginFailed');
    expect(failed.map((e) => e.actorName).sort()).toEqual(['admin', 'nobody']);
    const login = entries.find((e) => e.action === 'session.login')!;
    for (const f of failed) {
      expect(f.seq).toBeLessThan(login.seq);
      expect(f.actorId).toBeNull();
      expect(JSON.stringify(f)).not.toContain('not the password');
    }
    expect(verifyAudit(db()).ok).toBe(true);
  });
});
