import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { applyCipherKey, MIGRATIONS_DIR, openStore, registerSqlFunctions } from '../../electron/node/store/open';
import { migrationsBefore } from '../helpers/migrationsFolder';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The care-team migration's tag, whatever number it got when it was merged after others. */
function careTeamTag(): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const tag = journal.entries.find((e) => e.tag.endsWith('_care_teams'))?.tag;
  if (!tag) throw new Error('no care_teams migration in the journal');
  return tag;
}

describe('migration: care teams', () => {
  it('an installation from before care teams opens with an empty team table and its clients intact; a team row goes with its client', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-migrate-team-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'throughcare.db');
    const old = path.join(dir, 'old-migrations');
    migrationsBefore(careTeamTag(), old);

    const sqlite = new Database(file);
    applyCipherKey(sqlite, key);
    registerSqlFunctions(sqlite);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    const at = '2026-01-01T00:00:00.000Z';
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u1', 'alena', 'Alena', 'caseworker', ?), ('u2', 'klara', 'Klára', 'clinician', ?)").run(at, at);
    sqlite
      .prepare("INSERT INTO clients (id, code, first_name, last_name, sort_name, date_of_birth, sex, assigned_worker_id, status, created_at, updated_at) VALUES ('c1', 'ABC-1', 'Petr', 'Novák', 'novak petr', '1980-01-01', 'male', 'u1', 'active', ?, ?)")
      .run(at, at);
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'care_team_members'").get()).toBeUndefined();
    sqlite.close();

    const store = openStore(file, key);
    try {
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM care_team_members').get()).toEqual({ n: 0 });
      expect(store.sqlite.prepare('SELECT code, assigned_worker_id AS w FROM clients').all()).toEqual([{ code: 'ABC-1', w: 'u1' }]);
      store.sqlite.prepare("INSERT INTO care_team_members (client_id, user_id, added_at, added_by) VALUES ('c1', 'u2', ?, 'u1')").run(at);
      // The same member twice is refused by the primary key.
      expect(() => store.sqlite.prepare("INSERT INTO care_team_members (client_id, user_id, added_at, added_by) VALUES ('c1', 'u2', ?, 'u1')").run(at)).toThrow(/UNIQUE|PRIMARY/);
      // A member of a client that does not exist is refused (foreign keys are on).
      expect(() => store.sqlite.prepare("INSERT INTO care_team_members (client_id, user_id, added_at, added_by) VALUES ('nope', 'u2', ?, 'u1')").run(at)).toThrow(/FOREIGN KEY/);
      store.sqlite.prepare("DELETE FROM clients WHERE id = 'c1'").run();
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM care_team_members').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
