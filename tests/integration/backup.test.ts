import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { ADMIN, TempInstallation } from '../helpers/tempInstallation';
import { tableChecksums } from '../helpers/tableChecksums';
import { createBackend } from '../../electron/node/backend';
import { generateDemoData } from '../../electron/node/demo/demoData';
import { listUsers } from '../../electron/node/users/userRepository';
import { openRaw } from '../../electron/node/backup/backupService';
import { inspectBackup } from '../../electron/node/backup/restore';
import { runDoctor } from '../../electron/node/backup/doctor';
import { verifyAudit } from '../../electron/node/audit/auditLog';
import * as schema from '../../electron/node/store/schema';

/**
 * Backup and restore (SPEC W12) on real encrypted files: back up, damage the original (a page of the database,
 * a frame of the write-ahead log), see unlock and `doctor` name the damage, restore, and compare the content of
 * every table and the audit chain with the backup.
 */

const password = { username: ADMIN.username, password: ADMIN.password };
let inst: TempInstallation | undefined;
const cleanup: string[] = [];
afterEach(() => {
  inst?.dispose();
  inst = undefined;
  for (const dir of cleanup.splice(0)) {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `throughcare-${name}-`));
  cleanup.push(dir);
  return dir;
}

/** A tmpfs of this size at a new folder, or null (with the reason printed) where this machine cannot mount one. */
function smallMount(options: string): string | null {
  const dir = tempDir('mount');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(`skipped: cannot mount a tmpfs here (${(r.stderr || r.error?.message || 'not permitted').trim()})\n`);
    return null;
  }
  return dir;
}

