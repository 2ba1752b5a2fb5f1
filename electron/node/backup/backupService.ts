import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { fsyncFolder } from '../store/fsyncFolder';
import { createReadStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_FILE_EXTENSION, type BackupFileInfo, type BackupManifest } from '../../../shared/schemas/backup';
import { applyCipherKey } from '../store/open';
import { fullCheck } from '../store/integrity';
import { keySlotFileSchema, verifyMac, type KeySlotFile } from '../keyslots/keySlots';
import { GENESIS_HASH } from '../audit/auditLog';
import { readBackupFile, readBackupManifest, writeBackupFile } from './backupFile';
import { BackupError, writeFailure } from './backupError';

/**
 * Online backup (SPEC W12). SQLite's backup API cannot be used here: SQLite3MultipleCiphers refuses it between a
 * keyed source and a target without the same cipher ("backup is not supported with incompatible source and target
 * databases"), and better-sqlite3 opens the target itself, without a key and without URI parameters. So the backup
 * copies the encrypted pages themselves, from a consistent snapshot, which is what the backup API would produce:
 * a second connection checkpoints the write-ahead log into the file and then holds a read transaction that uses
 * no WAL frame; while it is open SQLite cannot write any page of the main file (checkpoints wait for it), so the
 * file's first page_count pages are exactly the snapshot, while the app goes on writing into the WAL.
 * The pages stay encrypted with the same data key; they are never decrypted on the way.
 */

export interface BackupSource {
  dbPath: string;
  keySlotPath: string;
  dataKey: Buffer;
  /** Key-slot generation when the key slots are numbered; null otherwise. */
  generation?: number | null;
}

export interface CreatedBackup extends BackupFileInfo {
  manifest: BackupManifest;
}

export function backupFilePrefix(databaseId: string): string {
  return `throughcare-${databaseId.slice(0, 8)}-`;
}

function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
}

function parseKeySlots(bytes: Buffer): KeySlotFile {
  return keySlotFileSchema.parse(JSON.parse(bytes.toString('utf8')));
}


/** Opens a second connection on the live database with the data key, without migrations (it must change nothing). */
export function openRaw(dbPath: string, dataKey: Buffer, opts: { readonly?: boolean } = {}): Database.Database {
  const sqlite = new Database(dbPath, { fileMustExist: true, readonly: opts.readonly ?? false });
  try {
    applyCipherKey(sqlite, dataKey);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** Holds a snapshot whose pages all live in the main file (see the module comment); returns its size in bytes. */
function beginFileSnapshot(snap: Database.Database, walPath: string): number {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [result] = snap.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    snap.exec('BEGIN');
    snap.prepare('SELECT count(*) FROM sqlite_master').get();
    const walBytes = existsSync(walPath) ? statSync(walPath).size : 0;
    if (result && result.busy === 0 && walBytes === 0) {
      return (snap.pragma('page_count', { simple: true }) as number) * (snap.pragma('page_size', { simple: true }) as number);
    }
    snap.exec('COMMIT');
  }
  throw new Error('The database stayed busy; the backup could not take a snapshot.');
}

export async function createBackup(source: BackupSource, folder: string, at: Date, keep: number): Promise<CreatedBackup> {
  try {
    if (!statSync(folder).isDirectory()) throw new BackupError('folderMissing');
  } catch (e) {
    throw e instanceof BackupError ? e : (writeFailure(e) ?? new BackupError('folderMissing'));
  }
  const keySlotBytes = readFileSync(source.keySlotPath);
  const keySlots = parseKeySlots(keySlotBytes);
  verifyMac(keySlots, source.dataKey);

  const snap = openRaw(source.dbPath, source.dataKey);
  let tmp: string | null = null;
  try {
    const size = beginFileSnapshot(snap, `${source.dbPath}-wal`);
    // The full check reads every page of exactly the snapshot being copied: a damaged database is never backed up.
    if (!fullCheck(snap).ok) throw new BackupError('integrityFailed');
    const head = snap.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    // The generation of the authoritative key slots inside this very snapshot (older databases have no copy yet).
    const copy = snap.prepare('SELECT generation FROM key_slot_copy WHERE id = 1').get() as { generation: number } | undefined;
    let name = `${backupFilePrefix(keySlots.databaseId)}${fileStamp(at)}${BACKUP_FILE_EXTENSION}`;
    for (let n = 2; existsSync(path.join(folder, name)); n += 1) name = `${backupFilePrefix(keySlots.databaseId)}${fileStamp(at)}-${n}${BACKUP_FILE_EXTENSION}`;
    tmp = path.join(folder, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    const manifest = await writeBackupFile(tmp, createReadStream(source.dbPath, { start: 0, end: size - 1 }), keySlotBytes, {
      type: 'throughcare/backup',
      version: 1,
      createdAt: at.toISOString(),
      databaseId: keySlots.databaseId,
      generation: source.generation ?? copy?.generation ?? null,
      auditHead: head ?? { seq: 0, hash: GENESIS_HASH },
      organisation: keySlots.installation.organisation,
      workstation: keySlots.installation.workstation,
    });
    snap.exec('COMMIT');
    // Read back before the file takes its final name: a stick that lost a write is caught now, not at restore.
    await readBackupFile(tmp);
    const file = path.join(folder, name);
    renameSync(tmp, file);
    tmp = null;
    fsyncFolder(folder);
    pruneBackups(folder, keySlots.databaseId, keep);
    return { file, createdAt: manifest.createdAt, sizeBytes: statSync(file).size, manifest };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw writeFailure(e) ?? e;
  } finally {
    if (snap.inTransaction) snap.exec('COMMIT');
    snap.close();
    if (tmp) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written, or the medium is gone
      }
    }
  }
}

/** This installation's backups in `folder`, newest first (the name carries the UTC time, so names sort by age). */
export async function listBackups(folder: string, databaseId: string): Promise<BackupFileInfo[]> {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const prefix = backupFilePrefix(databaseId);
  const out: BackupFileInfo[] = [];
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith(BACKUP_FILE_EXTENSION)).sort().reverse()) {
    const file = path.join(folder, name);
    const manifest = await readBackupManifest(file);
    if (manifest?.databaseId !== databaseId) continue;
    out.push({ file, createdAt: manifest.createdAt, sizeBytes: statSync(file).size });
  }
  return out;
}

/** Keeps the newest `keep` backups of this installation; other files in the folder are never touched. */
function pruneBackups(folder: string, databaseId: string, keep: number): void {
  const prefix = backupFilePrefix(databaseId);
  const names = readdirSync(folder)
    .filter((n) => n.startsWith(prefix) && n.endsWith(BACKUP_FILE_EXTENSION))
    .sort()
    .reverse();
  for (const name of names.slice(keep)) rmSync(path.join(folder, name), { force: true });
}
