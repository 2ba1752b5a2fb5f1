import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import { unlockWithPassword } from '../../electron/node/keyslots/keySlots';
import { readKeySlotFile } from '../../electron/node/keyslots/keySlotFile';
import { applyCipherKey } from '../../electron/node/store/open';

let inst: TempInstallation;
afterEach(() => inst?.dispose());

describe('encrypted store', () => {
  it('the database file contains none of the plaintext written into it', async () => {
    inst = await new TempInstallation().setup();
    const marker = 'Žluťoučký-kůň-ZZQX-marker';
    await inst.call('users.create', { username: 'marker.user', displayName: marker, role: 'caseworker', password: 'another long password' });
    await inst.call('drafts.save', { formKey: 'client:new', data: { notes: marker } });
    inst.backend.close(); // checkpoint WAL into the main file
    const files = readdirSync(inst.dir).filter((f) => f.startsWith('throughcare.db'));
    for (const f of files) {
      const bytes = readFileSync(path.join(inst.dir, f));
      expect(bytes.includes(Buffer.from(marker, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from('marker.user'))).toBe(false);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    }
  });

  it('opens with the standard SQLCipher v4 parameters and the data key, and fails with a wrong key', async () => {
    inst = await new TempInstallation().setup();
    const dataKey = Buffer.from(inst.backend.session!.dataKey);
    inst.backend.close();
    const dbFile = path.join(inst.dir, 'throughcare.db');

    const ok = new Database(dbFile, { readonly: true });
    applyCipherKey(ok, dataKey);
    expect(ok.prepare('SELECT username FROM users').all()).toEqual([{ username: ADMIN.username }]);
    ok.close();

    const wrong = new Database(dbFile, { readonly: true });
    applyCipherKey(wrong, Buffer.alloc(32, 7));
    expect(() => wrong.prepare('SELECT count(*) FROM users').get()).toThrow(/not a database/);
    wrong.close();

  });

  it('a database without key slots is named at login, can be set up again, and is never overwritten (moved aside)', async () => {
    inst = new TempInstallation();
    writeFileSync(path.join(inst.dir, 'throughcare.db'), 'not ours at all');
    const login = await inst.raw('session.login', { username: 'admin', password: ADMIN.password });
    expect(login).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.store.keySlotsMissing' } });
    expect(readFileSync(path.join(inst.dir, 'throughcare.db'), 'utf8')).toBe('not ours at all');
    const r = await inst.raw('setup.initialize', { organisation: 'X', workstation: 'Y', admin: ADMIN });
    expect(r.ok).toBe(true);
    const aside = readdirSync(inst.dir).find((f) => f.startsWith('abandoned-setup-'))!;
    expect(readFileSync(path.join(inst.dir, aside, 'throughcare.db'), 'utf8')).toBe('not ours at all');
  });
});

describe('key slots', () => {
  it('unlocks by each user password and by the recovery key; a password change rewrites only the slot', async () => {
    inst = await new TempInstallation().setup();
    await inst.call('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'jana password 123' });
    const dbBefore = readFileSync(path.join(inst.dir, 'throughcare.db'));
    await inst.call('session.lock', { reason: 'user' });

    expect((await inst.call('session.login', { username: 'jana', password: 'jana password 123' })).user.role).toBe('caseworker');
    await inst.call('session.changeOwnPassword', { currentPassword: 'jana password 123', newPassword: 'jana new password 456' });
    await inst.call('session.lock', { reason: 'user' });
    expect((await inst.raw('session.login', { username: 'jana', password: 'jana password 123' })).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 1100)); // the growing delay after a wrong password
    expect((await inst.call('session.login', { username: 'jana', password: 'jana new password 456' })).user.username).toBe('jana');
    await inst.call('session.lock', { reason: 'user' });

    const rec = await inst.call('session.unlockWithRecoveryKey', { recoveryKey: inst.recoveryKey.toLowerCase() });
    expect(rec.admins.map((a) => a.username)).toEqual(['admin']);
    await inst.call('session.recoverySetPassword', { userId: rec.admins[0]!.id, newPassword: 'brand new admin pass' });
    expect((await inst.call('app.status', {})).state).toBe('unlocked');
    await inst.call('session.lock', { reason: 'user' });
    expect((await inst.call('session.login', { username: 'admin', password: 'brand new admin pass' })).user.role).toBe('admin');
    // The database itself was never re-encrypted: its first page (with the salt) is unchanged.
    expect(readFileSync(path.join(inst.dir, 'throughcare.db')).subarray(0, 4096)).toEqual(dbBefore.subarray(0, 4096));
  });

  it('removing a user revokes that slot', async () => {
    inst = await new TempInstallation().setup();
    const u = await inst.call('users.create', { username: 'petr', displayName: 'Petr', role: 'clinician', password: 'petr password 123' });
    await inst.call('users.remove', { id: u.id });
    const file = readKeySlotFile(path.join(inst.dir, 'throughcare.keys.json'));
    expect(file.slots.some((s) => s.userId === u.id)).toBe(false);
    expect(await unlockWithPassword(file, 'petr', 'petr password 123')).toBeNull();
    await inst.call('session.lock', { reason: 'user' });
    expect(await inst.raw('session.login', { username: 'petr', password: 'petr password 123' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('damage to one copy of the key slots never refuses a valid password; damage to both is named', async () => {
    inst = await new TempInstallation().setup();
    await inst.call('session.lock', { reason: 'user' });
    const slotPath = path.join(inst.dir, 'throughcare.keys.json');
    const prevPath = `${slotPath}.prev`;
    const original = readFileSync(slotPath, 'utf8');
    const login = async () => {
      const r = await inst.raw('session.login', { username: 'admin', password: ADMIN.password });
      if (r.ok) await inst.call('session.lock', { reason: 'user' });
      return r;
    };

    const dropRecovery = JSON.parse(original);
    dropRecovery.slots = dropRecovery.slots.filter((s: { kind: string }) => s.kind !== 'recovery');
    writeFileSync(slotPath, JSON.stringify(dropRecovery));
    expect((await login()).ok).toBe(true);
    // repaired from the copy inside the database: the recovery slot is back
    expect(readKeySlotFile(slotPath).slots.some((s) => s.kind === 'recovery')).toBe(true);

    const weak = JSON.parse(readFileSync(slotPath, 'utf8'));
    weak.slots.find((s: { kind: string }) => s.kind === 'password').kdf.memoryKiB = 1024;
    writeFileSync(slotPath, JSON.stringify(weak));
    writeFileSync(prevPath, JSON.stringify(weak));
    expect(await login()).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.store.weakParameters' } });

    writeFileSync(slotPath, '{"type": "throughcare/keyslots", "ver');
    writeFileSync(prevPath, '{"type": "throughcare/keyslots", "ver');
    expect(await login()).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.store.keySlotsCorrupt' } });
    // Never overwritten by the failed attempts.
    expect(readFileSync(slotPath, 'utf8')).toBe('{"type": "throughcare/keyslots", "ver');

    writeFileSync(prevPath, original);
    expect((await login()).ok).toBe(true);
    expect(readKeySlotFile(slotPath).slots.length).toBe(2);
  });

  it('a missing key-slot file gives a clear error', async () => {
    inst = await new TempInstallation().setup();
    await inst.call('session.lock', { reason: 'user' });
    const { rmSync } = await import('node:fs');
    rmSync(path.join(inst.dir, 'throughcare.keys.json'));
    // the previous generation beside it still opens, and the file is rewritten
    expect((await inst.raw('session.login', { username: 'admin', password: ADMIN.password })).ok).toBe(true);
    await inst.call('session.lock', { reason: 'user' });
    rmSync(path.join(inst.dir, 'throughcare.keys.json'));
    rmSync(path.join(inst.dir, 'throughcare.keys.json.prev'));
    const r = await inst.raw('session.login', { username: 'admin', password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.store.keySlotsMissing' } });
    expect((await inst.call('app.status', {})).state).toBe('locked');
  });
});
