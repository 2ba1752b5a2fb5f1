import { createHash, randomUUID } from 'node:crypto';
import {
  BUNDLE_README,
  CASE_SCHEMA_VERSION,
  CASE_TYPE,
  HANDOVER_FORMAT_VERSION,
  MANIFEST_TYPE,
  RECEIPT_TYPE,
  ZIP_ENTRY_PATTERN,
  casePayloadSchema,
  manifestSchema,
  receiptSchema,
  type BundleWarning,
  type CasePayload,
  type Manifest,
  type ManifestFile,
  type ManifestRecipient,
  type Receipt,
} from '../../../shared/schemas/handover';
import type { IdentityCard } from '../../../shared/schemas/identity';
import { decryptAge, encryptAge, precheckAgeFile, AGE_CHUNK_PLAINTEXT } from './ageContainer';
import { HandoverError } from './handoverError';
import { formatTrustedComment, minisignKeyId, minisignPublicKeyText, minisignSign, minisignVerify, parseMinisig } from './minisign';
import { readStoredZip, writeStoredZip } from './storedZip';
import { canonicalBytes, parseCanonicalJson } from './strictJson';
import { preferredRecipient, verifyCardBytes, type IdentitySecrets } from '../identity/identityCard';
import { sameOrganisation } from '../../../shared/schemas/consent';
import { unsafeTextPath } from '../../../shared/handover/displaySafe';
import { commitmentMatches, passphraseCommitment, passphraseReceiptKey, receiptProof } from './passphraseBinding';

/**
 * Handover file format v1 (HANDOVER.md): building a bundle or receipt, and opening one through every check of the
 * import pipeline that needs no database (steps 1–7 and 9–11; the replay ledger, step 8, is the caller's).
 */

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_SIG = 'manifest.json.minisig';
export const RECEIPT_NAME = 'receipt.json';
export const RECEIPT_SIG = 'receipt.json.minisig';
export const SENDER_CARD = 'identity/sender.card.json';
export const RECIPIENT_CARD = 'identity/recipient.card.json';
export const CASE_JSON = 'payload/case.json';
export const SUMMARY_PDF = 'payload/summary.pdf';
export const attachmentPath = (sha256: string) => `payload/att/${sha256}`;

export const BUNDLE_LIMITS = { maxManifestBytes: 256 * 1024, maxCaseJsonBytes: 64 * 1024 * 1024 } as const;
/** How long a bundle is meant to be imported within; later imports need confirmation. */
export const BUNDLE_VALID_DAYS = 30;
/** Clock skew between two offline workstations that is not worth a warning. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

const TOP_LEVEL_NAMES = new Set([MANIFEST_NAME, MANIFEST_SIG, RECEIPT_NAME, RECEIPT_SIG, BUNDLE_README]);
const allowedEntryName = (name: string) => TOP_LEVEL_NAMES.has(name) || ZIP_ENTRY_PATTERN.test(name);

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** My identity as a signer: the card (as signed bytes) and the secrets. */
export interface SignerIdentity {
  card: IdentityCard;
  cardBytes: Buffer;
  cardSignature: string;
  secrets: IdentitySecrets;
}

