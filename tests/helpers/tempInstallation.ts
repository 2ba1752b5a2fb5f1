import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  /** Row counts of every table plus the audit head: equal before and after means "nothing changed". */
  snapshot(): Record<string, number | string> {
    const sqlite = this.backend.session!.store.sqlite;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[];
    const snap: Record<string, number | string> = {};
    for (const { name } of tables) snap[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    const head = sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    snap.auditHead = head ? `${head.seq}:${head.hash}` : 'none';
    return snap;
  }

  dispose(): void {
    this.backend.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export { Database };
