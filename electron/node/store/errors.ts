export type StoreErrorKind =
  | 'missing'
  | 'unreadable'
  | 'notOurs'
  | 'migration'
  | 'keySlotsMissing'
  | 'keySlotsCorrupt'
  | 'keySlotsTampered'
  | 'weakParameters'
  | 'kdfOutOfBounds'
  | 'keySlotRevoked'
  | 'exists'
  | 'diskFull'
  | 'readOnly'
  | 'damaged'
  | 'folderInUse';

/** Storage problems that must stop the app with a clear message and never lead to overwriting files. */
export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    /** Values for the translated sentence (errors.store.<kind>), e.g. who holds the folder. */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Maps the OS and SQLite error codes a user can do something about to their own sentence. */
export function storeErrorKindOf(e: unknown): 'diskFull' | 'readOnly' | 'damaged' | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL')) return 'diskFull';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) return 'readOnly';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'damaged';
  return null;
}

const FAULT_SENTENCES = {
  diskFull: 'The disk is full. Nothing was saved.',
  readOnly: 'The data folder cannot be written (read-only folder or USB stick, or missing permission). Nothing was saved.',
  damaged: 'The data is damaged (a damaged page or file). Run `doctor` and restore from a backup.',
} as const;

export function storeFault(kind: keyof typeof FAULT_SENTENCES): StoreError {
  return new StoreError(kind, FAULT_SENTENCES[kind]);
}

/** A StoreError stays as it is; a known fs/SQLite fault gets its sentence; anything else keeps `fallback`. */
export function storeErrorFromFs(e: unknown, fallback: string): StoreError {
  if (e instanceof StoreError) return e;
  const kind = storeErrorKindOf(e);
  return kind ? storeFault(kind) : new StoreError('unreadable', fallback);
}