export interface BundleAttachment {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** A passphrase bundle names the organisation it is made for: it is refused at any other. */
export type BundleAddressing = { contacts: { card: IdentityCard; label: string }[] } | { passphrase: string; label: string; organisation: string };

export interface BuildBundleInput {
  sender: SignerIdentity;
  to: BundleAddressing;
  payload: CasePayload;
  supersedes: string;
  custody: boolean;
  attachments: BundleAttachment[];
  summaryPdf: Uint8Array | null;
  now: Date;
  appVersion: string;
}

export interface BuiltBundle {
  bytes: Uint8Array;
  manifest: Manifest;
  manifestSha256: string;
  fileSha256: string;
  /** Passphrase bundles: the key the receipt's proof is checked with (the sender keeps it, never the passphrase). */
  passphraseReceiptKey: Buffer | null;
}

function readmeText(sender: SignerIdentity, manifest: { bundleId: string }): string {
  return [
    'Throughcare handover file — how to check it by hand',
    '',
    `Bundle ${manifest.bundleId}, signed by ${sender.card.name} (${sender.card.organisation}),`,
    `signing key fingerprint ${sender.card.fingerprint}.`,
    '',
    '1. Decrypt:   age -d -i my-age-identity.txt -o bundle.zip FILE.handover   (or age -d with the passphrase)',
    '2. Unpack:    unzip bundle.zip -d bundle',
    '3. Signature: save the two lines below as sender.pub, then',
    '              minisign -V -p sender.pub -m bundle/manifest.json',
    '4. Contents:  compare `sha256sum` of every file with the "files" list in manifest.json.',
    '',
    'sender.pub:',
    minisignPublicKeyText(sender.secrets.signingPublicKey),
  ].join('\n');
}

function bundleTrustedComment(manifest: Pick<Manifest, 'bundleId' | 'createdAt' | 'sender'>): string {
  return formatTrustedComment(manifest.bundleId, manifest.createdAt, manifest.sender.fingerprint);
}

/** Sign, then encrypt: manifest + signature + README + sender card + payload in a stored ZIP, in one age file. */
export async function buildBundle(input: BuildBundleInput): Promise<BuiltBundle> {
  const { sender, to } = input;
  const bundleId = randomUUID();
  const createdAt = input.now.toISOString();
  const notAfter = new Date(input.now.getTime() + BUNDLE_VALID_DAYS * 86_400_000).toISOString();

  const byPassphrase = 'passphrase' in to;
  // All hybrid post-quantum, or all X25519, never mixed: hybrid only when every card (mine too) offers it.
  const hybrid = byPassphrase ? Boolean(sender.card.recipients.hybrid) : [sender.card, ...to.contacts.map((c) => c.card)].every((c) => Boolean(c.recipients.hybrid));
  const recipients: ManifestRecipient[] = byPassphrase
    ? [{ kind: 'passphrase', publicKey: 'scrypt', fingerprint: '', label: to.label, organisation: to.organisation, commitment: passphraseCommitment(to.passphrase, bundleId) }]
    : [
        ...to.contacts.map((c): ManifestRecipient => ({ kind: 'age', publicKey: preferredRecipient(c.card, hybrid), fingerprint: c.card.fingerprint, label: c.label })),
        { kind: 'archive', publicKey: preferredRecipient(sender.card, hybrid), fingerprint: sender.card.fingerprint, label: sender.card.name },
      ];
  if (!byPassphrase && to.contacts.length === 0) throw new HandoverError('noRecipients');

  const caseBytes = canonicalBytes(input.payload);
  const readme = Buffer.from(readmeText(sender, { bundleId }), 'utf8');
  const cardSig = Buffer.from(sender.cardSignature, 'utf8');
  const entries: { name: string; data: Uint8Array; mediaType: string }[] = [
    { name: BUNDLE_README, data: readme, mediaType: 'text/plain' },
    { name: SENDER_CARD, data: sender.cardBytes, mediaType: 'application/json' },
    { name: `${SENDER_CARD}.minisig`, data: cardSig, mediaType: 'text/plain' },
    { name: CASE_JSON, data: caseBytes, mediaType: 'application/json' },
    ...(input.summaryPdf ? [{ name: SUMMARY_PDF, data: input.summaryPdf, mediaType: 'application/pdf' }] : []),
    ...input.attachments.map((a) => ({ name: attachmentPath(a.sha256), data: a.bytes, mediaType: a.mediaType })),
  ];
  const files: ManifestFile[] = entries.map((e) => ({ path: e.name, size: e.data.length, sha256: sha256Hex(e.data), mediaType: e.mediaType }));
  const manifest = manifestSchema.parse({
    type: MANIFEST_TYPE,
    formatVersion: HANDOVER_FORMAT_VERSION,
    bundleId,
    createdAt,
    notAfter,
    sender: { fingerprint: sender.card.fingerprint, name: sender.card.name, organisation: sender.card.organisation },
    recipients,
    subject: { caseId: input.payload.caseId, revision: input.payload.revision, supersedes: input.supersedes },
    custody: input.custody,
    content: { schema: CASE_TYPE, version: CASE_SCHEMA_VERSION },
    files,
    receipt: { requested: true, recipient: preferredRecipient(sender.card, hybrid) },
    producer: { app: 'Throughcare', version: input.appVersion },
  } satisfies Manifest);
  const manifestBytes = canonicalBytes(manifest);
  const signature = minisignSign(manifestBytes, { secretKey: sender.secrets.signingSecretKey, publicKey: sender.secrets.signingPublicKey }, bundleTrustedComment(manifest));
  const zip = await writeStoredZip(
    [{ name: MANIFEST_NAME, data: manifestBytes }, { name: MANIFEST_SIG, data: Buffer.from(signature, 'utf8') }, ...entries.map(({ name, data }) => ({ name, data }))],
    AGE_CHUNK_PLAINTEXT,
  );
  const bytes = await encryptAge(zip, byPassphrase ? { passphrase: to.passphrase } : { recipients: recipients.map((r) => r.publicKey) });
  return { bytes, manifest, manifestSha256: sha256Hex(manifestBytes), fileSha256: sha256Hex(bytes), passphraseReceiptKey: byPassphrase ? passphraseReceiptKey(to.passphrase, bundleId) : null };
}

// ---- Opening ----

export interface KnownSigner {
  card: IdentityCard;
  trust: 'verified' | 'unverified' | 'self';
}

export interface OpenContext {
  /** Fingerprints and age identities of every identity of this installation. */
  myFingerprints: string[];
  myAgeIdentities: string[];
  passphrase?: string | undefined;
  /** This installation's organisation: a passphrase bundle made for another one is refused. */
  myOrganisation: string;
  /** Looks up a pinned contact (or one of my own identities) by the signature's key id. */
  findSigner(matches: (card: IdentityCard) => boolean): KnownSigner | null;
  now: Date;
}

export interface OpenedBundle {
  manifest: Manifest;
  manifestSha256: string;
  payload: CasePayload;
  attachments: Map<string, BundleAttachment>;
  summaryPdf: Buffer | null;
  senderCard: IdentityCard;
  /** The card as carried (canonical bytes and signature), for pinning a first contact. */
  senderCardFile: { cardBytes: Buffer; signature: string };
  senderTrust: 'verified' | 'unverified' | 'unknown' | 'self';
  decryptedBy: 'key' | 'passphrase';
  /** Opened by passphrase: the key for the receipt's proof that it was (passphraseBinding.ts). */
  passphraseReceiptKey: Buffer | null;
  warnings: BundleWarning[];
}

/** Magic bytes of the media types attachments may have (step 10). */
const MEDIA_MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'text/plain': (b) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return !b.includes(0);
    } catch {
      return false;
    }
  },
  'application/json': (b) => b[0] === 0x7b,
};
export const ATTACHMENT_MEDIA_TYPES = Object.keys(MEDIA_MAGIC);

