import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { TempInstallation } from '../helpers/tempInstallation';
import { tableChecksums } from '../helpers/tableChecksums';
import { decryptedDatabasePages, decryptedWalPages, looksDecrypted } from '../helpers/decryptedPages';
import { clientOn, exchangeCards, installation, ORG_A, ORG_B, PDF_BYTES, tempFolder } from './handoverFixtures';
import { clients } from '../../electron/node/store/schema';
import { erasedCodeHash } from '../../electron/node/retention/retentionService';

/**
 * W10 erasure: after it, the client's name and a word only their notes held occur nowhere — not in any decrypted
 * page of the database (used or free), not in the WAL, not in any file of the data folder — and one audit entry
 * without personal data remains. A second client's name and word stay findable, so the search itself is proven.
 */
const ERASED = { firstName: 'Bohumila', lastName: 'Vymazalová', word: 'Kvetakrokodyl' };
const KEPT = { word: 'Zachovanyparezok' };

let a: TempInstallation;
let b: TempInstallation;
let usb: ReturnType<typeof tempFolder>;
let erasedId = '';
let erasedCode = '';
let keptLastName = '';

/** Every way the text may sit in the file: as typed (UTF-8), folded like the search index, and in UTF-16. */
const forms = (s: string) => {
  const folded = s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return [Buffer.from(s), Buffer.from(s.toLowerCase()), Buffer.from(folded), Buffer.from(s, 'utf16le')];
};
const found = (haystacks: Buffer[], text: string) => haystacks.some((h) => forms(text).some((f) => h.includes(f)));

function everything(inst: TempInstallation) {
  const key = inst.backend.session!.dataKey;
  const dbPages = decryptedDatabasePages(inst.backend.dbPath, key);
  const walPages = decryptedWalPages(`${inst.backend.dbPath}-wal`, key);
  const files = readdirSync(inst.dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name)));
  return { dbPages, walPages, files, all: [...dbPages, ...walPages, ...files] };
}

