import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../electron/node/store/schema';
import type { Db } from '../../electron/node/store/open';
import { buildBundle, openBundle } from '../../electron/node/handover/bundleFormat';
import { readCasePayload, writeCasePayload } from '../../electron/node/handover/casePayload';
import { findClientById } from '../../electron/node/clients/clientRepository';
import { ageIdentitiesOf, findIdentity, signerLookup } from '../../electron/node/identity/identityStore';
import { HANDOVER_SECTIONS } from '../../shared/schemas/handover';
import { ORG_A, ORG_B, addAttachment, clientOn, exchangeCards, installation } from '../security/handoverFixtures';

/**
 * Handover export and import + verify of a large client (200 notes, 5 MB of attachments), each on the encrypted
 * database and on a plaintext copy of it (sqlcipher_export) in the same run (SPEC §6: under 500 ms, ≤ 1.3×).
 */

export interface HandoverBenchRow {
  operation: string;
  encryptedMedianMs: number;
  encryptedP95Ms: number;
  plainMedianMs: number;
  plainP95Ms: number;
  ratio: number;
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]! };
}

export async function benchHandover(runs = 7): Promise<HandoverBenchRow[]> {
  const a = await installation(ORG_A);
  const b = await installation(ORG_B);
  try {
    await exchangeCards(a, b);
    const client = await clientOn(a, { notes: 200, attachments: [] });
    const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(n)]);
    for (let i = 0; i < 5; i++) addAttachment(a, client.id, `scan-${i}.pdf`, 'application/pdf', pdf(1024 * 1024));
    const signer = findIdentity(a.backend.session!.store.db, a.backend.session!.user!.id)!;
    const receiver = findIdentity(b.backend.session!.store.db, b.backend.session!.user!.id)!;

    // The plaintext twins of both databases, for the overhead comparison: every table and index copied.
    const plainOf = (inst: typeof a, name: string): Db => {
      const file = path.join(inst.dir, `${name}-plain.db`);
      writeFileSync(file, ''); // the store connection may not create files; an empty file is an empty database
      const sqlite = inst.backend.session!.store.sqlite;
      sqlite.pragma('foreign_keys = OFF'); // tables are copied in name order, not dependency order
      sqlite.exec(`ATTACH DATABASE '${file}' AS plain KEY ''`);
      const objects = sqlite.prepare("SELECT type, name, sql FROM main.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table','index') ORDER BY type DESC").all() as { type: string; name: string; sql: string }[];
      // Full-text tables (virtual, with shadow tables) are not needed by a handover.
      const virtual = objects.filter((o) => /^CREATE VIRTUAL/i.test(o.sql)).map((o) => o.name);
      const skipped = (n: string) => virtual.some((v) => n === v || n.startsWith(`${v}_`));
      for (const o of objects) {
        if (skipped(o.name) || (o.type === 'index' && virtual.some((v) => o.sql.includes(` ON ${v}`)))) continue;
        if (o.type === 'table') {
          sqlite.exec(o.sql.replace(/^CREATE TABLE [`"]?(\w+)[`"]?/, 'CREATE TABLE plain."$1"'));
          sqlite.exec(`INSERT INTO plain."${o.name}" SELECT * FROM main."${o.name}"`);
        } else {
          sqlite.exec(o.sql.replace(/^CREATE (UNIQUE )?INDEX [`"]?(\w+)[`"]? ON /, 'CREATE $1INDEX plain."$2" ON '));
        }
      }
      sqlite.exec('DETACH DATABASE plain');
      sqlite.pragma('foreign_keys = ON');
      return drizzle(new Database(file), { schema }) as unknown as Db;
    };
    const dbs = { encrypted: { a: a.backend.session!.store.db, b: b.backend.session!.store.db }, plain: { a: plainOf(a, 'a'), b: plainOf(b, 'b') } };

    const exportOn = async (db: Db) => {
      const c = findClientById(db, client.id)!;
      const { payload, attachments } = readCasePayload(db, c, HANDOVER_SECTIONS, client.id, 1);
      return buildBundle({ sender: signer, to: { contacts: [{ card: receiver.card, label: 'B' }] }, payload, supersedes: '', custody: false, attachments, summaryPdf: null, now: new Date(), appVersion: 'bench' });
    };
    const file = (await exportOn(dbs.encrypted.a)).bytes;
    const importOn = async (db: Db) => {
      const opened = await openBundle(file, { myFingerprints: [receiver.card.fingerprint], myAgeIdentities: ageIdentitiesOf(receiver), findSigner: signerLookup(db), now: new Date() });
      // Written and rolled back, so that every run imports into the same state.
      try {
        db.transaction((tx) => {
          writeCasePayload(tx, opened.payload, opened.attachments, { userId: b.backend.session!.user!.id, now: new Date() }, { intoClientId: null, code: `B-${randomBytes(3).toString('hex').toUpperCase()}` });
          throw new Error('rollback');
        });
      } catch (e) {
        if ((e as Error).message !== 'rollback') throw e;
      }
    };
    const rows: HandoverBenchRow[] = [];
    for (const [operation, fn] of [
      ['handover export (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => exportOn(db.a)],
      ['handover import + verify (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => importOn(db.b)],
    ] as const) {
      const enc = await timed(runs, () => fn(dbs.encrypted));
      const plain = await timed(runs, () => fn(dbs.plain));
      rows.push({ operation, encryptedMedianMs: enc.median, encryptedP95Ms: enc.p95, plainMedianMs: plain.median, plainP95Ms: plain.p95, ratio: enc.median / plain.median });
    }
    return rows;
  } finally {
    a.dispose();
    b.dispose();
  }
}