export function mediaTypeMatches(mediaType: string, bytes: Buffer): boolean {
  const check = MEDIA_MAGIC[mediaType];
  return Boolean(check?.(bytes));
}

type Entries = Map<string, Buffer>;

async function decryptToEntries(bytes: Uint8Array, ctx: { myAgeIdentities: string[]; passphrase?: string | undefined }): Promise<{ entries: Entries; decryptedBy: 'key' | 'passphrase' }> {
  const { binary, header } = precheckAgeFile(bytes);
  const plaintext = await decryptAge(binary, header, { identities: ctx.myAgeIdentities, passphrase: ctx.passphrase });
  const entries = await readStoredZip(Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength), allowedEntryName);
  return { entries, decryptedBy: header.isPassphrase ? 'passphrase' : 'key' };
}

function requireEntry(entries: Entries, name: string, missing: () => HandoverError = () => new HandoverError('entryMissing', { name })): Buffer {
  const entry = entries.get(name);
  if (!entry) throw missing();
  return entry;
}

/** Checks the mandatory `type` before anything else looks at a signed object. */
function requireType(value: unknown, expected: string, name: string): void {
  const actual = (value as { type?: unknown })?.type;
  if (actual !== expected) {
    const label = (t: unknown) => (t === MANIFEST_TYPE ? 'handover manifest' : t === RECEIPT_TYPE ? 'receipt' : t === 'throughcare/identity' ? 'identity card' : 'unknown object');
    throw new HandoverError('wrongType', { name, actual: label(actual), expected: label(expected) });
  }
}

