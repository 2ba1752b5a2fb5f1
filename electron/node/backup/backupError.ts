import { ApiError, type ApiErrorCode } from '../../../shared/api';
import { backup } from '../../../shared/i18n/locales/backup';

type BackupErrorKind = keyof typeof backup.en.errors.backup;
type IntegrityErrorKind = 'damaged' | 'walDamaged';

const CODES: Record<BackupErrorKind, ApiErrorCode> = {
  folderMissing: 'REFUSED',
  folderReadOnly: 'STORAGE',
  diskFull: 'STORAGE',
  integrityFailed: 'STORAGE',
  fileMissing: 'NOT_FOUND',
  fileUnreadable: 'REFUSED',
  notABackup: 'REFUSED',
  damaged: 'REFUSED',
  wrongSecret: 'UNAUTHENTICATED',
  backupDamagedInside: 'REFUSED',
  installationExists: 'REFUSED',
  sessionOpen: 'REFUSED',
};

/** The English sentence from the locale file (the one place each sentence lives), with its values filled in. */
function english(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** A backup or restore failure: a specific cs/en sentence (`errors.backup.*`) that says what to do. */
export class BackupError extends ApiError {
  constructor(readonly kind: BackupErrorKind, params: Record<string, string | number> = {}) {
    super({ code: CODES[kind], message: english(backup.en.errors.backup[kind], params), messageKey: `errors.backup.${kind}`, params });
    this.name = 'BackupError';
  }
}

/** Damage found when the database is opened: never "Internal error", always the way out (restore from a backup). */
export function integrityError(kind: IntegrityErrorKind, params: Record<string, string | number> = {}): ApiError {
  const template = kind === 'walDamaged' && params.count === 1 ? backup.en.errors.integrity.walDamaged_one : backup.en.errors.integrity[kind];
  return new ApiError({ code: 'STORAGE', message: english(template, params), messageKey: `errors.integrity.${kind}`, params });
}

/** File-system failures while writing: full disk and read-only media get their own sentence. */
export function writeFailure(e: unknown): ApiError | null {
  const code = (e as { code?: unknown })?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return new BackupError('diskFull');
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new BackupError('folderReadOnly');
  if (code === 'ENOENT' || code === 'ENOTDIR') return new BackupError('folderMissing');
  return null;
}
