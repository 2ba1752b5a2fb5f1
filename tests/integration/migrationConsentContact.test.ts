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
import { organisationKey } from '../../shared/schemas/consent';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migration 0004: typed sharing consents are bound to pinned contacts or kept as "needs review"', () => {
  it('organisation names compare without case, punctuation, spacing and diacritics', () => {
    expect(organisationKey('Drop In, o.p.s.')).toBe(organisationKey('Drop In o.p.s.'));
    expect(organisationKey('Drop In, o. p. s.')).toBe(organisationKey('DROP IN O.P.S.'));
    expect(organisationKey('Podané ruce, o.p.s.')).toBe(organisationKey('podane ruce ops'));
    expect(organisationKey('Drop In o.p.s.')).not.toBe(organisationKey('Drop Out o.p.s.'));
  });

  it('binds "Drop In, o.p.s." to every active contact of "Drop In o.p.s." and keeps the unmatched one for review', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughcare-migrate-0004-'));
    const key = randomBytes(32);
    const file = path.join(dir, 'throughcare.db');
    const old = path.join(dir, 'old-migrations');
    migrationsBefore('0004_consent_contact', old);

    const sqlite = new Database(file);
    applyCipherKey(sqlite, key);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    const at = '2025-01-01T00:00:00.000Z';
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u1', 'alena', 'Alena', 'admin', ?)").run(at);
    sqlite
      .prepare("INSERT INTO clients (id, code, first_name, last_name, sort_name, date_of_birth, sex, assigned_worker_id, status, created_at, updated_at) VALUES ('c1', 'ABC-1', 'Petr', 'Novák', 'novak petr', '1980-01-01', 'male', 'u1', 'active', ?, ?)")
      .run(at, at);
    const contact = sqlite.prepare("INSERT INTO trusted_contacts (id, fingerprint, name, role, organisation, card_json, card_signature, verification, added_at, added_by, removed_at) VALUES (?, ?, ?, 'case manager', ?, '{}', 'sig', 'safetyCode', ?, 'u1', ?)");
    contact.run('t1', 'f'.repeat(64), 'Jana', 'Drop In o.p.s.', at, null);
    contact.run('t2', 'a'.repeat(64), 'Karel', 'DROP IN, o. p. s.', at, null);
    contact.run('t3', 'b'.repeat(64), 'Removed', 'Drop In o.p.s.', at, at); // removed: never bound
    const consent = sqlite.prepare("INSERT INTO consents (id, client_id, kind, organisation, sections, given_on, expires_on, withdrawn_on, note, recorded_by, created_at) VALUES (?, 'c1', ?, ?, ?, '2025-01-01', ?, NULL, ?, 'u1', ?)");
    consent.run('k1', 'sharing', 'Drop In, o.p.s.', '["record","plan"]', '2027-01-01', 'podepsáno', at);
    consent.run('k2', 'sharing', 'Podané ruce o.p.s.', '["record"]', null, '', at);
    consent.run('k3', 'processing', null, '[]', null, '', at);
    sqlite.close();

    const store = openStore(file, key);
    const rows = store.sqlite.prepare('SELECT id, kind, organisation, binding, contact_fingerprint AS fp, sections, expires_on AS expiresOn, note FROM consents ORDER BY kind, fp').all() as Record<string, string | null>[];
    store.close();
    expect(rows).toHaveLength(4);
    const bound = rows.filter((r) => r.binding === 'contact');
    // The original row keeps its id, bound to the first fingerprint; a copy (same dates, sections, note) binds the other.
    expect(bound.map((r) => [r.fp, r.organisation])).toEqual([
      ['a'.repeat(64), 'DROP IN, o. p. s.'],
      ['f'.repeat(64), 'Drop In o.p.s.'],
    ]);
    expect(bound.find((r) => r.fp === 'a'.repeat(64))!.id).toBe('k1');
    expect(bound.find((r) => r.fp === 'f'.repeat(64))!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const r of bound) expect(r).toMatchObject({ sections: '["record","plan"]', expiresOn: '2027-01-01', note: 'podepsáno' });
    expect(rows.find((r) => r.id === 'k2')).toMatchObject({ binding: 'needsReview', fp: null, organisation: 'Podané ruce o.p.s.' });
    expect(rows.find((r) => r.id === 'k3')).toMatchObject({ binding: null, fp: null });
  });
});
