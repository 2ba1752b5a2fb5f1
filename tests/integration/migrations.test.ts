import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { applyCipherKey, MIGRATIONS_DIR, openStore } from '../../electron/node/store/open';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The migrations folder as it was at an earlier release: the first `count` entries of the journal. */
function migrationsUpTo(count: number, target: string): void {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  mkdirSync(path.join(target, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, count);
  for (const e of entries) cpSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(target, `${e.tag}.sql`));
  writeFileSync(path.join(target, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
}

describe('migrations', () => {
  it('an encrypted database made by the foundation release (first migration only) opens and gains the new tables, keeping its rows', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-migrate-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'throughcare.db');
    const old = path.join(dir, 'old-migrations');
    migrationsUpTo(1, old);

    const sqlite = new Database(file);
    applyCipherKey(sqlite, key);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u1', 'alena', 'Alena', 'admin', '2026-01-01')").run();
    const before = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    sqlite.close();
    expect(before).not.toContain('clients');

    const store = openStore(file, key);
    const after = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(after).toEqual(expect.arrayContaining(['clients', 'contact_notes', 'assessments', 'plan_goals', 'services', 'trusted_contacts', 'client_search']));
    expect(store.sqlite.prepare('SELECT username FROM users').all()).toEqual([{ username: 'alena' }]);
    store.close();
  });
});