async function withDemoData(i: TempInstallation, clients: number, notes: number): Promise<void> {
  const store = i.backend.session!.store;
  generateDemoData(store.db, store.sqlite, listUsers(store.db, false).map((u) => u.id), { clients, notes });
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Table checksums and audit verdict of a database file opened on its own with the data key. */
function contentOf(dbPath: string, dataKey: Buffer) {
  const sqlite = openRaw(dbPath, dataKey);
  try {
    return { tables: tableChecksums(sqlite), audit: verifyAudit(drizzle(sqlite, { schema })) };
  } finally {
    sqlite.close();
  }
}

describe('backup and restore', () => {
  it('restores every row and the audit chain after the database was damaged; unlock and doctor name the damage', async () => {
    inst = await new TempInstallation().setup();
    await withDemoData(inst, 40, 400);
    const usb = tempDir('usb');
    const atBackup = tableChecksums(inst.backend.session!.store.sqlite);
    const created = await inst.call('backup.create', { folder: usb });
    expect(path.dirname(created.file)).toBe(usb);
    expect(readdirSync(usb)).toEqual([path.basename(created.file)]);
    const dataKey = Buffer.from(inst.backend.session!.dataKey);
    await inst.call('session.lock', { reason: 'user' });
    inst.backend.close();

    // One flipped byte in a page in the middle of the file: the quick check at unlock does not read that page,
    // doctor's full check does.
    const dbPath = path.join(inst.dir, 'throughcare.db');
    const bytes = readFileSync(dbPath);
    const pages = bytes.length / 4096;
    bytes[Math.floor(pages / 2) * 4096 + 700]! ^= 0x01;
    writeFileSync(dbPath, bytes);
    const damagedSha = sha(dbPath);
    const findings = await runDoctor(inst.dir, password);
    expect(findings.find((f) => f.check === 'database')).toMatchObject({ ok: false, wayOut: expect.stringContaining('restore') });
    expect(sha(dbPath)).toBe(damagedSha); // doctor changed nothing

    // Damage on the first page is found at unlock, with its own sentence and the way out.
    const firstPage = readFileSync(dbPath);
    firstPage[2000]! ^= 0x01;
    writeFileSync(dbPath, firstPage);
    const damagedAgainSha = sha(dbPath);
    const backend = createBackend({ dataDir: inst.dir });
    try {
      const login = await backend.invoke('session.login', password);
      expect(login).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.integrity.damaged' } });
      expect(JSON.stringify(login)).toMatch(/Restore the last backup/);

      // Without confirmation a restore over the installation is refused and changes nothing.
      const refused = await backend.invoke('backup.restore', { file: created.file, secret: password });
      expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors.backup.installationExists' } });
      expect(sha(dbPath)).toBe(damagedAgainSha);

      const restored = await backend.invoke('backup.restore', { file: created.file, secret: { recoveryKey: inst.recoveryKey }, replaceExisting: true });
      expect(restored.ok).toBe(true);
      const movedAsideTo = (restored as { value: { movedAsideTo: string } }).value.movedAsideTo;
      expect(sha(path.join(movedAsideTo, 'throughcare.db'))).toBe(damagedAgainSha); // moved aside, never deleted

      const after = contentOf(dbPath, dataKey);
      expect(after.tables).toEqual(atBackup);
      expect(after.audit).toMatchObject({ ok: true, count: created.auditSeq });

      // The restored installation opens with the password valid at backup time; the restore itself is then audited.
      expect((await backend.invoke('session.login', password)).ok).toBe(true);
      const verify = await backend.invoke('audit.verify', {});
      expect(verify).toMatchObject({ ok: true, value: { ok: true, count: created.auditSeq + 2 } });
    } finally {
      backend.close();
    }
  });

  it('a flipped byte in the write-ahead log is reported at unlock and by doctor, changes nothing, and restore repairs it', async () => {
    inst = await new TempInstallation().setup();
    const usb = tempDir('usb');
    const created = await inst.call('backup.create', { folder: usb });
    for (let i = 0; i < 5; i += 1) await inst.call('drafts.save', { formKey: `client:new-${i}`, data: { notes: `draft ${i}` } });
    // Power loss now: the acknowledged drafts live only in the write-ahead log.
    const crashed = tempDir('crashed');
    for (const f of ['throughcare.db', 'throughcare.db-wal', 'throughcare.keys.json']) copyFileSync(path.join(inst.dir, f), path.join(crashed, f));
    const walPath = path.join(crashed, 'throughcare.db-wal');
    const wal = readFileSync(walPath);
    expect(wal.length).toBeGreaterThan(32 + 24 + 4096);
    wal[32 + 24 + 1000]! ^= 0x01; // inside the first frame's page
    writeFileSync(walPath, wal);
    const walSha = sha(walPath);

    const backend = createBackend({ dataDir: crashed });
    try {
      const login = await backend.invoke('session.login', password);
      expect(login).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.integrity.walDamaged' } });
      expect((login as unknown as { error: { params: { count: number } } }).error.params.count).toBeGreaterThanOrEqual(1);
      expect(sha(walPath)).toBe(walSha);

      const findings = await runDoctor(crashed, password);
      expect(findings.find((f) => f.check === 'writeAheadLog')).toMatchObject({ ok: false });
      expect(findings.find((f) => f.check === 'database')).toMatchObject({ ok: true });
      expect(sha(walPath)).toBe(walSha);

      expect((await backend.invoke('backup.restore', { file: created.file, secret: password, replaceExisting: true })).ok).toBe(true);
      expect(existsSync(walPath)).toBe(false);
      expect(await runDoctor(crashed, password)).toSatisfy((all: { ok: boolean }[]) => all.every((f) => f.ok));
    } finally {
      backend.close();
    }
  });

  it('backs up online while the app keeps writing; every acknowledged write stays, and the backup is a consistent snapshot', async () => {
    inst = await new TempInstallation().setup();
    await withDemoData(inst, 150, 3000);
    const usb = tempDir('usb');
    const backup = inst.call('backup.create', { folder: usb });
    let done = false;
    void backup.finally(() => (done = true));
    let writtenDuring = 0;
    for (let i = 0; !done && i < 2000; i += 1) {
      await new Promise((r) => setImmediate(r));
      await inst.call('drafts.save', { formKey: `client:new-${i}`, data: { notes: `during backup ${i}` } });
      writtenDuring += 1;
    }
    const created = await backup;
    expect(writtenDuring).toBeGreaterThan(0);
    const live = inst.backend.session!.store.sqlite;
    expect((live.prepare(`SELECT count(*) AS n FROM drafts WHERE form_key LIKE 'client:new-%'`).get() as { n: number }).n).toBe(writtenDuring);
    expect((await inst.call('audit.verify', {})).ok).toBe(true);

    const inspection = await inspectBackup(created.file, password);
    expect(inspection.opened).toMatchObject({ integrityOk: true, auditOk: true });
    expect(inspection.manifest.auditHead.seq).toBe(created.auditSeq);
    // The manifest names the generation of the authoritative key slots that the backup carries.
    const generation = (live.prepare('SELECT generation FROM key_slot_copy WHERE id = 1').get() as { generation: number }).generation;
    expect(inspection.manifest.generation).toBe(generation);
  });

  it('a read-only folder and a full disk are refused with their own sentence and leave nothing behind', async () => {
    inst = await new TempInstallation().setup();
    await withDemoData(inst, 40, 400);
    const readOnly = smallMount('ro,size=1m');
    const full = smallMount('size=64k');
    const before = tableChecksums(inst.backend.session!.store.sqlite);
    if (readOnly) {
      const r = await inst.raw('backup.create', { folder: readOnly });
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.backup.folderReadOnly' } });
      expect(readdirSync(readOnly)).toEqual([]);
    }
    if (full) {
      const r = await inst.raw('backup.create', { folder: full });
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE', messageKey: 'errors.backup.diskFull' } });
      expect(readdirSync(full)).toEqual([]);
    }
    const missing = await inst.raw('backup.create', { folder: path.join(tmpdir(), 'no-such-folder-throughcare') });
    expect(missing).toMatchObject({ ok: false, error: { messageKey: 'errors.backup.folderMissing' } });
    expect(tableChecksums(inst.backend.session!.store.sqlite)).toEqual(before);
  });

  it('keeps the newest N backups, says when the last one was made, and verify refuses a damaged or foreign file', async () => {
    inst = await new TempInstallation().setup();
    const usb = tempDir('usb');
    const other = path.join(usb, 'holiday-photo.jpg');
    writeFileSync(other, 'not ours');
    expect(await inst.call('backup.status', {})).toMatchObject({ lastBackupAt: null, overdue: true, keep: 10, warnAfterDays: 7 });
    await inst.call('backup.updateSettings', { keep: 2 });
    const files = [];
    for (let i = 0; i < 3; i += 1) files.push((await inst.call('backup.create', { folder: usb })).file);
    const listed = await inst.call('backup.list', { folder: usb });
    expect(listed.map((b) => b.file)).toEqual([files[2], files[1]]);
    expect(existsSync(other)).toBe(true);
    expect(await inst.call('backup.status', {})).toMatchObject({ lastBackupFile: files[2], daysSinceLastBackup: 0, overdue: false, folder: usb });

    const damaged = path.join(usb, 'damaged.tcbackup');
    const bytes = readFileSync(files[2]!);
    bytes[5000]! ^= 0x01; // inside the database entry
    writeFileSync(damaged, bytes);
    await expect(inspectBackup(damaged)).rejects.toMatchObject({ messageKey: 'errors.backup.damaged', params: { part: 'throughcare.db' } });
    await expect(inspectBackup(other)).rejects.toMatchObject({ messageKey: 'errors.backup.notABackup' });
    await expect(inspectBackup(files[2]!, { username: ADMIN.username, password: 'not the password at all' })).rejects.toMatchObject({
      messageKey: 'errors.backup.wrongSecret',
    });
    const restoreDir = path.join(tempDir('restore'), 'new');
    const restorer = createBackend({ dataDir: restoreDir });
    const r = await restorer.invoke('backup.restore', { file: damaged, secret: password });
    expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.backup.damaged' } });
    // Nothing of an installation was written; only the running process's folder lock is there.
    expect(readdirSync(restoreDir).filter((f) => !f.startsWith('throughcare.lock'))).toEqual([]);
    restorer.close();
  });
});

describe('backup CLI', () => {
  it('backup create, backup verify, doctor and restore as child processes: --json, one-line errors, non-zero exits', async () => {
    inst = await new TempInstallation().setup();
    const recoveryKey = inst.recoveryKey;
    inst.backend.close();
    const { runCli } = await import('../helpers/cliProcess');
    const env = { THROUGHCARE_PASSWORD: ADMIN.password };
    const usb = tempDir('usb');

    const created = runCli(['backup', 'create', '--data', inst.dir, '--out', usb, '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const file = (JSON.parse(created.stdout) as { file: string }).file;
    expect(existsSync(file)).toBe(true);

    const verified = runCli(['backup', 'verify', file, '--recovery-key', recoveryKey, '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, opened: { integrityOk: true, auditOk: true } });

    rmSync(path.join(inst.dir, 'throughcare.keys.json'));
    const doctor = runCli(['doctor', '--data', inst.dir], env);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/PROBLEM keySlots: .*way out: restore/);

    const target = path.join(tempDir('restored'), 'data');
    mkdirSync(target);
    const restored = runCli(['restore', file, '--data', target, '--recovery-key', recoveryKey, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    const again = runCli(['restore', file, '--data', target, '--recovery-key', recoveryKey]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already holds data/);
    const healthy = runCli(['doctor', '--data', target, '--json'], env);
    expect(healthy.code, healthy.stdout).toBe(0);
  }, 600_000); // six real CLI processes, each with its own Argon2id, on a shared machine
});
