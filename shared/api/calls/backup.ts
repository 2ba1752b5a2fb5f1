import { z } from 'zod';
import { defineCall } from '../contract';
import { usernameSchema } from '../../schemas/user';
import { backupFileInfoSchema, backupInspectionSchema, backupSettingsSchema, backupStatusSchema } from '../../schemas/backup';
import { recoveryKeySchema } from './session';

/** Backup and restore (SPEC W12). Backups are an administrator's job; restore happens before anyone is logged in. */

const ADMIN = ['admin'] as const;
const filePath = z.string().min(1).max(4096);
/** The secret that opens a backup: a password valid when it was made, or the recovery key. */
export const backupSecretSchema = z.union([
  z.object({ username: usernameSchema, password: z.string().min(1).max(256) }).strict(),
  z.object({ recoveryKey: recoveryKeySchema }).strict(),
]);

export const backupCalls = {
  'backup.status': defineCall({ input: z.object({}).strict(), output: backupStatusSchema, access: ADMIN, mutates: false, client: 'none' }),
  'backup.updateSettings': defineCall({ input: backupSettingsSchema.partial().strict(), output: backupStatusSchema, access: ADMIN, mutates: true, client: 'none' }),
  /** Full integrity check, then an online backup into `folder`; returns the new file. */
  'backup.create': defineCall({
    input: z.object({ folder: filePath }).strict(),
    output: backupFileInfoSchema.extend({ auditSeq: z.number().int() }),
    access: ADMIN,
    mutates: true,
    client: 'none',
  }),
  /** This installation's backups in the folder, newest first. */
  'backup.list': defineCall({ input: z.object({ folder: filePath }).strict(), output: z.array(backupFileInfoSchema), access: ADMIN, mutates: false, client: 'none' }),
  /** Checks a backup file without restoring it; with a secret it is also opened and fully checked. */
  'backup.inspect': defineCall({
    input: z.object({ file: filePath, secret: backupSecretSchema.optional() }).strict(),
    output: backupInspectionSchema,
    access: 'public',
    mutates: false,
    client: 'none',
  }),
  /**
   * Restores a backup into this data folder while nobody is logged in. An existing installation is replaced only
   * with `replaceExisting` (after the user confirmed); its files are moved aside into a dated folder, never deleted.
   */
  'backup.restore': defineCall({
    input: z.object({ file: filePath, secret: backupSecretSchema, replaceExisting: z.boolean().default(false) }).strict(),
    output: z.object({ databaseId: z.string(), createdAt: z.string(), movedAsideTo: z.string().nullable() }),
    access: 'public',
    mutates: true,
    client: 'none',
  }),
};
