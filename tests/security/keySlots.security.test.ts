import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import { tableChecksums } from '../helpers/tableChecksums';
import { createBackend } from '../../electron/node/backend';
import { lookupFor, TEST_KDF_ENV, unlockWithPassword } from '../../electron/node/keyslots/keySlots';
import { keySlotFileSystem, readKeySlotFile } from '../../electron/node/keyslots/keySlotFile';

// Cheap Argon2id for this file only: honoured because these installations carry the test-only marker.
beforeAll(() => {
  process.env[TEST_KDF_ENV] = '1';
});

let inst: TempInstallation | undefined;
afterEach(() => {
  keySlotFileSystem.reset();
  process.env[TEST_KDF_ENV] = '1';
  inst?.dispose();
  inst = undefined;
});

const JANA = { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker' as const, password: 'jana password 123' };
const slotPath = (i: TempInstallation) => path.join(i.dir, 'throughcare.keys.json');
const prevPath = (i: TempInstallation) => `${slotPath(i)}.prev`;

async function installation(): Promise<TempInstallation> {
  inst = await new TempInstallation().setup();
  await inst.call('users.create', JANA);
  await inst.call('session.lock', { reason: 'user' });
  return inst;
}

async function opens(i: TempInstallation, username: string, password: string): Promise<boolean> {
  const r = await i.raw('session.login', { username, password });
  if (r.ok) await i.call('session.lock', { reason: 'user' });
  else i.backend.throttle.recordSuccess(username); // the growing delay is not what these tests are about
  return r.ok;
}

async function recoveryOpens(i: TempInstallation): Promise<boolean> {
  const r = await i.raw('session.unlockWithRecoveryKey', { recoveryKey: i.recoveryKey });
  if (r.ok) await i.call('session.lock', { reason: 'user' });
  i.backend.throttle.recordSuccess('#recovery');
  return r.ok;
}

/** Changes one character of the JSON text inside the value at `pathInFile` (a string or number field). */
function damageField(file: string, pathInFile: (string | number)[]): void {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  let parent = json;
  for (const key of pathInFile.slice(0, -1)) parent = parent[key];
  const last = pathInFile.at(-1)!;
  const value = parent[last];
  if (typeof value === 'number') parent[last] = value + 1;
  else if (typeof value === 'string' && value.length) {
    const i = Math.floor(value.length / 2);
    const c = value[i] === 'A' ? 'B' : 'A';
    parent[last] = value.slice(0, i) + c + value.slice(i + 1);
  } else parent[last] = 'x';
  writeFileSync(file, JSON.stringify(json, null, 2));
}

function janaSlotIndex(text: string): number {
  const json = JSON.parse(text) as { databaseId: string; slots: { lookup: string | null }[] };
  const index = json.slots.findIndex((slot) => slot.lookup === lookupFor(json.databaseId, JANA.username));
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

describe('test-only Argon2id parameters', () => {
  it('are refused without the test setting, and refused in a file without the test marker even with it', async () => {
    const i = await installation();
    expect(readKeySlotFile(slotPath(i)).testOnly).toBe(true);
    delete process.env[TEST_KDF_ENV];
    expect(await i.raw('session.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', messageKey: 'errors.store.weakParameters' },
    });
    process.env[TEST_KDF_ENV] = '1';
    for (const file of [slotPath(i), prevPath(i)]) {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      delete json.testOnly;
      writeFileSync(file, JSON.stringify(json));
    }
    expect(await i.raw('session.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', messageKey: 'errors.store.weakParameters' },
    });
  });

  it('an installation made without the setting uses the full parameters and carries no marker', async () => {
    delete process.env[TEST_KDF_ENV];
    inst = await new TempInstallation().setup();
    const file = readKeySlotFile(slotPath(inst));
    expect(file.testOnly).toBeUndefined();
    expect(file.slots.find((s) => s.kind === 'password')!.kdf).toMatchObject({ memoryKiB: 64 * 1024, iterations: 3 });
  });
});

describe('Argon2id upper bounds (issue 10 item 8)', () => {
  it('a slot asking for 4 GiB or 1000 passes is refused before anything is derived', async () => {
    const i = await installation();
    for (const [field, value] of [['memoryKiB', 4 * 1024 * 1024], ['iterations', 1000], ['parallelism', 4096]] as const) {
      for (const file of [slotPath(i), prevPath(i)]) {
        const json = JSON.parse(readFileSync(file, 'utf8'));
        for (const s of json.slots) if (s.kind === 'password') s.kdf[field] = value;
        writeFileSync(file, JSON.stringify(json));
      }
      const file = readKeySlotFile(slotPath(i));
      await expect(unlockWithPassword(file, ADMIN.username, ADMIN.password)).rejects.toMatchObject({ kind: 'kdfOutOfBounds' });
    }
  });
});

