import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ADMIN, TempInstallation } from '../helpers/tempInstallation';
import { runDoctor } from '../../electron/node/backup/doctor';
import { KEY_SLOT_FILE_NAME } from '../../electron/node/keyslots/keySlots';

/**
 * `doctor` compares what lives outside the database (the key-slot file with its audit anchor) with what lives
 * inside (the authoritative key-slot copy, the audit chain): a database that lost its newest history, and a
 * key-slot file put back from an older copy, are both named with the way out.
 */
const password = { username: ADMIN.username, password: ADMIN.password };
let inst: TempInstallation | undefined;
afterEach(() => {
  inst?.dispose();
  inst = undefined;
});

describe('doctor: anchor and inside copy', () => {
  it('a healthy installation passes every check, including the anchor and the inside copy', async () => {
    inst = await new TempInstallation().setup();
    await inst.call('session.lock', {});
    const findings = await runDoctor(inst.dir, password);
    expect(findings.map((f) => [f.check, f.ok])).toEqual(
      expect.arrayContaining([['keySlots', true], ['keySlotCopy', true], ['database', true], ['auditChain', true], ['auditAnchor', true]]),
    );
    expect(findings.every((f) => f.ok)).toBe(true);
  });

  it('a database put back from an older copy, behind the anchor, is reported as lost history with the count', async () => {
    inst = await new TempInstallation().setup();
    await inst.call('session.lock', {});
    const db = path.join(inst.dir, 'throughcare.db');
    const older = path.join(inst.dir, 'older.db');
    copyFileSync(db, older); // the lock checkpointed and closed: the main file is the whole database

    await inst.call('session.login', password);
    await inst.call('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'jana password 123' });
    await inst.call('session.lock', {});
    inst.backend.close();
    // The newer key-slot file (anchor past the older database's head, same slots) stays; the database goes back.
    copyFileSync(older, db);
    for (const side of ['-wal', '-shm']) if (existsSync(db + side)) rmSync(db + side);

    const findings = await runDoctor(inst.dir, password);
    const anchor = findings.find((f) => f.check === 'auditAnchor');
    expect(anchor).toMatchObject({ ok: false, wayOut: expect.stringContaining('restore') });
    expect(anchor!.detail).toMatch(/^\d+ acknowledged audit entr(y is|ies are) missing/);
    expect(Number(anchor!.detail.split(' ')[0])).toBeGreaterThan(0);
  });

  it('a key-slot file rolled back to an older generation is named, and the way out is one unlock', async () => {
    inst = await new TempInstallation().setup();
    const slots = path.join(inst.dir, KEY_SLOT_FILE_NAME);
    const olderSlots = path.join(inst.dir, 'older.keys.json');
    copyFileSync(slots, olderSlots);
    await inst.call('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'jana password 123' });
    await inst.call('session.lock', {});
    inst.backend.close();
    copyFileSync(olderSlots, slots);

    const findings = await runDoctor(inst.dir, password);
    const copy = findings.find((f) => f.check === 'keySlotCopy');
    expect(copy).toMatchObject({ ok: false, wayOut: expect.stringContaining('unlock') });
    expect(copy!.detail).toMatch(/older generation/);
  });
});
