import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { applyCipherKey, openStore } from '../../electron/node/store/open';
import { migrationsBefore } from '../helpers/migrationsFolder';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migration indicator_reports', () => {
  it('a database from before the reports area opens, keeps its rows and gains the imported-report tables', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-migrate-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'throughcare.db');
    migrationsBefore('0002_indicator_reports', path.join(dir, 'old'));
    const sqlite = new Database(file);
    applyCipherKey(sqlite, key);
    migrate(drizzle(sqlite), { migrationsFolder: path.join(dir, 'old') });
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u1', 'alena', 'Alena', 'admin', '2026-01-01')").run();
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'indicator_reports'").all()).toEqual([]);
    sqlite.close();

    const store = openStore(file, key);
    expect(store.sqlite.prepare('SELECT username FROM users').all()).toEqual([{ username: 'alena' }]);
    store.sqlite
      .prepare(`INSERT INTO indicator_reports (report_id, signer_fingerprint, signer_name, organisation, period_from, period_to, created_at, file_sha256, report_json, imported_at, imported_by)
        VALUES ('r1', 'fp', 'Jana', 'Sananim', '2026-01-01', '2026-03-31', '2026-04-01T00:00:00Z', 'abc', '{}', '2026-04-02T00:00:00Z', 'u1')`)
      .run();
    store.sqlite.prepare(`INSERT INTO indicator_report_ledger (file_sha256, report_id, signer_fingerprint, created_at, imported_at) VALUES ('abc', 'r1', 'fp', 'x', 'y')`).run();
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM indicator_reports').get()).toEqual({ n: 1 });
    store.close();
  });
});
