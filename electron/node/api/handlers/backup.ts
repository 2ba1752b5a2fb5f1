import path from 'node:path';
import type { backupCalls } from '../../../../shared/api/calls/backup';
import type { HandlersFor } from './types';
import { createBackup, listBackups } from '../../backup/backupService';
import { inspectBackup, restoreBackup } from '../../backup/restore';
import { BackupError } from '../../backup/backupError';
import { readBackupSettings, readBackupStatus, recordBackup, writeBackupSettings } from '../../backup/backupSettings';

export const backupHandlers: HandlersFor<typeof backupCalls> = {
  'backup.status': (_input, ctx) => readBackupStatus(ctx.db, ctx.now),

  'backup.updateSettings': (input, ctx) => {
    ctx.change({ action: 'backup.settingsUpdated', details: { keep: input.keep ?? null, warnAfterDays: input.warnAfterDays ?? null } }, (tx) => writeBackupSettings(tx, input));
    return readBackupStatus(ctx.db, ctx.now);
  },

  'backup.create': async (input, ctx) => {
    const at = ctx.now;
    const folder = path.resolve(input.folder);
    const created = await createBackup({ dbPath: ctx.installation.dbPath, keySlotPath: ctx.installation.keySlotPath, dataKey: ctx.installation.dataKey() }, folder, at, readBackupSettings(ctx.db).keep);
    // The file name only: the folder path may name the user's account, and the audit holds no more than it needs.
    ctx.change({ action: 'backup.created', details: { file: path.basename(created.file), auditSeq: created.manifest.auditHead.seq, sizeBytes: created.sizeBytes } }, (tx) => {
      writeBackupSettings(tx, { folder });
      recordBackup(tx, created.file, created.createdAt);
    });
    return { file: created.file, createdAt: created.createdAt, sizeBytes: created.sizeBytes, auditSeq: created.manifest.auditHead.seq };
  },

  'backup.list': async (input, ctx) => {
    return listBackups(path.resolve(input.folder), ctx.installation.readKeySlots().databaseId);
  },

  'backup.inspect': (input) => inspectBackup(path.resolve(input.file), input.secret),

  'backup.restore': async (input, { backend, now }) => {
    if (backend.session) throw new BackupError('sessionOpen');
    const at = now;
    const result = await restoreBackup(path.resolve(input.file), backend.dataDir, input.secret, { replaceExisting: input.replaceExisting, at });
    // Recorded like a failed login: it enters the restored audit chain at the next unlock, so the restored rows
    // stay exactly the backup's until then.
    backend.recordWhileLocked({
      actorId: null,
      actorName: 'username' in input.secret ? input.secret.username : null,
      action: 'backup.restored',
      details: { backupCreatedAt: result.manifest.createdAt, auditSeq: result.manifest.auditHead.seq, replaced: result.movedAsideTo !== null },
    });
    return { databaseId: result.manifest.databaseId, createdAt: result.manifest.createdAt, movedAsideTo: result.movedAsideTo };
  },
};
