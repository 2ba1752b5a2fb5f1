/**
 * `npm run bench [-- --json] [-- --clients N --notes M --rebuild] [-- --only <substring>]`
 *
 * Measures the operations of SPEC §6 on generated data (default 10,000 clients, 500,000 contact notes) in
 * the real encrypted database and, in the same run, on a plain unencrypted copy of the same database with
 * the same code, and prints median, p95 and the ratio encrypted/plain. The data is built once into
 * `.bench/` and reused while the requested sizes match (`--rebuild` forces a new build). `--only dashboard`
 * runs just the rows whose name contains the substring (a full run takes long on a busy machine).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../../electron/node/backend';
import { generateDemoData } from '../../electron/node/demo/demoData';
import { queryCaseload } from '../../electron/node/clients/caseloadQuery';
import { loadClientRecord } from '../../electron/node/clients/clientRecord';
import { insertUser, listUsers } from '../../electron/node/users/userRepository';
import { MIGRATIONS_DIR, openStore, type Store } from '../../electron/node/store/open';
import { rebuildSearchIndex } from '../../electron/node/store/searchIndex';
import { unlockWithPassword, verifyMac } from '../../electron/node/keyslots/keySlots';
import { readKeySlotFile } from '../../electron/node/keyslots/keySlotFile';
import { benchTargets, measure as measureRow, type BenchResult } from './measure';
import Database from 'better-sqlite3';
import { inspectWal, quickCheck } from '../../electron/node/store/integrity';
import { openRaw } from '../../electron/node/backup/backupService';
import { copyToPlain } from './plainCopy';
import { extraBenches } from './extraBenches';
import { buildDashboard, reportPeriod } from '../../electron/node/reports/reportService';
import { forgetReportRecords } from '../../electron/node/reports/reportRecords';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const json = flag('json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.toLowerCase() : null;
const selected = (operation: string) => only === null || operation.toLowerCase().includes(only);
const CLIENTS = num('clients', 10_000);
const NOTES = num('notes', 500_000);
const DIR = path.resolve(process.env.THROUGHCARE_BENCH_DIR ?? '.bench');
const PASSWORD = 'benchmark password 1';
const log = (s: string) => !json && process.stderr.write(`${s}\n`);

async function build(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  process.env.THROUGHCARE_QUIET = '1';
  const backend = createBackend({ dataDir: path.join(DIR, 'encrypted') });
  const setup = await backend.invoke('setup.initialize', {
    organisation: 'Benchmark',
    workstation: 'bench',
    admin: { username: 'admin', displayName: 'Bench Admin', password: PASSWORD },
  });
  if (!setup.ok) throw new Error(setup.error.message);
  const store = backend.session!.store;
  store.db.transaction((tx) => {
    for (const n of [1, 2, 3, 4]) insertUser(tx, { username: `worker${n}`, displayName: `Pracovník ${n}`, role: 'caseworker' }, new Date());
  });
  const workers = listUsers(store.db, false).map((u) => u.id);
  const started = Date.now();
  generateDemoData(store.db, store.sqlite, workers, {
    clients: CLIENTS,
    notes: NOTES,
    progress: (p) => !json && process.stderr.write(`\r  generating: ${p.clients} clients, ${p.notes} notes`),
  });
  log(`\n  generated in ${Math.round((Date.now() - started) / 1000)} s`);
  const key = Buffer.from(backend.session!.dataKey); // closing the session wipes its copy
  backend.close();
  buildPlainTwin(store.sqlite.name, key, path.join(DIR, 'plain.db'));
  writeFileSync(path.join(DIR, 'meta.json'), JSON.stringify({ clients: CLIENTS, notes: NOTES, schema: schemaVersion() }));
}

/** The plain twin of the encrypted database, with the search index rebuilt there by the same store code. */
function buildPlainTwin(encFile: string, key: Buffer, plainFile: string): void {
  const enc = openStore(encFile, key);
  copyToPlain(enc.sqlite, plainFile);
  enc.close();
  const plain = openStore(plainFile, null);
  rebuildSearchIndex(plain.sqlite);
  plain.close();
}

