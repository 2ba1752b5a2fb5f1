import { drizzle } from 'drizzle-orm/better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { backupSecretSchema } from '../../../shared/api/calls/backup';
import type { BackupInspection, BackupManifest } from '../../../shared/schemas/backup';
import * as schema from '../store/schema';
import { fullCheck } from '../store/integrity';
import { keySlotFileSchema, KEY_SLOT_FILE_NAME, unlockWithPassword, unlockWithRecovery, type KeySlotFile } from '../keyslots/keySlots';
import { writeKeySlotFile } from '../keyslots/keySlotFile';
import { parseRecoveryKey } from '../keyslots/recoveryKey';
import { verifyAudit } from '../audit/auditLog';
import { readBackupFile, ENTRY } from './backupFile';
import { BackupError, writeFailure } from './backupError';
import { openRaw } from './backupService';
import { fsyncFolder } from '../store/fsyncFolder';

export type BackupSecret = z.output<typeof backupSecretSchema>;

/** Files of an installation that a restore replaces (moved aside, never deleted). */
const INSTALLATION_FILES = ['throughcare.db', 'throughcare.db-wal', 'throughcare.db-shm', KEY_SLOT_FILE_NAME, `${KEY_SLOT_FILE_NAME}.prev`, 'pending-audit.jsonl'];

export async function dataKeyFor(keySlots: KeySlotFile, secret: BackupSecret): Promise<Buffer> {
  let key: Buffer | null = null;
  try {
    if ('recoveryKey' in secret) {
      const raw = parseRecoveryKey(secret.recoveryKey);
      key = raw ? ((await unlockWithRecovery(keySlots, raw))?.dataKey ?? null) : null;
    } else {
      key = (await unlockWithPassword(keySlots, secret.username, secret.password))?.dataKey ?? null;
    }
  } catch {
    // a slot file whose MAC fails is as useless as a wrong secret; the hash in the manifest already held
    throw new BackupError('damaged', { part: ENTRY.keySlots });
  }
  if (!key) throw new BackupError('wrongSecret');
  return key;
}

/** Opens the extracted database with the key and checks every page, the audit chain and the head the manifest names. */
function checkExtracted(dbPath: string, dataKey: Buffer, manifest: BackupManifest): NonNullable<BackupInspection['opened']> {
  let sqlite;
  try {
    sqlite = openRaw(dbPath, dataKey);
  } catch {
    return { integrityOk: false, auditOk: false, auditEntries: 0, problems: ['the database in the backup cannot be opened with its key'] };
  }
  try {
    const integrity = fullCheck(sqlite);
    const problems = integrity.problems.map((p) => ('detail' in p ? p.detail : p.kind));
    let audit = { ok: false, count: 0 } as { ok: boolean; count: number; headHash?: string };
    if (integrity.ok) {
      audit = verifyAudit(drizzle(sqlite, { schema }));
      if (!audit.ok) problems.push('the audit chain in the backup is broken');
      else if (audit.count !== manifest.auditHead.seq || (audit.count > 0 && audit.headHash !== manifest.auditHead.hash)) {
        problems.push('the audit chain does not end at the head recorded in the manifest');
        audit.ok = false;
      }
    }
    return { integrityOk: integrity.ok, auditOk: audit.ok, auditEntries: audit.count, problems };
  } finally {
    sqlite.close();
  }
}

function keySlotsOf(bytes: Buffer, manifest: BackupManifest): KeySlotFile {
  const parsed = keySlotFileSchema.safeParse((() => {
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch {
      return null;
    }
  })());
  if (!parsed.success || parsed.data.databaseId !== manifest.databaseId) throw new BackupError('damaged', { part: ENTRY.keySlots });
  return parsed.data;
}

/** `backup verify`: structure and hashes; with a secret also opened (in a private temp folder) and fully checked. */
export async function inspectBackup(file: string, secret?: BackupSecret): Promise<BackupInspection> {
  if (!secret) {
    const { manifest, keySlotBytes } = await readBackupFile(file);
    keySlotsOf(keySlotBytes, manifest);
    return { manifest, opened: null };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'throughcare-verify-'));
  try {
    const dbPath = path.join(dir, 'throughcare.db');
    const { manifest, keySlotBytes } = await readBackupFile(file, { extractDatabaseTo: dbPath });
    const dataKey = await dataKeyFor(keySlotsOf(keySlotBytes, manifest), secret);
    try {
      return { manifest, opened: checkExtracted(dbPath, dataKey, manifest) };
    } finally {
      dataKey.fill(0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  movedAsideTo: string | null;
}

/**
 * Restores `file` into `dataDir`. The backup is extracted and fully checked in a staging folder first; only then
 * are the current files (if any, and only with `replaceExisting`) moved into `replaced-<time>/`, and the restored
 * files renamed into place. Any failure before that point leaves the data folder as it was.
 */
export async function restoreBackup(file: string, dataDir: string, secret: BackupSecret, opts: { replaceExisting: boolean; at: Date }): Promise<RestoreResult> {
  const existing = INSTALLATION_FILES.filter((f) => existsSync(path.join(dataDir, f)));
  if (existing.length && !opts.replaceExisting) throw new BackupError('installationExists');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = path.join(dataDir, `.restoring-${randomBytes(4).toString('hex')}`);
  let movedAsideTo: string | null = null;
  const moved: string[] = [];
  try {
    mkdirSync(staging, { mode: 0o700 });
    const stagedDb = path.join(staging, 'throughcare.db');
    const { manifest, keySlotBytes } = await readBackupFile(file, { extractDatabaseTo: stagedDb });
    const keySlots = keySlotsOf(keySlotBytes, manifest);
    const dataKey = await dataKeyFor(keySlots, secret);
    try {
      const opened = checkExtracted(stagedDb, dataKey, manifest);
      if (!opened.integrityOk || !opened.auditOk) throw new BackupError('backupDamagedInside');
    } finally {
      dataKey.fill(0);
    }
    writeKeySlotFile(staging, keySlots);

    if (existing.length) {
      movedAsideTo = path.join(dataDir, `replaced-${opts.at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(2).toString('hex')}`);
      mkdirSync(movedAsideTo, { mode: 0o700 });
      for (const f of existing) {
        renameSync(path.join(dataDir, f), path.join(movedAsideTo, f));
        moved.push(f);
      }
      fsyncFolder(movedAsideTo);
    }
    renameSync(stagedDb, path.join(dataDir, 'throughcare.db'));
    renameSync(path.join(staging, KEY_SLOT_FILE_NAME), path.join(dataDir, KEY_SLOT_FILE_NAME));
    fsyncFolder(dataDir);
    return { manifest, movedAsideTo };
  } catch (e) {
    // Put back what was moved aside: a failed restore must leave the installation as it was.
    if (movedAsideTo) {
      for (const f of moved) {
        try {
          renameSync(path.join(movedAsideTo, f), path.join(dataDir, f));
        } catch {
          // left in the aside folder, which is never deleted
        }
      }
    }
    if (e instanceof BackupError) throw e;
    throw writeFailure(e) ?? e;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
