import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * SHA-256 of the content of every table (rows in rowid or primary-key order, every column), plus the audit
 * head. Equal maps mean equal data, not just equal row counts.
 */
export function tableChecksums(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite
    .prepare(`SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string; wr: number }[];
  const out: Record<string, string> = {};
  for (const t of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const order = t.wr ? '1' : 'rowid';
    const hash = createHash('sha256');
    for (const row of sqlite.prepare(`SELECT ${t.wr ? '' : 'rowid AS _rowid, '}* FROM "${t.name}" ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? v.toString() : v)));
      hash.update('\n');
    }
    out[t.name] = hash.digest('hex');
  }
  return out;
}