beforeAll(async () => {
  a = await installation(ORG_A);
  b = await installation(ORG_B);
  usb = tempFolder();
  const { bOnA } = await exchangeCards(a, b);
  const kept = await clientOn(a, { notes: 1, attachments: [] });
  keptLastName = kept.lastName;
  await a.call('contactLog.add', { clientId: kept.id, at: '2024-05-01T10:00', channel: 'phone', phase: 'custody', participants: 'klient', notes: `Zůstává: ${KEPT.word}.` });

  const erased = await a.call('clients.create', {
    client: { firstName: ERASED.firstName, lastName: ERASED.lastName, dateOfBirth: '1979-03-03', sex: 'female', assignedWorkerId: a.backend.session!.user!.id, notes: `Poznámka ${ERASED.word} k bydlení.` },
  });
  erasedId = erased.id;
  erasedCode = erased.code;
  for (let i = 0; i < 3; i++) {
    await a.call('contactLog.add', { clientId: erased.id, at: `2024-0${i + 1}-10T10:00`, channel: 'prisonVisit', phase: 'custody', participants: `${ERASED.firstName} ${ERASED.lastName}`, notes: `Návštěva ${i}: ${ERASED.word} a plán bydlení.` });
  }
  // An edit leaves the old text in the freed part of a page unless secure_delete zeroes it.
  await a.call('clients.update', { id: erased.id, revision: erased.revision, notes: `Upraveno: ${ERASED.word}, nové bydlení.` });
  const processing = await a.call('consent.add', { clientId: erased.id, consent: { kind: 'processing', givenOn: '2024-01-01' } });
  await a.call('attachments.add', {
    clientId: erased.id,
    kind: 'consentForm',
    note: `Podpis ${ERASED.word}`,
    fileName: `souhlas-${ERASED.lastName}.pdf`,
    contentBase64: Buffer.concat([PDF_BYTES, Buffer.from(`${ERASED.lastName} ${ERASED.word}`)]).toString('base64'),
    consentId: processing.id,
  });
  await a.call('drafts.save', { formKey: `contactLog:new:${erased.id}`, data: { notes: `Rozepsáno ${ERASED.word}` } });
  await a.call('consent.add', { clientId: erased.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record', 'contactLog', 'attachments'], givenOn: '2024-01-01' } });
  await a.call('handover.export', { clientId: erased.id, recipientIds: [bOnA.id], sections: ['record', 'contactLog', 'attachments'], folder: usb.dir });
  const current = await a.call('clients.get', { id: erased.id });
  await a.call('clients.setStatus', { id: erased.id, status: 'closed', revision: current.revision });
}, 180_000);

afterAll(() => {
  a?.dispose();
  b?.dispose();
  usb?.dispose();
});

describe('retention and erasure (W10)', () => {
  it('lists a closed case once its retention period has run out from its last activity', async () => {
    expect((await a.call('retention.review', {})).due.map((c) => c.id)).not.toContain(erasedId);
    await a.call('retention.setMonths', { months: 12 });
    // The case was last touched 13 months ago.
    const db = a.backend.session!.store.db;
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    db.update(clients).set({ updatedAt: longAgo, lastContactAt: longAgo }).where(eq(clients.id, erasedId)).run();
    const review = await a.call('retention.review', {});
    expect(review.retentionMonths).toBe(12);
    expect(review.due.map((c) => c.code)).toEqual([erasedCode]);
    expect((await a.raw('retention.setMonths', { months: 0 })).ok).toBe(false);
  });

  it('refuses a wrong code, a reason naming the client, and an open case, changing nothing', async () => {
    const open = (await a.call('clients.caseload', {})).rows.find((r) => r.status !== 'closed')!;
    const before = tableChecksums(a.backend.session!.store.sqlite);
    const wrong = await a.raw('retention.erase', { clientId: erasedId, confirmCode: 'XXX-0000', reason: 'Uplynula skartační lhůta.' });
    expect(!wrong.ok && wrong.error.messageKey).toBe('errors.retention.codeMismatch');
    const naming = await a.raw('retention.erase', { clientId: erasedId, confirmCode: erasedCode, reason: `Paní ${ERASED.lastName} požádala.` });
    expect(!naming.ok && naming.error.messageKey).toBe('errors.retention.reasonNamesClient');
    const notClosed = await a.raw('retention.erase', { clientId: open.id, confirmCode: open.code, reason: 'Uplynula skartační lhůta.' });
    expect(!notClosed.ok && notClosed.error.messageKey).toBe('errors.retention.notClosed');
    expect(tableChecksums(a.backend.session!.store.sqlite)).toEqual(before);
  });

  it('after erasure the name and the note word occur in no decrypted page (used or free), no WAL frame and no file of the data folder', async () => {
    const beforeErasure = everything(a);
    expect(looksDecrypted(beforeErasure.dbPages[0]!)).toBe(true);
    // Positive controls: the search finds what is there.
    expect(found(beforeErasure.all, ERASED.word)).toBe(true);
    expect(found(beforeErasure.all, ERASED.lastName)).toBe(true);
    // …and the raw files never show it unencrypted, before or after.
    expect(found(beforeErasure.files, ERASED.word)).toBe(false);

    const result = await a.call('retention.erase', { clientId: erasedId, confirmCode: erasedCode.toLowerCase(), reason: 'Uplynula skartační lhůta.' });
    expect(result.codeHash).toBe(erasedCodeHash(erasedCode));

    const after = everything(a);
    expect(looksDecrypted(after.dbPages[0]!)).toBe(true);
    expect(statSync(`${a.backend.dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    for (const text of [ERASED.word, ERASED.lastName, ERASED.firstName]) {
      expect(found(after.dbPages, text), `${text} in a decrypted database page`).toBe(false);
      expect(found(after.walPages, text), `${text} in the WAL`).toBe(false);
      expect(found(after.files, text), `${text} in a raw file`).toBe(false);
    }
    expect(a.backend.session!.store.sqlite.prepare('SELECT count(*) AS n FROM client_attachments WHERE client_id = ?').get(erasedId)).toEqual({ n: 0 });
    expect(found(after.dbPages, KEPT.word)).toBe(true);
    expect(found(after.dbPages, keptLastName)).toBe(true);

    // The search index knows the kept client's word and no longer the erased one's.
    const sqlite = a.backend.session!.store.sqlite;
    sqlite.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, 'client_search', 'row')");
    const hasTerm = (t: string) => Boolean(sqlite.prepare('SELECT 1 FROM temp.search_terms WHERE term = ?').get(t));
    expect(hasTerm(KEPT.word.toLowerCase())).toBe(true);
    expect(hasTerm(ERASED.word.toLowerCase())).toBe(false);
    expect(hasTerm('vymazalova')).toBe(false);
    expect((await a.call('clients.caseload', { search: ERASED.word })).total).toBe(0);
  });

  it('leaves one audit entry without personal data (code hash, date, who, why), and the chain still verifies', async () => {
    const entries = (await a.call('audit.list', { action: 'client.erased', limit: 5 })).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toEqual({ codeHash: erasedCodeHash(erasedCode), reason: 'Uplynula skartační lhůta.' });
    expect(JSON.stringify(entries[0])).not.toContain(erasedCode);
    expect((await a.call('audit.verify', {})).ok).toBe(true);
    const gone = await a.raw('clients.get', { id: erasedId });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
  });
});
