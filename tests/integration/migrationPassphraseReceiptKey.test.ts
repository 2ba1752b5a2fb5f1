import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR, applyCipherKey, openStore, registerSqlFunctions } from '../../electron/node/store/open';
import { migrationsBefore } from '../helpers/migrationsFolder';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The tag as the journal has it (its number may move when migrations of parallel work land first). */
const TAG = (JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.find((e) => e.tag.endsWith('_passphrase_receipt_key'))!.tag;

describe('migration passphrase_receipt_key: passphrase exports keep the key a genuine receipt is checked with', () => {
  it('keeps every export made before it, with no key (their receipts are refused as unproven, never silently accepted)', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-migrate-receipt-key-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'throughcare.db');
    const old = path.join(dir, 'old-migrations');
    migrationsBefore(TAG, old);
    const sqlite = new Database(file);
    applyCipherKey(sqlite, key);
    registerSqlFunctions(sqlite);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    const at = '2025-01-01T00:00:00.000Z';
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u1', 'alena', 'Alena', 'admin', ?)").run(at);
    sqlite
      .prepare("INSERT INTO clients (id, code, first_name, last_name, sort_name, date_of_birth, sex, assigned_worker_id, status, created_at, updated_at) VALUES ('c1', 'ABC-1', 'Petr', 'Novák', 'novak petr', '1980-01-01', 'male', 'u1', 'active', ?, ?)")
      .run(at, at);
    sqlite
      .prepare("INSERT INTO handover_exports (bundle_id, client_id, created_at, created_by, recipients, organisation, sections, custody, by_passphrase, revision, manifest_sha256, file_sha256) VALUES ('b1', 'c1', ?, 'u1', '[]', 'Drop In o.p.s.', '[\"record\"]', 0, 1, 1, ?, ?)")
      .run(at, 'a'.repeat(64), 'b'.repeat(64));
    sqlite.close();

    const store = openStore(file, key);
    const rows = store.sqlite.prepare('SELECT bundle_id AS bundleId, organisation, by_passphrase AS byPassphrase, receipt_status AS status, passphrase_receipt_key AS receiptKey FROM handover_exports').all();
    store.close();
    expect(rows).toEqual([{ bundleId: 'b1', organisation: 'Drop In o.p.s.', byPassphrase: 1, status: 'pending', receiptKey: null }]);
  });
});
