import { z } from 'zod';

/** Backup and restore (SPEC W12): one schema per concept, shared by the backup file, the API and the screens. */

export const BACKUP_KEEP_DEFAULT = 10;
export const BACKUP_WARN_DEFAULT_DAYS = 7;
export const BACKUP_FILE_EXTENSION = '.tcbackup';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const part = z.object({ size: z.number().int().nonnegative(), sha256 }).strict();

/** `manifest.json` inside a backup file: what it holds and the SHA-256 of each part. */
export const backupManifestSchema = z
  .object({
    type: z.literal('throughcare/backup'),
    version: z.literal(1),
    createdAt: z.iso.datetime(),
    databaseId: z.string().uuid(),
    /** Generation of the key-slot file when it is numbered (null before numbered key slots). */
    generation: z.number().int().nonnegative().nullable(),
    auditHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    organisation: z.string().max(200),
    workstation: z.string().max(100),
    parts: z.object({ database: part, keySlots: part }).strict(),
  })
  .strict();
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const backupSettingsSchema = z.object({
  /** The folder backups go to (typically a USB stick); null until the first backup. */
  folder: z.string().min(1).max(4096).nullable(),
  /** How many backups of this installation the folder keeps; older ones are removed after a new one is written. */
  keep: z.number().int().min(1).max(100),
  /** The home page warns when the last backup is older than this. */
  warnAfterDays: z.number().int().min(1).max(365),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupFileInfoSchema = z.object({ file: z.string(), createdAt: z.string(), sizeBytes: z.number() });
export type BackupFileInfo = z.infer<typeof backupFileInfoSchema>;

export const backupStatusSchema = backupSettingsSchema.extend({
  lastBackupAt: z.string().nullable(),
  lastBackupFile: z.string().nullable(),
  /** Whole days since the last backup (null: never). */
  daysSinceLastBackup: z.number().int().nullable(),
  overdue: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** What `backup verify` and the restore screen learn from a backup file. */
export const backupInspectionSchema = z.object({
  manifest: backupManifestSchema,
  /** Present when a password or the recovery key was given: the backup was opened and fully checked. */
  opened: z.object({ integrityOk: z.boolean(), auditOk: z.boolean(), auditEntries: z.number().int(), problems: z.array(z.string()) }).nullable(),
});
export type BackupInspection = z.infer<typeof backupInspectionSchema>;
