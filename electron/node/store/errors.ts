export type StoreErrorKind = 'missing' | 'unreadable' | 'notOurs' | 'migration' | 'keySlotsMissing' | 'keySlotsCorrupt' | 'keySlotsTampered' | 'weakParameters' | 'exists';

/** Storage problems that must stop the app with a clear message and never lead to overwriting files. */
export class StoreError extends Error {
  constructor(readonly kind: StoreErrorKind, message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