describe('one changed byte in the key-slot file', () => {
  it('outside the slot in use, with no previous generation beside it, refuses nobody and is repaired', async () => {
    const i = await installation();
    const original = readFileSync(slotPath(i), 'utf8');
    const janaIndex = janaSlotIndex(original);
    const fields: (string | number)[][] = [['installation', 'organisation'], ['installation', 'workstation'], ['generation'], ['mac'], ['anchor', 'hash'], ['type'], ['version']];
    for (const key of ['id', 'lookup', 'userId', 'nonce', 'wrapped']) fields.push(['slots', janaIndex, key]);
    for (const key of ['salt', 'memoryKiB']) fields.push(['slots', janaIndex, 'kdf', key]);
    expect(fields.length).toBeGreaterThan(12);
    for (const field of fields) {
      writeFileSync(slotPath(i), original);
      rmSync(prevPath(i), { force: true });
      damageField(slotPath(i), field);
      const who = field[0] === 'slots' ? ADMIN : { username: JANA.username, password: JANA.password };
      expect(await opens(i, who.username, who.password), `password after damage to ${field.join('.')}`).toBe(true);
      rmSync(prevPath(i), { force: true });
      damageField(slotPath(i), field);
      expect(await recoveryOpens(i), `recovery key after damage to ${field.join('.')}`).toBe(true);
      // repaired from the database's copy: every slot opens again
      expect(await opens(i, JANA.username, JANA.password)).toBe(true);
      expect(await opens(i, ADMIN.username, ADMIN.password)).toBe(true);
    }
  });

  it('inside the slot in use, or in the database id, the previous generation still opens it', async () => {
    const i = await installation();
    const original = readFileSync(slotPath(i), 'utf8');
    const janaIndex = janaSlotIndex(original);
    const fields: (string | number)[][] = [['databaseId']];
    for (const key of ['id', 'lookup', 'userId', 'nonce', 'wrapped']) fields.push(['slots', janaIndex, key]);
    for (const key of ['salt', 'iterations']) fields.push(['slots', janaIndex, 'kdf', key]);
    for (const field of fields) {
      writeFileSync(slotPath(i), original);
      damageField(slotPath(i), field);
      const unlocked = await opens(i, JANA.username, JANA.password);
      expect(unlocked, `after damage to ${field.join('.')}`).toBe(true);
      // repaired: the file is again the one written before the damage, slot for slot
      expect(readKeySlotFile(slotPath(i)).slots).toEqual(JSON.parse(original).slots);
      expect(readKeySlotFile(slotPath(i)).databaseId).toBe(JSON.parse(original).databaseId);
    }
  });
});

describe('a rolled-back key-slot file', () => {
  it("does not revive a removed user's slot, nor refuse a newer user once anyone has unlocked", async () => {
    inst = await new TempInstallation().setup();
    const petr = await inst.call('users.create', { username: 'petr', displayName: 'Petr', role: 'clinician', password: 'petr password 123' });
    await inst.call('session.lock', { reason: 'user' });
    const old = readFileSync(slotPath(inst));
    await inst.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    await inst.call('users.remove', { id: petr.id });
    await inst.call('users.create', { username: 'eva', displayName: 'Eva', role: 'caseworker', password: 'eva password 1234' });
    await inst.call('session.lock', { reason: 'user' });
    writeFileSync(slotPath(inst), old);
    writeFileSync(prevPath(inst), old);

    const revived = await inst.raw('session.login', { username: 'petr', password: 'petr password 123' });
    expect(revived).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', messageKey: 'errors.store.keySlotRevoked' } });
    expect((await inst.call('app.status', {})).state).toBe('locked');
    // the refusal already repaired the file: the revived slot is gone, the newer user is back
    const repaired = readKeySlotFile(slotPath(inst));
    expect(repaired.slots.some((s) => s.userId === petr.id)).toBe(false);
    expect(await opens(inst, 'eva', 'eva password 1234')).toBe(true);
    await inst.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await inst.call('audit.list', { limit: 100 });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['keySlots.repaired', 'session.revokedSlotRefused']));
    expect(entries.find((e) => e.action === 'keySlots.repaired')!.details).toMatchObject({ reason: 'stale' });
  });
});

