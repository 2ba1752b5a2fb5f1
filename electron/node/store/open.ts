import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { StoreError, storeErrorKindOf, storeFault } from './errors';
import { SEARCH_INDEX_SQL } from './searchIndex';
import { organisationKey } from '../../../shared/schemas/consent';
import { isDamageError } from './integrity';

export type Db = BetterSQLite3Database<typeof schema>;
export interface Store {
  db: Db;
  sqlite: Database.Database;
  /**
   * A second connection, opened read-only: calls that do not change data read through it, so a read call
   * cannot write even by mistake (SQLite refuses with SQLITE_READONLY). Null for the plain benchmark twin.
   */
  readDb: Db | null;
  readSqlite: Database.Database | null;
  close(): void;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root: two levels up from electron/node/store (source) — bundles pass `appRoot` explicitly. */
export const APP_ROOT = process.env.THROUGHCARE_APP_ROOT ?? path.resolve(here, '../../..');
export const MIGRATIONS_DIR = path.join(APP_ROOT, 'drizzle');

/** Under Electron the addon built for Electron's ABI is used, so the Node build stays valid for tests and CLI. */
export function nativeBindingOption(): { nativeBinding?: string } {
  if (!process.versions.electron) return {};
  const binding = path.join(APP_ROOT, '.native', 'electron', 'better_sqlite3.node');
  return existsSync(binding) ? { nativeBinding: binding } : {};
}

/** SQLCipher v4 defaults, so that the stock `sqlcipher` tool opens the file with the raw key. */
export function applyCipherKey(sqlite: Database.Database, dataKey: Buffer): void {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${dataKey.toString('hex')}'"`);
}

const AUDIT_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

/** Functions the migrations call (0004 binds typed consents to contacts by organisation key). */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('throughcare_org_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? organisationKey(name) : ''));
}

/**
 * Opens (or creates, when `create`) the encrypted database, checks the key by reading the schema,
 * and applies pending migrations in one transaction.
 * `dataKey: null` opens a plain, unencrypted database: only the benchmark does that, to measure the
 * cost of encryption on the same data with the same code.
 */
export function openStore(file: string, dataKey: Buffer | null, opts: { create?: boolean; readConnection?: boolean } = {}): Store {
  if (!opts.create && !existsSync(file)) {
    throw new StoreError('missing', 'The database file is missing.');
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: !opts.create, ...nativeBindingOption() });
  } catch (e) {
    const kind = storeErrorKindOf(e);
    throw kind === 'readOnly' || kind === 'diskFull' ? storeFault(kind) : new StoreError('unreadable', `The database file cannot be opened: ${(e as Error).message}`);
  }
  try {
    if (dataKey) applyCipherKey(sqlite, dataKey);
    // A wrong key or a file that is not ours fails here with SQLITE_NOTADB.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    sqlite.close();
    const kind = storeErrorKindOf(e);
    if (kind === 'readOnly' || kind === 'diskFull') throw storeFault(kind);
    throw new StoreError('notOurs', 'The database file cannot be decrypted with this key (wrong key, or not a Throughcare database).');
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // W10: deleted content and freed pages are overwritten with zeros, so an erased client leaves no readable trace.
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Sorts and temporary tables stay in memory: personal data never spills into temp files outside the cipher.
    sqlite.pragma('temp_store = MEMORY');
    // 64 MiB page cache: a handover import (MBs of attachments) commits without spilling half-done pages, and
    // the caseload's indexes stay in memory (each page read from disk costs a decryption).
    sqlite.pragma('cache_size = -65536');
    registerSqlFunctions(sqlite);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    sqlite.exec(AUDIT_TRIGGERS);
    sqlite.exec(SEARCH_INDEX_SQL);
    const readSqlite = dataKey && opts.readConnection !== false ? openReadConnection(file, dataKey) : null;
    const readDb = readSqlite ? drizzle(readSqlite, { schema }) : null;
    return {
      db,
      sqlite,
      readDb,
      readSqlite,
      close: () => {
        readSqlite?.close();
        sqlite.close();
      },
    };
  } catch (e) {
    sqlite.close();
    if (isDamageError(e)) throw e; // a damaged page, not a migration problem: the caller says so in words
    const kind = storeErrorKindOf(e);
    if (kind) throw storeFault(kind);
    throw new StoreError('migration', `The database could not be prepared: ${(e as Error).message}`);
  }
}

/** The read-only twin of the main connection (after migrations ran on the main one). */
function openReadConnection(file: string, dataKey: Buffer): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...nativeBindingOption() });
  try {
    applyCipherKey(sqlite, dataKey);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('cache_size = -65536');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw new StoreError('unreadable', `The database could not be opened for reading: ${(e as Error).message}`);
  }
}
