import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** SHA-256 of every table's full content (rows in rowid order, or primary key order): "nothing changed" means equal. */
export function tableChecksums(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const hash = createHash('sha256');
    let rows: unknown[];
    try {
      rows = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
    } catch {
      rows = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1`).raw().all(); // WITHOUT ROWID tables
    }
    for (const row of rows) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? v.toString() : v)));
    sums[name] = hash.digest('hex');
  }
  return sums;
}