/**
 * The hash of the first `count` migrations (all by default). Data built with an earlier prefix of today's
 * migrations is migrated forward, as an installation would be; data built with other migrations is rebuilt.
 */
function schemaVersion(count?: number): string {
  const hash = createHash('sha256');
  for (const f of migrationFiles().slice(0, count)) hash.update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  return hash.digest('hex').slice(0, 16);
}
const migrationFiles = () => readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('.sql')).sort();

/** 'reuse' as it is, 'migrate' forward (built before newer migrations landed; rebuilding takes minutes), or 'rebuild'. */
function reusable(): 'reuse' | 'migrate' | 'rebuild' {
  try {
    const meta = JSON.parse(readFileSync(path.join(DIR, 'meta.json'), 'utf8')) as { clients: number; notes: number; schema: string };
    if (meta.clients !== CLIENTS || meta.notes !== NOTES || !existsSync(path.join(DIR, 'plain.db'))) return 'rebuild';
    if (meta.schema === schemaVersion()) return 'reuse';
    const total = migrationFiles().length;
    for (let k = 1; k < total; k++) if (meta.schema === schemaVersion(k)) return 'migrate';
    return 'rebuild';
  } catch {
    return 'rebuild';
  }
}

/** One row, or none when `--only` leaves it out. */
const measure = (...row: Parameters<typeof measureRow>): BenchResult[] => (selected(row[0]) ? [measureRow(...row)] : []);

