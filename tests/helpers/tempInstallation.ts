import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { createBackend, type Backend } from '../../electron/node/backend';
import type { CallName, InputOf, OutputOf } from '../../shared/api';

export const ADMIN = { username: 'admin', displayName: 'Alena Správcová', password: 'correct horse battery' };

/** A real installation in a temp folder; `call` goes through the same dispatcher as both transports. */
export class TempInstallation {
  readonly dir: string;
  readonly backend: Backend;
  recoveryKey = '';

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'throughcare-test-'));
    process.env.THROUGHCARE_QUIET = '1';
    this.backend = createBackend({ dataDir: this.dir });
  }

  async call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    const result = await this.backend.invoke(name, input);
    if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { payload: result.error });
    return result.value as OutputOf<N>;
  }

  /** For negative tests: the raw result, whatever the input. */
  raw(name: string, input: unknown) {
    return this.backend.invoke(name, input);
  }

  async setup(): Promise<this> {
    const out = await this.call('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Věznice Pankrác PC-3', admin: ADMIN });
    this.recoveryKey = out.recoveryKey;
    return this;
  }

  /**
   * A checksum of every table's full content (every row, every column, blobs byte for byte) plus the audit head:
   * equal before and after means "nothing changed", not merely "as many rows".
   */
  snapshot(): Record<string, string> {
    return contentSnapshot(this.backend.session!.store.sqlite);
  }

  dispose(): void {
    this.backend.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export { Database };

type TableReader = { name: string; rows: Database.Statement };
/** Prepared once per connection: a snapshot is taken around every call in the sweeps. */
const readers = new WeakMap<Database.Database, TableReader[]>();

function tableReaders(sqlite: Database.Database): TableReader[] {
  const cached = readers.get(sqlite);
  if (cached) return cached;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[];
  const list = tables.map(({ name }) => {
    let rows: Database.Statement;
    try {
      rows = sqlite.prepare(`SELECT rowid, * FROM "${name}" ORDER BY rowid`).raw();
    } catch {
      // WITHOUT ROWID tables: every column, in primary-key order
      rows = sqlite.prepare(`SELECT * FROM "${name}"`).raw();
    }
    return { name, rows };
  });
  readers.set(sqlite, list);
  return list;
}

/** `rows:sha256` of each table's content in rowid order (shadow tables of the search index included). */
export function contentSnapshot(sqlite: Database.Database): Record<string, string> {
  const snap: Record<string, string> = {};
  for (const { name, rows: statement } of tableReaders(sqlite)) {
    const rows = statement.all() as unknown[][];
    // Blobs enter as their SHA-256 (byte-exact all the same): JSON of a 10 MB Buffer is a 10-million-number array.
    const cells = rows.map((row) => row.map((v) => (v instanceof Uint8Array ? `blob:${createHash('sha256').update(v).digest('hex')}` : v)));
    const text = JSON.stringify(cells, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    snap[name] = `${rows.length}:${createHash('sha256').update(text).digest('hex')}`;
  }
  const head = sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  snap.auditHead = head ? `${head.seq}:${head.hash}` : 'none';
  return snap;
}
