import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StoreError, storeErrorFromFs } from './errors';
import { nativeBindingOption } from './open';

/**
 * One process per data folder. The lock is an OS-level file lock taken through SQLite on a small, empty,
 * unencrypted file (`throughcare.lock`): fcntl on Linux and macOS, LockFileEx on Windows. The kernel drops it
 * when the process dies, kill -9 included, so there is no staleness to guess; a lock-info file beside it
 * only names the holder for the refusal message.
 */

export const FOLDER_LOCK_FILE = 'throughcare.lock';
const HOLDER_FILE = 'throughcare.lock.json';

const holderSchema = z.object({ pid: z.number().int(), program: z.string().max(200), since: z.string().max(40) });
export type FolderLockHolder = z.infer<typeof holderSchema>;

export interface FolderLock {
  readonly dataDir: string;
  release(): void;
}

/** The holder as written by the process that has the lock; null when the info file is missing or damaged. */
export function readFolderLockHolder(dataDir: string): FolderLockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Day-first local time, read the same way in Czech and English. */
function formatSince(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '?';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()}. ${d.getMonth() + 1}. ${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function folderInUseError(holder: FolderLockHolder | null): StoreError {
  const params = holder ? { program: holder.program, pid: holder.pid, since: formatSince(holder.since) } : { program: '?', pid: '?', since: '?' };
  return new StoreError(
    'folderInUse',
    `The data folder is in use by another Throughcare program (${params.program}, process ${params.pid}, since ${params.since}). Close it, then try again.`,
    params,
  );
}

/** Takes the folder's lock at once or throws `folderInUse` naming the holder; never waits. */
export function acquireFolderLock(dataDir: string, program: string, now: Date = new Date()): FolderLock {
  let lockDb: Database.Database;
  try {
    lockDb = new Database(path.join(dataDir, FOLDER_LOCK_FILE), { timeout: 0, ...nativeBindingOption() });
  } catch (e) {
    throw storeErrorFromFs(e, 'The data folder cannot be locked for this program.');
  }
  try {
    lockDb.pragma('journal_mode = OFF'); // nothing in it to protect: no journal file beside the lock
    lockDb.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until the connection closes.
    lockDb.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS folder_lock (id INTEGER PRIMARY KEY); COMMIT;');
  } catch (e) {
    lockDb.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') || (e as { code?: string }).code?.startsWith('SQLITE_LOCKED')) {
      throw folderInUseError(readFolderLockHolder(dataDir));
    }
    throw storeErrorFromFs(e, 'The data folder cannot be locked for this program.');
  }
  const holderPath = path.join(dataDir, HOLDER_FILE);
  try {
    writeFileSync(holderPath, `${JSON.stringify({ pid: process.pid, program, since: now.toISOString() })}\n`, { mode: 0o600 });
  } catch {
    // Only the message of a refused second process needs it; a full disk must not stop us from running.
  }
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      // Remove the info while still holding the lock, so a new holder's info is never removed by us.
      if (readFolderLockHolder(dataDir)?.pid === process.pid) rmSync(holderPath, { force: true });
      lockDb.close();
    },
  };
}
