import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq, lt } from 'drizzle-orm';
import { wordlist as czechWords } from '@scure/bip39/wordlists/czech.js';
import { apiError } from '../../../shared/api';
import { checkSharingConsent, sameOrganisation, type SharingRecipient } from '../../../shared/schemas/consent';
import type { Receipt } from '../../../shared/schemas/handover';
import { receiptProofMatches } from './passphraseBinding';
import { HEALTH_SERVICE_KINDS, type BundleInspection, type HandoverExport, type HandoverSection } from '../../../shared/schemas/handover';
import type { ReadContext, UserCallContext, WriteContext } from '../api/context';
import type { Client } from '../../../shared/schemas/client';
import type { SessionUser } from '../../../shared/schemas/user';
import { assertHeldHere, mayReachClient, reachCondition } from '../clients/clientAccess';
import type { Db } from '../store/open';
import { clients, handoverExports, handoverImports, users } from '../store/schema';
import { findClientByCode, findClientById, findPossibleDuplicates, generateClientCode } from '../clients/clientRepository';
import { markChecklistItem } from '../plan/checklistRepository';
import { activeContactByFingerprint, activeContactById, ageIdentitiesOf, contactCard, ensureIdentity, findIdentity, insertContact, signerLookup } from '../identity/identityStore';
import type { SignerIdentity } from './bundleFormat';
import { listConsents } from './consentRepository';
import { readCasePayload, payloadCounts, writeCasePayload } from './casePayload';
import { buildBundle, buildReceipt, openBundle, openReceipt, attachmentPath, type OpenedBundle } from './bundleFormat';
import { readSourceBytes, writeFileAtomically, type FileSource } from './sourceFile';
import { HandoverError, interpolate } from './handoverError';
import { handover } from '../../../shared/i18n/locales/handover';
import { loadCaseSummaryData, renderCaseSummaryPdf } from '../pdf';

/** W8/W9: export a client as a handover file, inspect and import one, write and import receipts. */

const APP_VERSION = '0.1.0';
const PASSPHRASE_WORDS = 8;

export type { FileSource } from './sourceFile';

/** A call's context with the client the dispatcher resolved and checked. */
type WithClient<C> = C & { readonly client: Client };

/** 8 words from the BIP39 Czech list (2048 words, 11 bits each: 88 bits); the user never chooses it. */
export function generatePassphrase(): string {
  return Array.from({ length: PASSPHRASE_WORDS }, () => czechWords[randomInt(czechWords.length)]).join(' ');
}

// ---- Export ----

export interface ExportRequest {
  clientId: string;
  recipientIds: string[];
  /** First contact: the organisation the passphrase goes to (for the consent gate) and a label. */
  passphraseFor: { organisation: string; label: string } | null;
  sections: HandoverSection[];
  custody: boolean;
  /** Add payload/summary.pdf (limited to the sections that go). */
  includeSummaryPdf?: boolean;
}

interface PlannedExport {
  client: NonNullable<ReturnType<typeof findClientById>>;
  contacts: { id: string; fingerprint: string; label: string; organisation: string; card: ReturnType<typeof contactCard> }[];
  organisations: string[];
  sections: HandoverSection[];
}

