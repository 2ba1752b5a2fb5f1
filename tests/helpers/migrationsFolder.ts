import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../electron/node/store/open';

/**
 * Writes into `target` the migrations folder as an earlier release shipped it: the journal up to (not including)
 * the migration named `tag`. A tag that is not in the journal fails instead of silently dropping the last entry.
 */
export function migrationsBefore(tag: string, target: string): void {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  if (index < 0) throw new Error(`migration ${tag} is not in the journal`);
  const entries = journal.entries.slice(0, index);
  mkdirSync(path.join(target, 'meta'), { recursive: true });
  for (const e of entries) cpSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(target, `${e.tag}.sql`));
  writeFileSync(path.join(target, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
}