/** A newer format gets "update the app", not a schema error about a field it does not know. */
function requireKnownFormat(value: unknown): void {
  const version = (value as { formatVersion?: unknown })?.formatVersion;
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > HANDOVER_FORMAT_VERSION) throw new HandoverError('formatTooNew', { version });
}

function schemaDetail(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** The card carried in the container, verified by its own signature. */
function embeddedCard(entries: Entries, name: string): IdentityCard {
  const bytes = requireEntry(entries, name);
  const sig = requireEntry(entries, `${name}.minisig`).toString('utf8');
  return verifyCardBytes(bytes, sig, name);
}

/** Step 5: find the signer (pinned contact, my own identity, or for a first contact the card inside), verify. */
function verifySigned(
  entries: Entries,
  name: string,
  sigName: string,
  cardName: string,
  ctx: Pick<OpenContext, 'findSigner'>,
  allowEmbeddedSigner: boolean,
): { bytes: Buffer; signer: IdentityCard; trust: OpenedBundle['senderTrust']; comment: string } {
  const bytes = requireEntry(entries, name);
  const sigText = requireEntry(entries, sigName, () => new HandoverError('signatureMissing')).toString('utf8');
  const sig = parseMinisig(sigText, name);
  const keyIdHex = Buffer.from(sig.keyId).toString('hex');
  const matchesKeyId = (card: IdentityCard) => Buffer.from(minisignKeyId(Buffer.from(card.signingKey, 'base64'))).toString('hex') === keyIdHex;
  const known = ctx.findSigner(matchesKeyId);
  let signer: IdentityCard;
  let trust: OpenedBundle['senderTrust'];
  if (known) {
    signer = known.card;
    trust = known.trust;
  } else {
    const card = entries.has(cardName) ? embeddedCard(entries, cardName) : null;
    if (!allowEmbeddedSigner || !card || !matchesKeyId(card)) throw new HandoverError('signerUnknown');
    signer = card;
    trust = 'unknown';
  }
  const comment = minisignVerify(bytes, sig, new Uint8Array(Buffer.from(signer.signingKey, 'base64')), name);
  return { bytes, signer, trust, comment };
}

/**
 * Opens and checks a handover file. Throws a HandoverError with the specific reason on the first problem.
 * Nothing here writes anything.
 */
export async function openBundle(fileBytes: Uint8Array, ctx: OpenContext): Promise<OpenedBundle> {
  const { entries, decryptedBy } = await decryptToEntries(fileBytes, ctx);
  if (!entries.has(MANIFEST_NAME) && entries.has(RECEIPT_NAME)) {
    throw new HandoverError('wrongType', { name: 'this file', actual: 'receipt', expected: 'handover file' });
  }
  // A first contact by passphrase: the passphrase vouches for the card inside, which is pinned on import.
  const signed = verifySigned(entries, MANIFEST_NAME, MANIFEST_SIG, SENDER_CARD, ctx, decryptedBy === 'passphrase');
  const raw = parseCanonicalJson(signed.bytes, MANIFEST_NAME, BUNDLE_LIMITS.maxManifestBytes);
  requireType(raw, MANIFEST_TYPE, MANIFEST_NAME);
  requireKnownFormat(raw);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new HandoverError('schemaInvalid', { name: MANIFEST_NAME, detail: schemaDetail(parsed.error) });
  const manifest = parsed.data;
  refuseUnsafeText(manifest, MANIFEST_NAME);
  if (signed.comment !== bundleTrustedComment(manifest)) throw new HandoverError('trustedCommentMismatch', { name: MANIFEST_NAME });
  if (manifest.sender.fingerprint !== signed.signer.fingerprint) throw new HandoverError('signatureInvalid', { name: MANIFEST_NAME });

  // Step 7: the recipients are inside the signature, so a re-encrypted forward is recognised.
  const addressedToMe =
    decryptedBy === 'passphrase'
      ? manifest.recipients.some((r) => r.kind === 'passphrase')
      : manifest.recipients.some((r) => r.kind !== 'passphrase' && ctx.myFingerprints.includes(r.fingerprint));
  if (!addressedToMe) throw new HandoverError('notIntendedRecipient');
  if (decryptedBy === 'passphrase') checkPassphraseBinding(manifest, ctx);

  // Step 9: exactly the listed files, each with its size and hash.
  const listed = new Set([MANIFEST_NAME, MANIFEST_SIG, ...manifest.files.map((f) => f.path)]);
  for (const name of entries.keys()) if (!listed.has(name)) throw new HandoverError('entryUnexpected', { name });
  for (const file of manifest.files) {
    const data = requireEntry(entries, file.path);
    if (data.length !== file.size || sha256Hex(data) !== file.sha256) throw new HandoverError('fileHashMismatch', { name: file.path });
  }
  const senderCard = embeddedCard(entries, SENDER_CARD);
  if (senderCard.signingKey !== signed.signer.signingKey) throw new HandoverError('signatureInvalid', { name: SENDER_CARD });

  // Step 11 (version first, so that a newer app's payload gets "update the app", not a schema error).
  if (manifest.content.version > CASE_SCHEMA_VERSION) throw new HandoverError('payloadTooNew', { version: manifest.content.version });
  const caseRaw = parseCanonicalJson(requireEntry(entries, CASE_JSON), CASE_JSON, BUNDLE_LIMITS.maxCaseJsonBytes);
  requireType(caseRaw, CASE_TYPE, CASE_JSON);
  const caseVersion = (caseRaw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof caseVersion === 'number' && caseVersion > CASE_SCHEMA_VERSION) throw new HandoverError('payloadTooNew', { version: caseVersion });
  const payloadResult = casePayloadSchema.safeParse(caseRaw);
  if (!payloadResult.success) throw new HandoverError('schemaInvalid', { name: CASE_JSON, detail: schemaDetail(payloadResult.error) });
  const payload = payloadResult.data;
  refuseUnsafeText(payload, CASE_JSON);
  if (payload.caseId !== manifest.subject.caseId || payload.revision !== manifest.subject.revision) {
    throw new HandoverError('schemaInvalid', { name: CASE_JSON, detail: 'the case does not match the manifest subject' });
  }

  // Step 10: attachments are what they claim to be, and every one the case names is present.
  const attachments = new Map<string, BundleAttachment>();
  for (const file of manifest.files) {
    if (!file.path.startsWith('payload/att/')) continue;
    const data = entries.get(file.path)!;
    const sha = file.path.slice('payload/att/'.length);
    if (sha !== file.sha256) throw new HandoverError('fileHashMismatch', { name: file.path });
    if (!mediaTypeMatches(file.mediaType, data)) throw new HandoverError('mediaTypeMismatch', { name: file.path, mediaType: file.mediaType });
    attachments.set(sha, { sha256: sha, mediaType: file.mediaType, bytes: data });
  }
  for (const a of payload.attachments ?? []) if (!attachments.has(a.sha256)) throw new HandoverError('entryMissing', { name: attachmentPath(a.sha256) });
  const summary = entries.get(SUMMARY_PDF) ?? null;
  if (summary && !mediaTypeMatches('application/pdf', summary)) throw new HandoverError('mediaTypeMismatch', { name: SUMMARY_PDF, mediaType: 'application/pdf' });

  const warnings: BundleWarning[] = [];
  const now = ctx.now.getTime();
  if (Date.parse(manifest.createdAt) > now + CLOCK_SKEW_MS) warnings.push('createdInFuture');
  if (Date.parse(manifest.notAfter) < now) warnings.push('pastNotAfter');
  if (signed.trust === 'unverified') warnings.push('senderUnverified');
  // Trust over time: a signature made after the signer's card expired is shown as such and needs confirmation.
  if (cardExpiredAt(signed.signer, manifest.createdAt)) warnings.push('senderCardExpired');

  return {
    manifest,
    manifestSha256: sha256Hex(signed.bytes),
    payload,
    attachments,
    summaryPdf: summary,
    senderCard,
    senderCardFile: { cardBytes: entries.get(SENDER_CARD)!, signature: entries.get(`${SENDER_CARD}.minisig`)!.toString('utf8') },
    senderTrust: signed.trust,
    decryptedBy,
    passphraseReceiptKey: decryptedBy === 'passphrase' ? passphraseReceiptKey(ctx.passphrase!, manifest.bundleId) : null,
    warnings,
  };
}

/**
 * A passphrase bundle reaches only the organisation it was made for, under the passphrase it was made with: anyone
 * who knew the passphrase could otherwise decrypt it, re-encrypt it with `age -p` and hand it to a third party.
 */
function checkPassphraseBinding(manifest: Manifest, ctx: Pick<OpenContext, 'passphrase' | 'myOrganisation'>): void {
  const bound = manifest.recipients.find((r) => r.kind === 'passphrase');
  if (!bound || bound.kind !== 'passphrase' || !bound.commitment || !bound.organisation) throw new HandoverError('passphraseUnbound');
  if (!ctx.passphrase || !commitmentMatches(ctx.passphrase, manifest.bundleId, bound.commitment)) throw new HandoverError('passphraseForwarded');
  if (!sameOrganisation(bound.organisation, ctx.myOrganisation)) throw new HandoverError('wrongOrganisation', { intended: bound.organisation, mine: ctx.myOrganisation });
}

/** Names holding NUL or a bidi override are refused: they could make a screen or terminal show something else. */
function refuseUnsafeText(value: unknown, name: string): void {
  const field = unsafeTextPath(value);
  if (field) throw new HandoverError('textUnsafe', { name, field });
}

/** Whether `card` had expired by `time` (an ISO time, e.g. when a bundle was signed). */
export function cardExpiredAt(card: Pick<IdentityCard, 'expiresAt'>, time: string): boolean {
  return Date.parse(card.expiresAt) < Date.parse(time);
}

// ---- Receipts ----

export interface BuildReceiptInput {
  signer: SignerIdentity;
  receipt: Omit<Receipt, 'type' | 'formatVersion' | 'receiptId' | 'recipientFingerprint' | 'createdAt' | 'passphraseProof'>;
  /** The key the manifest asked the receipt to be encrypted to. */
  encryptTo: string;
  /** A passphrase bundle's receipt key: the receipt then proves that its signer opened the bundle. */
  passphraseReceiptKey?: Uint8Array | null;
  now: Date;
}

function receiptTrustedComment(receipt: Pick<Receipt, 'receiptId' | 'createdAt' | 'recipientFingerprint'>): string {
  return formatTrustedComment(receipt.receiptId, receipt.createdAt, receipt.recipientFingerprint);
}

export async function buildReceipt(input: BuildReceiptInput): Promise<{ bytes: Uint8Array; receipt: Receipt }> {
  const fields = { receiptId: randomUUID(), recipientFingerprint: input.signer.card.fingerprint, ...input.receipt };
  const receipt = receiptSchema.parse({
    type: RECEIPT_TYPE,
    formatVersion: HANDOVER_FORMAT_VERSION,
    createdAt: input.now.toISOString(),
    ...fields,
    ...(input.passphraseReceiptKey ? { passphraseProof: receiptProof(input.passphraseReceiptKey, fields) } : {}),
  } satisfies Receipt);
  const receiptBytes = canonicalBytes(receipt);
  const sig = minisignSign(receiptBytes, { secretKey: input.signer.secrets.signingSecretKey, publicKey: input.signer.secrets.signingPublicKey }, receiptTrustedComment(receipt));
  const zip = await writeStoredZip(
    [
      { name: RECEIPT_NAME, data: receiptBytes },
      { name: RECEIPT_SIG, data: Buffer.from(sig, 'utf8') },
      { name: RECIPIENT_CARD, data: input.signer.cardBytes },
      { name: `${RECIPIENT_CARD}.minisig`, data: Buffer.from(input.signer.cardSignature, 'utf8') },
    ],
    AGE_CHUNK_PLAINTEXT,
  );
  return { bytes: await encryptAge(zip, { recipients: [input.encryptTo] }), receipt };
}

export interface OpenedReceipt {
  receipt: Receipt;
  signerCard: IdentityCard;
  signerCardFile: { cardBytes: Buffer; signature: string };
  signerTrust: OpenedBundle['senderTrust'];
}

/** Opens a receipt file: decrypts with my keys, verifies the signer (pinned, or the card inside — the caller matches it). */
export async function openReceipt(fileBytes: Uint8Array, ctx: Pick<OpenContext, 'myAgeIdentities' | 'findSigner'>): Promise<OpenedReceipt> {
  const { entries } = await decryptToEntries(fileBytes, { myAgeIdentities: ctx.myAgeIdentities });
  if (!entries.has(RECEIPT_NAME) && entries.has(MANIFEST_NAME)) {
    throw new HandoverError('wrongType', { name: 'this file', actual: 'handover file', expected: 'receipt' });
  }
  const expected = new Set([RECEIPT_NAME, RECEIPT_SIG, RECIPIENT_CARD, `${RECIPIENT_CARD}.minisig`]);
  for (const name of entries.keys()) if (!expected.has(name)) throw new HandoverError('entryUnexpected', { name });
  const signed = verifySigned(entries, RECEIPT_NAME, RECEIPT_SIG, RECIPIENT_CARD, ctx, true);
  const raw = parseCanonicalJson(signed.bytes, RECEIPT_NAME, BUNDLE_LIMITS.maxManifestBytes);
  requireType(raw, RECEIPT_TYPE, RECEIPT_NAME);
  requireKnownFormat(raw);
  const parsed = receiptSchema.safeParse(raw);
  if (!parsed.success) throw new HandoverError('schemaInvalid', { name: RECEIPT_NAME, detail: schemaDetail(parsed.error) });
  const receipt = parsed.data;
  refuseUnsafeText(receipt, RECEIPT_NAME);
  if (signed.comment !== receiptTrustedComment(receipt) || receipt.recipientFingerprint !== signed.signer.fingerprint) {
    throw new HandoverError('trustedCommentMismatch', { name: RECEIPT_NAME });
  }
  const card = embeddedCard(entries, RECIPIENT_CARD);
  if (card.signingKey !== signed.signer.signingKey) throw new HandoverError('receiptForged');
  return {
    receipt,
    signerCard: card,
    signerCardFile: { cardBytes: entries.get(RECIPIENT_CARD)!, signature: entries.get(`${RECIPIENT_CARD}.minisig`)!.toString('utf8') },
    signerTrust: signed.trust,
  };
}