/** Recipients, organisations and the consent gate; throws the refusal, audited by the caller. */
function planExport(ctx: WithClient<UserCallContext>, req: ExportRequest): PlannedExport {
  const { client } = ctx;
  // Moving custody changes the case: only while it is held here (a copy of a handed-over case may still be sent).
  if (req.custody) assertHeldHere(client);
  if (req.recipientIds.length === 0 && !req.passphraseFor) throw new HandoverError('noRecipients');
  if (req.recipientIds.length > 0 && req.passphraseFor) throw apiError('VALIDATION', 'Choose contacts or a first-contact passphrase, not both.', 'errors.handover.contactsOrPassphrase');
  const contacts = req.recipientIds.map((id) => {
    const row = activeContactById(ctx.db, id);
    if (!row) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
    if (row.verification === 'unverified') throw new HandoverError('recipientUnverified', { name: row.name });
    return { id: row.id, fingerprint: row.fingerprint, label: `${row.name} (${row.organisation})`, organisation: row.organisation, card: contactCard(row) };
  });
  const sections = [...new Set<HandoverSection>(['record', ...req.sections])];
  const organisations = [...new Set(req.passphraseFor ? [req.passphraseFor.organisation] : contacts.map((c) => c.organisation))];
  // The gate matches a contact by its card's fingerprint, a first contact by the organisation typed for the passphrase.
  const gateFor: { recipient: SharingRecipient; label: string }[] = req.passphraseFor
    ? [{ recipient: { kind: 'passphrase', organisation: req.passphraseFor.organisation }, label: req.passphraseFor.organisation }]
    : contacts.map((c) => ({ recipient: { kind: 'contact', fingerprint: c.fingerprint }, label: c.label }));
  const consentList = listConsents(ctx.db, client.id, ctx.today);
  for (const { recipient, label } of gateFor) {
    const gate = checkSharingConsent(consentList, recipient, sections, ctx.today);
    if (!gate.ok) {
      const missing = gate.reason === 'sectionsNotCovered' ? gate.missing.join(', ') : '';
      // The locale quotes the recipient: organisation names often end in a full stop ("o.p.s.").
      const params = { recipient: label, sections: missing };
      throw Object.assign(apiError('REFUSED', interpolate(handover.en.errors.handover.consent[gate.reason], params), `errors.handover.consent.${gate.reason}`, params), { consentReason: gate.reason });
    }
  }
  return { client, contacts, organisations, sections };
}

function nextRevision(db: Db, caseId: string, clientId: string): number {
  const exported = db.select({ r: handoverExports.revision }).from(handoverExports).where(eq(handoverExports.clientId, clientId)).all();
  const imported = db.select({ r: handoverImports.revision }).from(handoverImports).where(eq(handoverImports.caseId, caseId)).all();
  return Math.max(0, ...exported.map((e) => e.r), ...imported.map((i) => i.r)) + 1;
}

/** A case that came in by handover keeps its case id on the way on (and back), so revisions stay comparable. */
function caseIdOf(db: Db, clientId: string): { caseId: string; supersedes: string } {
  const imported = db.select().from(handoverImports).where(eq(handoverImports.clientId, clientId)).orderBy(desc(handoverImports.importedAt)).get();
  const lastExport = db.select().from(handoverExports).where(eq(handoverExports.clientId, clientId)).orderBy(desc(handoverExports.createdAt)).get();
  return { caseId: imported?.caseId ?? clientId, supersedes: lastExport?.bundleId ?? imported?.bundleId ?? '' };
}

export function previewExport(ctx: WithClient<ReadContext>, req: ExportRequest) {
  const plan = planExport(ctx, req);
  const { caseId } = caseIdOf(ctx.db, plan.client.id);
  const { payload, attachments } = readCasePayload(ctx.db, plan.client, plan.sections, caseId, 0);
  return {
    organisations: plan.organisations,
    recipients: plan.contacts.map((c) => c.label),
    sections: plan.sections,
    counts: payloadCounts(payload),
    attachments: (payload.attachments ?? []).map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, size: a.size })),
    totalBytes: attachments.reduce((n, a) => n + a.bytes.length, 0),
    custody: req.custody,
    summaryPdf: Boolean(req.includeSummaryPdf),
  };
}

/**
 * `payload/summary.pdf`: the human-readable case summary, holding only the sections that go (and that the consent
 * allows) — the health part, for one, stays out unless `health` is chosen. In Czech, the receiving workers' language.
 */
