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

/** `rows:sha256` of each table's content in rowid order (shadow tables of the search index included). */
export function contentSnapshot(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[];
  const snap: Record<string, string> = {};
  for (const { name } of tables) {
    let rows: unknown[][];
    try {
      rows = sqlite.prepare(`SELECT rowid, * FROM "${name}" ORDER BY rowid`).raw().all() as unknown[][];
    } catch {
      // WITHOUT ROWID and virtual tables: every column, in the table's own order
      rows = sqlite.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][];
    }
    const hash = createHash('sha256');
    for (const row of rows) {
      for (const value of row) {
        if (Buffer.isBuffer(value)) hash.update(`b${value.length}:`).update(value);
        else hash.update(`${typeof value}:${String(value).length}:${String(value)}`);
      }
      hash.update('\n');
    }
    snap[name] = `${rows.length}:${hash.digest('hex')}`;
  }
  const head = sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  snap.auditHead = head ? `${head.seq}:${head.hash}` : 'none';
  return snap;
}