describe('key-slot writes', () => {
  it('a writer that writes a few bytes at a time still produces the whole file', async () => {
    const i = await installation();
    await i.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    keySlotFileSystem.current = { ...keySlotFileSystem.current, writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, Math.min(len, 7)) };
    await i.call('users.create', { username: 'eva', displayName: 'Eva', role: 'caseworker', password: 'eva password 1234' });
    keySlotFileSystem.reset();
    await i.call('session.lock', { reason: 'user' });
    expect(await opens(i, 'eva', 'eva password 1234')).toBe(true);
  });

  for (const fault of ['ENOSPC after half the file', 'read-back differs'] as const) {
    it(`${fault}: refused, nothing changed in any table, the old file intact, no temp file left`, async () => {
      const i = await installation();
      await i.call('session.login', { username: ADMIN.username, password: ADMIN.password });
      const sqlite = i.backend.session!.store.sqlite;
      const before = tableChecksums(sqlite);
      const fileBefore = readFileSync(slotPath(i));
      const prevBefore = readFileSync(prevPath(i));
      let written = 0;
      keySlotFileSystem.current =
        fault === 'ENOSPC after half the file'
          ? {
              ...keySlotFileSystem.current,
              writeSync: (fd, buf, off, len) => {
                if (written > 600) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
                const n = writeSync(fd, buf, off, Math.min(len, 512));
                written += n;
                return n;
              },
            }
          : { ...keySlotFileSystem.current, readFileSync: () => Buffer.from('{}') };
      const r = await i.raw('users.create', { username: 'eva', displayName: 'Eva', role: 'caseworker', password: 'eva password 1234' });
      keySlotFileSystem.reset();
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: fault === 'read-back differs' ? 'errors.store.damaged' : 'errors.store.diskFull' } });
      expect(tableChecksums(sqlite)).toEqual(before);
      expect(readFileSync(slotPath(i))).toEqual(fileBefore);
      expect(readFileSync(prevPath(i))).toEqual(prevBefore);
      expect(readdirSync(i.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
      await i.call('session.lock', { reason: 'user' });
      expect(await opens(i, JANA.username, JANA.password)).toBe(true);
      expect(await opens(i, 'eva', 'eva password 1234')).toBe(false);
      expect(await recoveryOpens(i)).toBe(true);
    });
  }

  it('five users created at once all keep their slots', async () => {
    const i = await installation();
    await i.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    const names = ['ava', 'bob', 'cyril', 'dana', 'emil'];
    const results = await Promise.all(names.map((n) => i.raw('users.create', { username: n, displayName: n, role: 'caseworker', password: `${n} password 12345` })));
    expect(results.every((r) => r.ok)).toBe(true);
    await i.call('session.lock', { reason: 'user' });
    for (const n of names) expect(await opens(i, n, `${n} password 12345`), n).toBe(true);
  });
});

describe('the audit anchor outside the database', () => {
  it('a database that lost its newest history says so at unlock with the count, and audit verify is not intact', async () => {
    const i = await installation();
    const saved = path.join(i.dir, 'older');
    mkdirSync(saved);
    i.backend.close(); // checkpoints the WAL into the file; releases the folder
    copyFileSync(path.join(i.dir, 'throughcare.db'), path.join(saved, 'throughcare.db'));
    const b = createBackend({ dataDir: i.dir });
    const login = await b.invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(login).toMatchObject({ ok: true, value: { auditAnchor: { state: 'ok' } } });
    await b.invoke('users.create', { username: 'eva', displayName: 'Eva', role: 'caseworker', password: 'eva password 1234' });
    await b.invoke('settings.update', { autoLockMinutes: 9 });
    b.close();
    // the database goes back to its older state (a lost WAL, a copied-back file); the anchor beside it does not
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(i.dir, `throughcare.db${suffix}`), { force: true });
    copyFileSync(path.join(saved, 'throughcare.db'), path.join(i.dir, 'throughcare.db'));
    const again = createBackend({ dataDir: i.dir });
    try {
      const r = await again.invoke('session.login', { username: JANA.username, password: JANA.password });
      expect(r.ok).toBe(true);
      const missing = r.ok ? (r.value as { auditAnchor: { state: string; missing: number } }).auditAnchor : null;
      expect(missing?.state).toBe('lost');
      expect(missing?.missing).toBeGreaterThanOrEqual(4); // login, user.created, settings.updated, lock
      await again.invoke('session.lock', { reason: 'user' });
      await again.invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
      const verify = await again.invoke('audit.verify', {});
      expect(verify).toMatchObject({ ok: true, value: { ok: false, reason: 'historyLost' } });
    } finally {
      again.close();
    }
    expect(existsSync(path.join(i.dir, 'throughcare.lock'))).toBe(true);
  });
});

