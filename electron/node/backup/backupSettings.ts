import { eq } from 'drizzle-orm';
import { BACKUP_KEEP_DEFAULT, BACKUP_WARN_DEFAULT_DAYS, type BackupSettings, type BackupStatus } from '../../../shared/schemas/backup';
import type { Db } from '../store/open';
import { settings } from '../store/schema';

/** Backup settings and the last backup, in the (encrypted) settings table: one key each, JSON values. */
const KEYS = { folder: 'backup.folder', keep: 'backup.keep', warnAfterDays: 'backup.warnAfterDays', lastAt: 'backup.lastAt', lastFile: 'backup.lastFile' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function read(db: Db, key: string): unknown {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  try {
    return row ? (JSON.parse(row.value) as unknown) : null;
  } catch {
    return null;
  }
}

function write(db: Db, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  db.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
}

const whole = (v: unknown, min: number, max: number, fallback: number) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fallback);

export function readBackupSettings(db: Db): BackupSettings {
  const folder = read(db, KEYS.folder);
  return {
    folder: typeof folder === 'string' && folder ? folder : null,
    keep: whole(read(db, KEYS.keep), 1, 100, BACKUP_KEEP_DEFAULT),
    warnAfterDays: whole(read(db, KEYS.warnAfterDays), 1, 365, BACKUP_WARN_DEFAULT_DAYS),
  };
}

export function writeBackupSettings(db: Db, update: Partial<BackupSettings>): void {
  if (update.folder !== undefined) write(db, KEYS.folder, update.folder);
  if (update.keep !== undefined) write(db, KEYS.keep, update.keep);
  if (update.warnAfterDays !== undefined) write(db, KEYS.warnAfterDays, update.warnAfterDays);
}

export function recordBackup(db: Db, file: string, at: string): void {
  write(db, KEYS.lastAt, at);
  write(db, KEYS.lastFile, file);
}

export function readBackupStatus(db: Db, now: Date): BackupStatus {
  const s = readBackupSettings(db);
  const lastAt = read(db, KEYS.lastAt);
  const lastFile = read(db, KEYS.lastFile);
  const last = typeof lastAt === 'string' && !Number.isNaN(Date.parse(lastAt)) ? lastAt : null;
  const days = last ? Math.max(0, Math.floor((now.getTime() - Date.parse(last)) / DAY_MS)) : null;
  return {
    ...s,
    lastBackupAt: last,
    lastBackupFile: typeof lastFile === 'string' ? lastFile : null,
    daysSinceLastBackup: days,
    overdue: days === null || days >= s.warnAfterDays,
  };
}