async function summaryPdfFor(ctx: UserCallContext, clientId: string, sections: HandoverSection[]): Promise<Buffer> {
  const has = (s: HandoverSection) => sections.includes(s);
  const data = loadCaseSummaryData(ctx.db, clientId, { language: 'cs', organisation: ctx.installation.organisation(), now: ctx.now, printedBy: ctx.user.displayName });
  return renderCaseSummaryPdf({
    ...data,
    assessment: has('assessment') ? data.assessment : null,
    screenings: has('health') ? data.screenings : [],
    plan: has('plan') ? data.plan : { goals: [], checklist: [] },
    servicesLog: data.servicesLog.filter((e) => (HEALTH_SERVICE_KINDS.includes(e.kind) ? has('health') : has('plan'))),
    referrals: has('referrals') ? data.referrals : [],
    contacts: has('contactLog') ? data.contacts : { total: 0, custody: 0, afterRelease: 0, lastAt: null, recent: [] },
  });
}

export async function exportHandover(ctx: WithClient<WriteContext>, req: ExportRequest, folder: string) {
  let plan: PlannedExport;
  try {
    plan = planExport(ctx, req);
  } catch (e) {
    const reason = (e as { consentReason?: string; kind?: string }).consentReason ?? (e as { kind?: string }).kind;
    if (reason) ctx.audit({ action: 'handover.exportRefused', entityType: 'client', entityId: req.clientId, details: { reason } });
    throw e;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw apiError('NOT_FOUND', `The folder ${folder} does not exist.`, 'errors.handover.folderMissing', { folder });
  const me = await ensureIdentity(ctx);
  const { caseId, supersedes } = caseIdOf(ctx.db, plan.client.id);
  const revision = nextRevision(ctx.db, caseId, plan.client.id);
  const { payload, attachments } = readCasePayload(ctx.db, plan.client, plan.sections, caseId, revision);
  const passphrase = req.passphraseFor ? generatePassphrase() : null;
  const built = await buildBundle({
    sender: me,
    to: passphrase ? { passphrase, label: req.passphraseFor!.label, organisation: req.passphraseFor!.organisation } : { contacts: plan.contacts.map((c) => ({ card: c.card, label: c.label })) },
    payload,
    supersedes,
    custody: req.custody,
    attachments,
    summaryPdf: req.includeSummaryPdf ? await summaryPdfFor(ctx, plan.client.id, plan.sections) : null,
    now: ctx.now,
    appVersion: APP_VERSION,
  });
  // The outer name reveals nothing about the client.
  const filePath = path.join(folder, `${randomBytes(8).toString('hex')}.handover`);
  writeFileAtomically(filePath, built.bytes);
  const at = ctx.now;
  const recipientLabel = passphrase ? `${req.passphraseFor!.label} (${req.passphraseFor!.organisation})` : plan.contacts.map((c) => c.label).join(', ');
  try {
    ctx.change(
      {
        action: 'handover.exported',
        entityType: 'client',
        entityId: plan.client.id,
        details: { bundleId: built.manifest.bundleId, fileSha256: built.fileSha256, recipients: passphrase ? 0 : plan.contacts.length, byPassphrase: Boolean(passphrase), custody: req.custody, sections: plan.sections.join(',') },
      },
      (tx) => {
        tx.insert(handoverExports)
          .values({
            bundleId: built.manifest.bundleId,
            clientId: plan.client.id,
            createdAt: at.toISOString(),
            createdBy: ctx.user.id,
            recipients: JSON.stringify(passphrase ? [] : plan.contacts.map((c) => ({ fingerprint: c.fingerprint, label: c.label }))),
            organisation: plan.organisations.join(', '),
            sections: JSON.stringify(plan.sections),
            custody: req.custody,
            byPassphrase: Boolean(passphrase),
            revision,
            manifestSha256: built.manifestSha256,
            fileSha256: built.fileSha256,
            passphraseReceiptKey: built.passphraseReceiptKey?.toString('hex') ?? null,
          })
          .run();
        markChecklistItem(tx, plan.client.id, 'handoverSent', { status: 'done', userId: ctx.user.id, now: at });
        if (req.custody) {
          tx.update(clients).set({ custody: 'handedOver', handedOverTo: recipientLabel, handedOverAt: at.toISOString(), receiptReceivedAt: null }).where(eq(clients.id, plan.client.id)).run();
        }
      },
    );
  } catch (e) {
    rmSync(filePath, { force: true });
    throw e;
  }
  return { bundleId: built.manifest.bundleId, filePath, fileSha256: built.fileSha256, passphrase, revision };
}

/** One client's exports, or all exports of clients within the viewer's reach. */
export function listExports(db: Db, clientId: string | null, viewer: Pick<SessionUser, 'id' | 'role'>): HandoverExport[] {
  return db
    .select({ e: handoverExports, name: users.displayName })
    .from(handoverExports)
    .innerJoin(clients, eq(clients.id, handoverExports.clientId))
    .leftJoin(users, eq(users.id, handoverExports.createdBy))
    .where(and(clientId ? eq(handoverExports.clientId, clientId) : undefined, reachCondition(viewer)))
    .orderBy(desc(handoverExports.createdAt))
    .all()
    .map(({ e, name }) => ({
      bundleId: e.bundleId,
      clientId: e.clientId,
      createdAt: e.createdAt,
      createdByName: name ?? '',
      recipientLabels: (JSON.parse(e.recipients) as { label: string }[]).map((r) => r.label),
      organisation: e.organisation,
      sections: JSON.parse(e.sections) as HandoverSection[],
      custody: e.custody,
      byPassphrase: e.byPassphrase,
      fileSha256: e.fileSha256,
      receiptStatus: e.receiptStatus,
      receiptReceivedAt: e.receiptReceivedAt,
    }));
}

// ---- Import ----

/** `me` null: only looking (verify), and this user has no identity yet; a passphrase bundle can still be opened. */
async function openAs(ctx: UserCallContext, me: SignerIdentity | null, bytes: Uint8Array, passphrase: string | undefined): Promise<OpenedBundle> {
  const opened = await openBundle(bytes, {
    myFingerprints: me ? [me.card.fingerprint] : [],
    myAgeIdentities: me ? ageIdentitiesOf(me) : [],
    passphrase,
    myOrganisation: ctx.installation.organisation(),
    findSigner: signerLookup(ctx.db),
    now: ctx.now,
  });
  if (opened.senderTrust === 'self') throw new HandoverError('ownBundle');
  return opened;
}

/** Step 8, the replay ledger, and the revision check: what this bundle means for the cases here. */
function ledgerCheck(db: Db, opened: OpenedBundle) {
  const prior = db.select().from(handoverImports).where(eq(handoverImports.bundleId, opened.manifest.bundleId)).get();
  if (prior && prior.manifestSha256 !== opened.manifestSha256) throw new HandoverError('bundleIdConflict');
  const sameCase = db.select().from(handoverImports).where(eq(handoverImports.caseId, opened.manifest.subject.caseId)).orderBy(desc(handoverImports.revision)).get();
  return { prior: prior ?? null, sameCase: sameCase ?? null };
}

export async function inspectHandover(ctx: UserCallContext, source: FileSource, passphrase: string | undefined): Promise<BundleInspection> {
  // Looking writes nothing, not even a first-use identity.
  const me = findIdentity(ctx.db, ctx.user.id);
  const opened = await openAs(ctx, me, readSourceBytes(source), passphrase);
  const { prior, sameCase } = ledgerCheck(ctx.db, opened);
  const r = opened.payload.record;
  // Possible duplicates only among the clients this user may reach: the preview never reveals another caseload.
  const inReach = (id: string) => {
    const c = findClientById(ctx.db, id);
    return c && mayReachClient(ctx.db, ctx.user, c) ? c : undefined;
  };
  const duplicates = findPossibleDuplicates(ctx.db, { code: r.code, firstName: r.firstName, lastName: r.lastName, dateOfBirth: r.dateOfBirth }).filter((d) => inReach(d.id));
  const knownCase = sameCase?.clientId ? inReach(sameCase.clientId) : undefined;
  const possibleDuplicates = [
    ...(knownCase ? [{ clientId: knownCase.id, clientCode: knownCase.code, name: `${knownCase.firstName} ${knownCase.lastName}`, reason: 'sameCode' as const }] : []),
    ...duplicates.filter((d) => d.id !== knownCase?.id).map((d) => ({ clientId: d.id, clientCode: d.code, name: `${d.firstName} ${d.lastName}`, reason: d.reason === 'sameCode' ? ('sameCode' as const) : ('sameNameAndBirthDate' as const) })),
  ];
  const warnings = [...opened.warnings];
  if (sameCase && sameCase.revision > opened.manifest.subject.revision) warnings.push('olderRevision');
  const displayNames = new Map((opened.payload.attachments ?? []).map((a) => [attachmentPath(a.sha256), a.fileName]));
  return {
    bundleId: opened.manifest.bundleId,
    createdAt: opened.manifest.createdAt,
    notAfter: opened.manifest.notAfter,
    sender: { fingerprint: opened.senderCard.fingerprint, name: opened.senderCard.name, organisation: opened.senderCard.organisation, trust: opened.senderTrust, card: opened.senderCard },
    recipients: opened.manifest.recipients.map((rcp) => ({ kind: rcp.kind, fingerprint: rcp.fingerprint, label: rcp.label, isMe: rcp.kind === 'passphrase' ? opened.decryptedBy === 'passphrase' : rcp.fingerprint === me?.card.fingerprint })),
    custody: opened.manifest.custody,
    sections: opened.payload.sections,
    files: opened.manifest.files.map((f) => ({ path: f.path, size: f.size, mediaType: f.mediaType, displayName: displayNames.get(f.path) ?? f.path })),
    manifestSha256: opened.manifestSha256,
    client: { code: r.code, firstName: r.firstName, lastName: r.lastName, dateOfBirth: r.dateOfBirth },
    counts: payloadCounts(opened.payload),
    alreadyImported: Boolean(prior),
    possibleDuplicates,
    warnings,
  };
}

export interface ImportRequest {
  source: FileSource;
  passphrase?: string | undefined;
  /** 'new': a new client; 'into': replace the sections carried in an existing client (a matching or returning case). */
  mode: 'new' | 'into';
  intoClientId?: string | undefined;
  /** The user saw the warnings (future timestamps, past notAfter, unverified sender) and confirmed. */
  confirmWarnings: boolean;
  receiptPath: string;
}

export async function importHandover(ctx: WriteContext & { readonly client: Client | null }, req: ImportRequest) {
  // A refused import changes nothing, not even a first-use identity: made only once the file has passed every check.
  const existing = findIdentity(ctx.db, ctx.user.id);
  const opened = await openAs(ctx, existing, readSourceBytes(req.source), req.passphrase);
  const { prior, sameCase } = ledgerCheck(ctx.db, opened);
  const m = opened.manifest;
  if (prior) {
    // Already imported (or imported, then interrupted before the receipt was written): the stored receipt is saved again.
    writeCommittedReceipt(ctx.db, prior.bundleId, req.receiptPath);
    throw new HandoverError('alreadyImported', { date: prior.importedAt.slice(0, 10) });
  }
  if (sameCase && sameCase.revision === m.subject.revision) throw new HandoverError('sameRevision', { revision: m.subject.revision });
  if (sameCase && sameCase.revision > m.subject.revision) throw new HandoverError('olderRevision', { revision: m.subject.revision, current: sameCase.revision });
  if (opened.warnings.length && !req.confirmWarnings) throw new HandoverError('needsConfirmation', { warnings: opened.warnings.join(', ') });

  let intoClientId: string | null = null;
  if (req.mode === 'into') {
    // The dispatcher resolved `intoClientId` with write access: within reach and held here, else nothing happens.
    const target = ctx.client;
    if (!target) throw apiError('NOT_FOUND', 'Choose the client to import into.', 'errors.clientNotFound');
    intoClientId = target.id;
  }
  const r = opened.payload.record;
  const codeTaken = findClientByCode(ctx.db, r.code);
  const code = !codeTaken || codeTaken.id === intoClientId ? r.code : generateClientCode(ctx.db);

  const me = existing ?? (await ensureIdentity(ctx));
  // Built in memory only: it leaves the machine after the commit, from the committed row (acknowledged means durable).
  const { bytes: receiptBytes, receipt } = await buildReceipt({
    signer: me,
    receipt: { bundleId: m.bundleId, manifestSha256: opened.manifestSha256, senderFingerprint: m.sender.fingerprint, status: 'imported', reason: '' },
    encryptTo: m.receipt.recipient,
    passphraseReceiptKey: opened.passphraseReceiptKey,
    now: ctx.now,
  });
  const at = ctx.now;
  const clientId = ctx.change(
    {
      action: 'handover.imported',
      entityType: 'client',
      entityId: m.subject.caseId,
      details: { bundleId: m.bundleId, senderFingerprint: m.sender.fingerprint, senderTrust: opened.senderTrust, custody: m.custody, mode: req.mode, warnings: opened.warnings.join(','), receiptId: receipt.receiptId },
    },
    (tx) => {
      const id = writeCasePayload(tx, opened.payload, opened.attachments, { userId: ctx.user.id, now: at }, { intoClientId, code });
      // A first contact: the passphrase vouched for the sender's card, which is now pinned as such.
      if (opened.senderTrust === 'unknown' && opened.decryptedBy === 'passphrase' && !activeContactByFingerprint(tx, opened.senderCard.fingerprint)) {
        insertContact(tx, opened.senderCard, opened.senderCardFile.cardBytes, opened.senderCardFile.signature, 'firstContactPassphrase', { userId: ctx.user.id, now: at });
      }
      tx.insert(handoverImports)
        .values({ bundleId: m.bundleId, manifestSha256: opened.manifestSha256, senderFingerprint: m.sender.fingerprint, caseId: m.subject.caseId, revision: m.subject.revision, clientId: id, custody: m.custody, importedAt: at.toISOString(), importedBy: ctx.user.id, receipt: Buffer.from(receiptBytes) })
        .run();
      return id;
    },
  );
  // A crash from here on leaves an imported case without a receipt file: importing the same file again finds the
  // bundle id in the ledger and writes the stored receipt (idempotent by bundle id), so no case is ever acknowledged
  // that is not here, and none is here that cannot be acknowledged.
  writeCommittedReceipt(ctx.db, m.bundleId, req.receiptPath);
  return { clientId, receiptPath: req.receiptPath, bundleId: m.bundleId, code, senderTrust: opened.senderTrust };
}

/** Writes the receipt as the ledger holds it: only what was committed is ever acknowledged. */
function writeCommittedReceipt(db: Db, bundleId: string, receiptPath: string): void {
  const row = db.select({ receipt: handoverImports.receipt }).from(handoverImports).where(eq(handoverImports.bundleId, bundleId)).get();
  if (!row) throw new Error('The import ledger lacks a committed bundle.');
  try {
    writeFileAtomically(receiptPath, row.receipt);
  } catch (e) {
    const params = (e as { params?: Record<string, string> }).params ?? {};
    throw new HandoverError('receiptWriteFailed', { folder: params.folder ?? path.dirname(receiptPath), code: params.code ?? 'unknown' });
  }
}

// ---- Receipts on the sending side ----

export async function importReceipt(ctx: WriteContext, source: FileSource) {
  const me = await ensureIdentity(ctx);
  let opened;
  try {
    opened = await openReceipt(readSourceBytes(source), { myAgeIdentities: ageIdentitiesOf(me), findSigner: signerLookup(ctx.db) });
  } catch (e) {
    // A receipt not addressed to us is as good as unknown.
    if (e instanceof HandoverError && e.kind === 'notAddressedToYou') throw new HandoverError('receiptUnknown');
    throw e;
  }
  const rc = opened.receipt;
  const exp = ctx.db.select().from(handoverExports).where(eq(handoverExports.bundleId, rc.bundleId)).get();
  if (!exp || exp.manifestSha256 !== rc.manifestSha256 || rc.senderFingerprint !== me.card.fingerprint) throw new HandoverError('receiptUnknown');
  if (exp.receiptId) throw new HandoverError('receiptReplayed', { date: (exp.receiptReceivedAt ?? '').slice(0, 10) });
  const addressees = (JSON.parse(exp.recipients) as { fingerprint: string }[]).map((r) => r.fingerprint);
  // Only the pinned addressee may acknowledge; for a passphrase bundle, the identity that opened it with the
  // passphrase (its proof) at the organisation it was made for, which this receipt then introduces.
  if (exp.byPassphrase ? !passphraseReceiptGenuine(exp, rc, opened.signerCard.organisation) || opened.signerTrust === 'self' : !addressees.includes(rc.recipientFingerprint) || opened.signerTrust === 'unknown') {
    throw new HandoverError('receiptForged');
  }
  const at = ctx.now;
  ctx.change(
    { action: 'handover.receiptImported', entityType: 'client', entityId: exp.clientId, details: { bundleId: rc.bundleId, receiptId: rc.receiptId, status: rc.status, recipientFingerprint: rc.recipientFingerprint } },
    (tx) => {
      tx.update(handoverExports)
        .set({ receiptId: rc.receiptId, receiptStatus: rc.status, receiptReceivedAt: at.toISOString(), receiptSignerFingerprint: rc.recipientFingerprint })
        .where(eq(handoverExports.bundleId, rc.bundleId))
        .run();
      // A "rejected" receipt is recorded, but the case did not arrive: "receipt received" stays unticked.
      if (rc.status !== 'rejected') {
        tx.update(clients).set({ receiptReceivedAt: at.toISOString() }).where(eq(clients.id, exp.clientId)).run();
        markChecklistItem(tx, exp.clientId, 'receiptReceived', { status: 'done', userId: null, now: at });
      }
      if (exp.byPassphrase && !activeContactByFingerprint(tx, opened.signerCard.fingerprint)) {
        // The receipt carries the recipient's card back: later handovers use keys, not passphrases.
        const { cardBytes, signature } = opened.signerCardFile;
        insertContact(tx, opened.signerCard, cardBytes, signature, 'firstContactPassphrase', { userId: ctx.user.id, now: at });
      }
    },
  );
  return { bundleId: rc.bundleId, clientId: exp.clientId, status: rc.status, receiptId: rc.receiptId };
}

function passphraseReceiptGenuine(exp: typeof handoverExports.$inferSelect, rc: Receipt, signerOrganisation: string): boolean {
  if (!exp.passphraseReceiptKey || !rc.passphraseProof) return false;
  return receiptProofMatches(Buffer.from(exp.passphraseReceiptKey, 'hex'), rc, rc.passphraseProof) && sameOrganisation(signerOrganisation, exp.organisation);
}

/** Handovers still without a receipt that were made before `olderThan` (the caseload flag). */
export function overdueReceipts(db: Db, olderThan: Date) {
  return db
    .select({ bundleId: handoverExports.bundleId, clientId: handoverExports.clientId, createdAt: handoverExports.createdAt })
    .from(handoverExports)
    .where(and(eq(handoverExports.receiptStatus, 'pending'), lt(handoverExports.createdAt, olderThan.toISOString())))
    .all();
}
