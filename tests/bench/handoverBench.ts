import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { openStore, type Db, type Store } from '../../electron/node/store/open';
import { buildBundle, openBundle } from '../../electron/node/handover/bundleFormat';
import { readCasePayload, writeCasePayload } from '../../electron/node/handover/casePayload';
import { findClientById } from '../../electron/node/clients/clientRepository';
import { ageIdentitiesOf, findIdentity, signerLookup } from '../../electron/node/identity/identityStore';
import { HANDOVER_SECTIONS } from '../../shared/schemas/handover';
import { loadCaseSummaryData, renderCaseSummaryPdf } from '../../electron/node/pdf';
import { copyToPlain } from './plainCopy';
import { withBulkNoteLoad } from '../../electron/node/store/searchIndex';
import { measureAsync, type BenchResult } from './measure';
import { ORG_A, ORG_B, addAttachment, clientOn, exchangeCards, installation } from '../security/handoverFixtures';

/**
 * Handover export and import + verify of a large client (200 notes, 5 MB of attachments), each on the encrypted
 * database and on a plaintext copy of it (sqlcipher_export) in the same run (SPEC §6: under 500 ms, ≤ 1.3×); and the
 * import of long-term clients with 2,000 and 10,000 notes, budgets scaled linearly (issue 14: import is linear).
 */

const LONG_TERM_NOTES = [2_000, 10_000];

/** Contact notes straight into the table, the search triggers suspended as the demo loader does. */
function addNotes(inst: Awaited<ReturnType<typeof installation>>, clientId: string, count: number): void {
  const sqlite = inst.backend.session!.store.sqlite;
  const userId = inst.backend.session!.user!.id;
  const insert = sqlite.prepare('INSERT INTO contact_notes (id, client_id, at, channel, phase, participants, notes, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  withBulkNoteLoad(sqlite, () => {
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
      insert.run(randomUUID(), clientId, at, 'prisonVisit', 'custody', 'klient', `Návštěva ${i}: bydlení po propuštění, zaměstnání, OST u K-centra, dluhy a splátkový kalendář.`, userId, at);
    }
  });
}

export async function benchHandover(runs = 7): Promise<BenchResult[]> {
  const plainStores: Store[] = [];
  const a = await installation(ORG_A);
  const b = await installation(ORG_B);
  try {
    await exchangeCards(a, b);
    const client = await clientOn(a, { notes: 200, attachments: [] });
    const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(n)]);
    for (let i = 0; i < 5; i++) addAttachment(a, client.id, `scan-${i}.pdf`, 'application/pdf', pdf(1024 * 1024));
    // Long-term clients: thousands of notes, written in bulk (the API would take minutes to add them one by one).
    const longTerm: { id: string; notes: number }[] = [];
    for (const [i, notes] of LONG_TERM_NOTES.entries()) {
      const c = await clientOn(a, { notes: 0, attachments: [], firstName: ['Bohdan', 'Vratislav'][i]! });
      addNotes(a, c.id, notes);
      longTerm.push({ id: c.id, notes });
    }
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

    const exportOn = async (db: Db, clientId = client.id, withSummary = false) => {
      const c = findClientById(db, clientId)!;
      const { payload, attachments } = readCasePayload(db, c, HANDOVER_SECTIONS, clientId, 1);
      // The summary PDF as the export makes it: rendered in the job pool (electron/node/jobs).
      const now = new Date();
      const summaryPdf = withSummary ? await renderCaseSummaryPdf(loadCaseSummaryData(db, clientId, { language: 'cs', organisation: 'Benchmark', now, printedBy: 'Bench' })) : null;
      return buildBundle({ sender: signer, to: { contacts: [{ card: receiver.card, label: 'B' }] }, payload, supersedes: '', custody: false, attachments, summaryPdf, now, appVersion: 'bench' });
    };
    const file = (await exportOn(dbs.encrypted.a)).bytes;
    const importOn = async (db: Db, bytes: Uint8Array = file) => {
      const opened = await openBundle(bytes, { myFingerprints: [receiver.card.fingerprint], myAgeIdentities: ageIdentitiesOf(receiver), myOrganisation: 'Benchmark', findSigner: signerLookup(db), now: new Date() });
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
      ['handover export with summary PDF (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => exportOn(db.a, client.id, true)],
      ['handover import + verify (200 notes, 5 MB attachments)', (db: { a: Db; b: Db }) => importOn(db.b)],
    ] as const) {
      rows.push(await measureAsync(operation, (kind) => fn(dbs[kind]), { iterations: runs }));
    }
    for (const { id, notes } of longTerm) {
      const bytes = (await exportOn(dbs.encrypted.a, id)).bytes;
      rows.push(await measureAsync(`handover import + verify (${notes.toLocaleString('en')} notes)`, (kind) => importOn(dbs[kind].b, bytes), { iterations: 3, warmup: 1 }));
    }
    return rows;
  } finally {
    for (const store of plainStores) store.close();
    a.dispose();
    b.dispose();
  }
}
