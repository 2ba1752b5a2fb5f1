import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { applyCipherKey, openStore, registerSqlFunctions } from '../../electron/node/store/open';
import { migrationsBefore } from '../helpers/migrationsFolder';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migration attachment_kind', () => {
  it('attachments from before kinds existed keep their bytes and become "other"; new rows take a kind', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-migrate-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'throughcare.db');
    migrationsBefore('0006_attachment_kind', path.join(dir, 'old'));
    const sqlite = new Database(file);
    applyCipherKey(sqlite, key);
    registerSqlFunctions(sqlite);
    migrate(drizzle(sqlite), { migrationsFolder: path.join(dir, 'old') });
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u1', 'alena', 'Alena', 'admin', '2026-01-01')").run();
    sqlite.prepare("INSERT INTO clients (id, code, first_name, last_name, sort_name, date_of_birth, sex, status, assigned_worker_id, created_at, updated_at) VALUES ('c1', 'KZP-0001', 'Petr', 'Novák', 'novak petr', '1980-01-01', 'male', 'active', 'u1', 'x', 'x')").run();
    sqlite.prepare("INSERT INTO client_attachments (id, client_id, sha256, file_name, media_type, size, description, data, created_at, created_by) VALUES ('a1', 'c1', 'ab', 'souhlas.pdf', 'application/pdf', 5, NULL, X'255044462D', 'x', 'u1')").run();
    sqlite.close();

    const store = openStore(file, key);
    expect(store.sqlite.prepare("SELECT kind, file_name, hex(data) AS data FROM client_attachments WHERE id = 'a1'").get()).toEqual({ kind: 'other', file_name: 'souhlas.pdf', data: '255044462D' });
    store.sqlite.prepare("INSERT INTO client_attachments (id, client_id, sha256, kind, file_name, media_type, size, data, created_at, created_by) VALUES ('a2', 'c1', 'cd', 'idDocument', 'pas.png', 'image/png', 1, X'89', 'x', 'u1')").run();
    expect(store.sqlite.prepare("SELECT kind FROM client_attachments WHERE id = 'a2'").get()).toEqual({ kind: 'idDocument' });
    store.close();
  });
});
