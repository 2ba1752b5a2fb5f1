import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openStore, type Db, type Store } from '../../electron/node/store/open';
import { buildBundle, openBundle } from '../../electron/node/handover/bundleFormat';
import { readCasePayload, writeCasePayload } from '../../electron/node/handover/casePayload';
import { findClientById } from '../../electron/node/clients/clientRepository';
import { ageIdentitiesOf, findIdentity, signerLookup } from '../../electron/node/identity/identityStore';
import { HANDOVER_SECTIONS } from '../../shared/schemas/handover';
import { loadCaseSummaryData, renderCaseSummaryPdf } from '../../electron/node/pdf';
import { copyToPlain } from './plainCopy';
import { measureAsync, type BenchResult } from './measure';
import { ORG_A, ORG_B, addAttachment, clientOn, exchangeCards, installation } from '../security/handoverFixtures';

/**
 * Handover export and import + verify of a large client (200 notes, 5 MB of attachments), each on the encrypted
 * database and on a plaintext copy of it (sqlcipher_export) in the same run (SPEC §6: under 500 ms, ≤ 1.3×).
 */

export async function benchHandover(runs = 7): Promise<BenchResult[]> {
  const plainStores: Store[] = [];
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
    // Opened by the same store code as the encrypted one (WAL, synchronous, cache), only without a key.
    const plainOf = (inst: typeof a, name: string): Db => {
      const file = path.join(inst.dir, `${name}-plain.db`);
      copyToPlain(inst.backend.session!.store.sqlite, file);
      const store = openStore(file, null);
      plainStores.push(store);
      return store.db;
    };
    const dbs = { encrypted: { a: a.backend.session!.store.db, b: b.backend.session!.store.db }, plain: { a: plainOf(a, 'a'), b: plainOf(b, 'b') } };

    const exportOn = async (db: Db, withSummary = false) => {
      const c = findClientById(db, client.id)!;
      const { payload, attachments } = readCasePayload(db, c, HANDOVER_SECTIONS, client.id, 1);
      // The summary PDF as the export makes it: rendered in the job pool (electron/node/jobs).
      const now = new Date();
      const summaryPdf = withSummary ? await renderCaseSummaryPdf(loadCaseSummaryData(db, client.id, { language: 'cs', organisation: 'Benchmark', now, printedBy: 'Bench' })) : null;
      return buildBundle({ sender: signer, to: { contacts: [{ card: receiver.card, label: 'B' }] }, payload, supersedes: '', custody: false, attachments, summaryPdf, now, appVersion: 'bench' });
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
    const rows: BenchResult[] = [];
    for (const [operation, fn] of [
      ['handover export (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => exportOn(db.a)],
      ['handover export with summary PDF (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => exportOn(db.a, true)],
      ['handover import + verify (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => importOn(db.b)],
    ] as const) {
      rows.push(await measureAsync(operation, (kind) => fn(dbs[kind]), { iterations: runs }));
    }
    return rows;
  } finally {
    for (const store of plainStores) store.close();
    a.dispose();
    b.dispose();
  }
}