async function main(): Promise<void> {
  const state = flag('rebuild') ? 'rebuild' : reusable();
  if (state === 'rebuild') {
    log(`Building benchmark data in ${DIR}: ${CLIENTS} clients, ${NOTES} notes (once; reused afterwards)…`);
    await build();
  }
  const encFile = path.join(DIR, 'encrypted', 'throughcare.db');
  const plainFile = path.join(DIR, 'plain.db');
  const slotsFile = path.join(DIR, 'encrypted', 'throughcare.keys.json');
  // Argon2id is deliberate work, excluded from "open + unlock": unwrap the key once, outside the timing.
  const unlocked = await unlockWithPassword(readKeySlotFile(slotsFile), 'admin', PASSWORD);
  if (!unlocked) throw new Error('benchmark installation does not unlock');
  const dataKey = unlocked.dataKey;
  if (state === 'migrate') {
    log(`Migrating the benchmark data in ${DIR} to the newer migrations…`);
    openStore(encFile, dataKey).close(); // opening applies the pending migrations
    openStore(plainFile, null).close();
    writeFileSync(path.join(DIR, 'meta.json'), JSON.stringify({ clients: CLIENTS, notes: NOTES, schema: schemaVersion() }));
  }

  const stores: Record<'encrypted' | 'plain', Store> = { encrypted: openStore(encFile, dataKey), plain: openStore(plainFile, null) };
  const admin = { id: unlocked.userId, role: 'admin' as const };
  const sample = stores.plain.sqlite.prepare('SELECT id, prison_id AS prisonId, region_id AS regionId FROM clients ORDER BY rowid LIMIT 500').all() as {
    id: string;
    prisonId: string;
    regionId: string;
  }[];
  const busiest = stores.plain.sqlite.prepare('SELECT client_id AS id FROM contact_notes GROUP BY client_id ORDER BY count(*) DESC LIMIT 20').all() as { id: string }[];
  const words = ['formulář', 'azylový dům', 'naloxon', 'HCV infekční', 'truhlář', 'exekuce', 'probační', 'Šťastný', 'metadon dávka', 'zluty formular'];
  const sorts = ['name', 'earliestRelease', 'lastContact', 'prison', 'status'] as const;
  const now = new Date();

  const results: BenchResult[] = [];
  results.push(
    // What unlocking does after Argon2id: read and authenticate the key-slot file, open the store with the
    // key (which reads the schema, so a wrong key fails here) and check the migrations.
    ...measure('open + unlock (without Argon2id)', {
      encrypted: () => {
        verifyMac(readKeySlotFile(slotsFile), dataKey);
        // Unlock also reads the write-ahead log and runs the quick integrity check (store/integrity.ts).
        inspectWal(`${encFile}-wal`);
        const store = openStore(encFile, dataKey);
        quickCheck(store.sqlite);
        store.close();
      },
      plain: () => {
        inspectWal(`${plainFile}-wal`);
        const store = openStore(plainFile, null);
        quickCheck(store.sqlite);
        store.close();
      },
    }, { iterations: 30 }),
  );
  results.push(
    // The quick integrity check alone, on a fresh connection (cold page cache), as at unlock.
    ...measure('integrity quick check at unlock', {
      encrypted: () => {
        const sqlite = openRaw(encFile, dataKey);
        quickCheck(sqlite);
        sqlite.close();
      },
      plain: () => {
        const sqlite = new Database(plainFile, { fileMustExist: true });
        quickCheck(sqlite);
        sqlite.close();
      },
    }, { iterations: 30 }),
  );
  results.push(
    ...measure('caseload page (filter + sort, 50 rows)', (kind, i) => {
      const c = sample[i % sample.length]!;
      const query = i % 2 ? { prisonId: c.prisonId, status: ['active' as const, 'intake' as const] } : { regionId: c.regionId };
      queryCaseload(stores[kind].db, admin, { ...query, sort: sorts[i % sorts.length], direction: i % 3 ? 'asc' : 'desc', limit: 50 }, now);
    }),
  );
  results.push(
    ...measure('full-text search over all notes', (kind, i) => {
      queryCaseload(stores[kind].db, admin, { search: words[i % words.length]!, limit: 50 }, now);
    }),
  );
  results.push(
    ...measure('client record with everything', (kind, i) => {
      loadClientRecord(stores[kind].db, busiest[i % busiest.length]!.id);
    }),
  );

  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const period = reportPeriod({ from, to }, now.getTime());
  results.push(
    // The outcome dashboard (issue 11) for the last twelve months over the whole caseload, as an admin opens it
    // first after any write: the records are read afresh every time (the per-revision cache emptied).
    ...measure('outcome dashboard (12 months, all clients)', (kind) => {
      forgetReportRecords(stores[kind].sqlite);
      buildDashboard(stores[kind].sqlite, period, {}, true);
    }, { iterations: 15, warmup: 2 }),
  );
  results.push(
    // The same period again with a prison filter, as when the coordinator narrows it down: no write in between,
    // so the records of this data revision are reused and only the indicators are computed.
    ...measure('outcome dashboard, filter changed (same data)', (kind, i) => {
      buildDashboard(stores[kind].sqlite, period, { prisonId: sample[i % sample.length]!.prisonId }, true);
    }, { iterations: 15, warmup: 2 }),
  );

  const extra = only === null || 'handover'.includes(only) || only.includes('handover') ? await extraBenches() : [];
  results.push(...extra.filter((r) => selected(r.operation)));
  stores.encrypted.close();
  stores.plain.close();

  if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const header = ['operation', 'encrypted median', 'p95', 'plain median', 'p95', 'ratio', 'target'];
  const rows = results.map((r) => {
    const target = benchTargets[r.operation];
    const verdict = target ? `${r.encryptedMedianMs <= target ? 'ok' : 'MISSED'} < ${target} ms, ${r.ratio <= 1.3 ? 'ok' : 'MISSED'} ≤ 1.3×` : '';
    return [r.operation, `${r.encryptedMedianMs.toFixed(2)} ms`, `${r.encryptedP95Ms.toFixed(2)} ms`, `${r.plainMedianMs.toFixed(2)} ms`, `${r.plainP95Ms.toFixed(2)} ms`, `${r.ratio.toFixed(2)}×`, verdict];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  process.stdout.write(`Throughcare benchmark: ${CLIENTS} clients, ${NOTES} contact notes\n`);
  for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`Benchmark failed: ${(e as Error).message}\n${process.env.DEBUG ? (e as Error).stack : ""}\n`);
  process.exit(1);
});
