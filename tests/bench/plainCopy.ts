import { writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Copies every table and index of an open (encrypted) database into a new unencrypted file, so the
 * benchmark runs the same code on the same data with and without encryption. SQLite3MultipleCiphers has no
 * `sqlcipher_export`; full-text tables (virtual, with shadow tables) are skipped and rebuilt by the caller.
 */
export function copyToPlain(sqlite: Database.Database, plainFile: string): void {
  writeFileSync(plainFile, ''); // the store connection may not create files; an empty file is an empty database
  sqlite.pragma('foreign_keys = OFF'); // tables are copied in catalogue order, not parent-first
  sqlite.exec(`ATTACH DATABASE '${plainFile.replace(/'/g, "''")}' AS plain KEY ''`);
  try {
    const objects = sqlite
      .prepare("SELECT type, name, sql FROM main.sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY type DESC")
      .all() as { type: string; name: string; sql: string }[];
    const virtual = objects.filter((o) => /^CREATE VIRTUAL/i.test(o.sql)).map((o) => o.name);
    const skipped = (name: string) => virtual.some((v) => name === v || name.startsWith(`${v}_`));
    sqlite.transaction(() => {
      for (const o of objects) {
        if (skipped(o.name)) continue;
        if (o.type === 'table') {
          sqlite.exec(o.sql.replace(/^CREATE TABLE /, 'CREATE TABLE plain.'));
          sqlite.exec(`INSERT INTO plain."${o.name}" SELECT * FROM main."${o.name}"`);
        } else {
          sqlite.exec(o.sql.replace(/^CREATE (UNIQUE )?INDEX /, (m) => `${m}plain.`));
        }
      }
    })();
  } finally {
    sqlite.exec('DETACH DATABASE plain');
    sqlite.pragma('foreign_keys = ON');
  }
}
