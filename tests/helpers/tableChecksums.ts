import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** SHA-256 of every table's full content (rows sorted): equal before and after means nothing changed. */
export function tableChecksums(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .all() as { name: string }[];
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = (sqlite.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    sums[name] = createHash('sha256').update(rows.sort().join('\n')).digest('hex');
  }
  return sums;
}
