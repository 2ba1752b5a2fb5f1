import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, openSync, ftruncateSync, readFileSync, writeFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import yazl from 'yazl';
import { canonicalBytes } from '../../electron/node/handover/strictJson';
import { readStoredZip, writeStoredZip } from '../../electron/node/handover/storedZip';
import { AGE_CHUNK_PLAINTEXT } from '../../electron/node/handover/ageContainer';
import { buildBundle, buildReceipt, type SignerIdentity } from '../../electron/node/handover/bundleFormat';
import { formatTrustedComment, minisignSign, generateSigningKeyPair } from '../../electron/node/handover/minisign';
import { findIdentity, ageIdentitiesOf } from '../../electron/node/identity/identityStore';
import { buildCard, generateIdentitySecrets, signCard } from '../../electron/node/identity/identityCard';
import { readCasePayload } from '../../electron/node/handover/casePayload';
import { findClientById } from '../../electron/node/clients/clientRepository';
import type { TempInstallation } from '../helpers/tempInstallation';
import { ORG_A, ORG_B, PNG_BYTES, clientOn, exchangeCards, installation, tableChecksums, tempFolder } from './handoverFixtures';

/**
 * HANDOVER.md "Bad inputs": one test per row, each hostile file generated here, each asserting the specific
 * refusal and that the receiving database did not change (row counts and audit head).
 */

let a: TempInstallation, b: TempInstallation, c: TempInstallation;
let usb: ReturnType<typeof tempFolder>;
let clientId: string;
let bundlePath: string;
let signerA: SignerIdentity;
let signerB: SignerIdentity;
let contactBOnA: string;

const identityOf = (inst: TempInstallation) => findIdentity(inst.backend.session!.store.db, inst.backend.session!.user!.id)!;

beforeAll(async () => {
  a = await installation(ORG_A);
  b = await installation(ORG_B);
  c = await installation('Třetí strana z.s.');
  usb = tempFolder();
  const { bOnA } = await exchangeCards(a, b);
  await exchangeCards(c, a); // C trusts A too: the victim of a forwarded bundle
  contactBOnA = bOnA.id;
  const client = await clientOn(a, { notes: 2 });
  clientId = client.id;
  await a.call('consent.add', { clientId, consent: { kind: 'sharing', organisation: ORG_B, sections: ['record', 'contactLog', 'plan', 'health', 'attachments'], givenOn: '2020-01-01' } });
  bundlePath = (await a.call('handover.export', { clientId, recipientIds: [contactBOnA], sections: ['record', 'contactLog', 'attachments'], folder: usb.dir })).filePath;
  signerA = identityOf(a);
  signerB = identityOf(b);
}, 120_000);

afterAll(() => {
  for (const inst of [a, b, c]) inst?.dispose();
  usb?.dispose();
});

let n = 0;
const write = (bytes: Uint8Array) => {
  const file = usb.file(`hostile-${n++}.handover`);
  writeFileSync(file, bytes);
  return file;
};

/** Imports `file` on `inst` and expects the refusal `kind`; the database must be unchanged. */
async function refused(inst: TempInstallation, file: string, kind: string, extra: Record<string, unknown> = {}) {
  const before = inst.snapshot();
  const sums = tableChecksums(inst);
  const receiptPath = usb.file(`receipt-${n++}.bin`);
  const result = await inst.raw('handover.import', { source: { path: file }, receiptPath, ...extra });
  expect(result.ok).toBe(false);
  if (result.ok) return null;
  expect(result.error.messageKey).toBe(`errors.handover.${kind}`);
  expect(result.error.message.length).toBeGreaterThan(20);
  expect(inst.snapshot()).toEqual(before);
  expect(tableChecksums(inst)).toEqual(sums);
  expect(existsSync(receiptPath)).toBe(false);
  return result.error;
}

async function decryptFor(inst: TempInstallation, bytes: Uint8Array): Promise<Buffer> {
  const d = new Decrypter();
  for (const id of ageIdentitiesOf(identityOf(inst))) d.addIdentity(id);
  return Buffer.from(await d.decrypt(bytes));
}

async function entriesOf(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return readStoredZip(await decryptFor(b, bytes), () => true);
}

async function encryptTo(recipients: string[], zip: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(zip);
}

const toB = () => [signerB.card.recipients.hybrid!];
const ordered = (entries: Map<string, Buffer>) => [...entries].map(([name, data]) => ({ name, data }));

/** Re-packs the entries (optionally changed) for B, padded like the app does. */
async function repack(entries: Map<string, Buffer>, recipients = toB()): Promise<string> {
  return write(await encryptTo(recipients, await writeStoredZip(ordered(entries), AGE_CHUNK_PLAINTEXT)));
}

const manifestOf = (entries: Map<string, Buffer>) => JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;

/** Pads a hand-made archive like the app does (archive comment up to whole age chunks), so only the intended flaw shows. */
function padded(zip: Buffer): Buffer {
  const pad = (AGE_CHUNK_PLAINTEXT - (zip.length % AGE_CHUNK_PLAINTEXT)) % AGE_CHUNK_PLAINTEXT;
  const out = Buffer.alloc(zip.length + pad, 0x20);
  zip.copy(out);
  out.writeUInt16LE(pad, zip.length - 2);
  return out;
}

/** Signs manifest bytes with a key in the format (A's real key unless given). */
function resign(entries: Map<string, Buffer>, manifestBytes: Buffer, key = { secretKey: signerA.secrets.signingSecretKey, publicKey: signerA.secrets.signingPublicKey }) {
  const m = manifestOf(entries) as { bundleId: string; createdAt: string; sender: { fingerprint: string } };
  entries.set('manifest.json', manifestBytes);
  entries.set('manifest.json.minisig', Buffer.from(minisignSign(manifestBytes, key, formatTrustedComment(m.bundleId, m.createdAt, m.sender.fingerprint))));
}


/** A freshly built bundle from A to B with options the app would never use (future dates, odd attachments). */
async function bundleFromA(opts: { now?: Date; attachments?: { sha256: string; mediaType: string; bytes: Buffer }[]; revision?: number } = {}) {
  const client = findClientById(a.backend.session!.store.db, clientId)!;
  const { payload } = readCasePayload(a.backend.session!.store.db, client, ['record'], clientId, opts.revision ?? 50);
  if (opts.attachments) payload.attachments = opts.attachments.map((x) => ({ sha256: x.sha256, fileName: 'x', mediaType: x.mediaType, size: x.bytes.length, description: null }));
  const contact = (await b.call('identity.get', {})).card;
  const built = await buildBundle({ sender: signerA, to: { contacts: [{ card: contact, label: 'B' }] }, payload, supersedes: '', custody: false, attachments: opts.attachments ?? [], summaryPdf: null, now: opts.now ?? new Date(), appVersion: 'test' });
  return write(built.bytes);
}

describe('handover file: bad inputs get a specific refusal and change nothing (HANDOVER.md)', () => {
  it('addressed to another identity → "not addressed to you"', async () => {
    const other = await identityToRecipient(await generateX25519Identity());
    const file = await repack(await entriesOf(readFileSync(bundlePath)), [other]);
    await refused(b, file, 'notAddressedToYou');
  });

  it('a flipped byte in the header, the first chunk or the last chunk → damaged or altered', async () => {
    const original = readFileSync(bundlePath);
    const headerEnd = original.indexOf('\n---') + 10;
    // In the header MAC, in the first payload chunk, and in the last chunk.
    for (const at of [headerEnd - 3, headerEnd + 40, original.length - 5]) {
      const bytes = Buffer.from(original);
      bytes[at]! ^= 0x01;
      await refused(b, write(bytes), 'damaged');
    }
  });

  it('truncated (stick pulled out) → incomplete', async () => {
    const original = readFileSync(bundlePath);
    await refused(b, write(original.subarray(0, original.length - 1000)), 'incomplete');
    await refused(b, write(original.subarray(0, 200)), 'incomplete');
  });

  it('signed by an unknown key, or signature removed → refused, never imported silently', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    resign(entries, entries.get('manifest.json')!, generateSigningKeyPair());
    await refused(b, await repack(entries), 'signerUnknown');
    const unsigned = await entriesOf(readFileSync(bundlePath));
    unsigned.delete('manifest.json.minisig');
    await refused(b, await repack(unsigned), 'signatureMissing');
  });

  it('manifest or any file changed after signing → signature or hash mismatch, naming the file', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    const m = manifestOf(entries);
    entries.set('manifest.json', canonicalBytes({ ...m, custody: true }));
    const err = await refused(b, await repack(entries), 'signatureInvalid');
    expect(err!.message).toContain('manifest.json');
    const files = await entriesOf(readFileSync(bundlePath));
    const caseJson = files.get('payload/case.json')!;
    files.set('payload/case.json', Buffer.from(caseJson.toString('utf8').replace('Petr', 'Pavel')));
    const err2 = await refused(b, await repack(files), 'fileHashMismatch');
    expect(err2!.message).toContain('payload/case.json');
  });

  it('re-encrypted by a recipient to a third party → "not among the intended recipients"', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    const cCard = (await c.call('identity.get', {})).card;
    await refused(c, await repack(entries, [cCard.recipients.hybrid!]), 'notIntendedRecipient');
  });

  it('imported twice (also renamed) → "already imported", no duplicate; the receipt can be saved again', async () => {
    const first = usb.file('first-receipt.bin');
    await b.call('handover.import', { source: { path: bundlePath }, receiptPath: first });
    const renamed = write(readFileSync(bundlePath));
    const again = usb.file('again-receipt.bin');
    const before = b.snapshot();
    const r = await b.raw('handover.import', { source: { path: renamed }, receiptPath: again });
    expect(!r.ok && r.error.messageKey).toBe('errors.handover.alreadyImported');
    expect(b.snapshot()).toEqual(before);
    expect(readFileSync(again)).toEqual(readFileSync(first));
  });

  it('same bundle id, different content → alarm, refused', async () => {
    const entries = await entriesOf(readFileSync(bundlePath)); // imported in the test above
    resign(entries, canonicalBytes({ ...manifestOf(entries), notAfter: '2099-01-01T00:00:00.000Z' }));
    await refused(b, await repack(entries), 'bundleIdConflict');
  });

  it('older revision after a newer one → refused to overwrite', async () => {
    const newer = await bundleFromA({ revision: 60 });
    const older = await bundleFromA({ revision: 55 });
    await b.call('handover.import', { source: { path: newer }, receiptPath: usb.file('r60.bin') });
    const inspection = await b.call('handover.inspect', { source: { path: older } });
    expect(inspection.warnings).toContain('olderRevision');
    await refused(b, older, 'olderRevision');
  });

  it('timestamps in the future / past notAfter → warning, explicit confirmation, audited', async () => {
    const future = await bundleFromA({ now: new Date(Date.now() + 3 * 86_400_000), revision: 70 });
    await refused(b, future, 'needsConfirmation');
    const past = await bundleFromA({ now: new Date(Date.now() - 90 * 86_400_000), revision: 71 });
    expect((await b.call('handover.inspect', { source: { path: past } })).warnings).toContain('pastNotAfter');
    await refused(b, past, 'needsConfirmation');
    await b.call('handover.import', { source: { path: past }, receiptPath: usb.file('r71.bin'), confirmWarnings: true });
    const audit = await b.call('audit.list', { action: 'handover.imported', limit: 1 });
    expect(audit.entries[0]!.details.warnings).toBe('pastNotAfter');
  });

  it('entry names with "..", absolute paths, backslashes, drive letters → refused', async () => {
    for (const evil of ['payload/../../x.txt', '/etc/passwd.txt', 'payload\\x\\y.txt', 'C:/payload/x.txt']) {
      const entries = await entriesOf(readFileSync(bundlePath));
      const placeholder = 'z'.repeat(Buffer.byteLength(evil));
      entries.set(placeholder, Buffer.from('x'));
      const zip = Buffer.from(await writeStoredZip(ordered(entries), AGE_CHUNK_PLAINTEXT));
      const patched = Buffer.from(zip.toString('latin1').split(placeholder).join(evil), 'latin1');
      await refused(b, write(await encryptTo(toB(), patched)), 'entryNameInvalid');
    }
  });

  it('duplicate or case-variant entry names → refused', async () => {
    for (const twin of ['payload/case.json', 'payload/CASE.json']) {
      const entries = await entriesOf(readFileSync(bundlePath));
      const placeholder = 'payload/q'.padEnd(twin.length, 'q');
      entries.set(placeholder, Buffer.from('{}'));
      const zip = Buffer.from(await writeStoredZip(ordered(entries), AGE_CHUNK_PLAINTEXT));
      const patched = Buffer.from(zip.toString('latin1').split(placeholder).join(twin), 'latin1');
      await refused(b, write(await encryptTo(toB(), patched)), 'entryDuplicate');
    }
  });

  it('compressed entries, overlapping entries, oversize anything → refused', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    const zip = new yazl.ZipFile();
    for (const [name, data] of entries) zip.addBuffer(data, name, { compress: name === 'payload/case.json' });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const ch of zip.outputStream) chunks.push(ch as Buffer);
    await refused(b, write(await encryptTo(toB(), padded(Buffer.concat(chunks)))), 'entryCompressed');

    // Overlap: the central directory says the first entry is longer, reaching into the next one.
    const plain = Buffer.from(await writeStoredZip(ordered(entries)));
    const cd = plain.readUInt32LE(plain.length - 6);
    const size = plain.readUInt32LE(cd + 20);
    plain.writeUInt32LE(size + 40, cd + 20);
    plain.writeUInt32LE(size + 40, cd + 24);
    await refused(b, write(await encryptTo(toB(), padded(plain))), 'entryOverlap');

    const many = new Map(entries);
    for (let i = 0; i < 501; i++) many.set(`payload/x${i}`, Buffer.from('x'));
    await refused(b, await repack(many), 'oversize');

    const huge = usb.file('huge.handover');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 257 * 1024 * 1024); // sparse: nothing is really written
    closeSync(fd);
    await refused(b, huge, 'tooLarge');
  });

  it('malformed JSON: duplicate keys, BOM, NaN, __proto__, too deep → refused', async () => {
    const original = (await entriesOf(readFileSync(bundlePath))).get('manifest.json')!.toString('utf8');
    const variants = [
      original.replace('{"bundleId"', '{"bundleId":"x","bundleId"'),
      `\ufeff${original}`,
      original.replace('"custody":false', '"custody":NaN'),
      original.replace('{"bundleId"', '{"__proto__":{"admin":true},"bundleId"'),
      original.replace('"custody":false', `"custody":false,"deep":${'['.repeat(40)}${']'.repeat(40)}`),
    ];
    for (const text of variants) {
      const entries = await entriesOf(readFileSync(bundlePath));
      resign(entries, Buffer.from(text, 'utf8'));
      await refused(b, await repack(entries), 'jsonMalformed');
    }
  });

  it('a receipt presented as a manifest (or the reverse) → refused: wrong type', async () => {
    const { bytes } = await buildReceipt({
      signer: signerA,
      receipt: { bundleId: '00000000-0000-4000-8000-000000000000', manifestSha256: '0'.repeat(64), senderFingerprint: signerB.card.fingerprint, status: 'imported', reason: '' },
      encryptTo: signerB.card.recipients.hybrid!,
      now: new Date(),
    });
    await refused(b, write(bytes), 'wrongType');
    // A receipt object signed as if it were a manifest.
    const entries = await entriesOf(readFileSync(bundlePath));
    const m = manifestOf(entries);
    resign(entries, canonicalBytes({ ...m, type: 'throughcare/receipt' }));
    await refused(b, await repack(entries), 'wrongType');
    // The reverse: a handover file imported as a receipt (A can open it with its archive key).
    const before = a.snapshot();
    const r = await a.raw('handover.importReceipt', { source: { path: bundlePath } });
    expect(!r.ok && r.error.messageKey).toBe('errors.handover.wrongType');
    expect(a.snapshot()).toEqual(before);
  });

  it('scrypt work factor too high, scrypt mixed with other stanzas → refused', async () => {
    const e = new Encrypter();
    e.setPassphrase('correct horse battery staple');
    e.setScryptWorkFactor(10);
    const file = Buffer.from(await e.encrypt(await writeStoredZip([{ name: 'manifest.json', data: Buffer.from('{}') }], AGE_CHUNK_PLAINTEXT)));
    const text = file.toString('latin1');
    await refused(b, write(Buffer.from(text.replace(/(-> scrypt \S+ )10\n/, '$121\n'), 'latin1')), 'scryptTooHard', { passphrase: 'x' });
    const x25519 = Buffer.from(await encryptTo([signerB.card.recipients.x25519], Buffer.from('x'))).toString('latin1');
    const stanza = x25519.split('\n').slice(1, 3).join('\n');
    await refused(b, write(Buffer.from(text.replace('\n-> scrypt', `\n${stanza}\n-> scrypt`), 'latin1')), 'scryptMixed', { passphrase: 'x' });
  });

  it('attachment whose bytes do not match its media type → refused', async () => {
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(PNG_BYTES).digest('hex');
    await refused(b, await bundleFromA({ attachments: [{ sha256: sha, mediaType: 'application/pdf', bytes: PNG_BYTES }], revision: 80 }), 'mediaTypeMismatch');
  });

  it('receipt forged, unknown, or replayed → ignored with a message, nothing changed', async () => {
    const exported = (await a.call('handover.exports', { clientId }))[0]!;
    const manifest = manifestOf(await entriesOf(readFileSync(bundlePath)));
    const manifestSha = (await import('node:crypto')).createHash('sha256').update(canonicalBytes(manifest)).digest('hex');
    // Forged: signed by someone who is not the addressee (a fresh identity with its own card inside).
    const secrets = await generateIdentitySecrets();
    const card = await buildCard(secrets, { name: 'Mallory', role: 'x', organisation: ORG_B }, new Date());
    const signed = signCard(card, secrets);
    const forger: SignerIdentity = { card, cardBytes: signed.cardBytes, cardSignature: signed.signature, secrets };
    const forged = await buildReceipt({ signer: forger, receipt: { bundleId: exported.bundleId, manifestSha256: manifestSha, senderFingerprint: signerA.card.fingerprint, status: 'imported', reason: '' }, encryptTo: signerA.card.recipients.hybrid!, now: new Date() });
    const tryReceipt = async (bytes: Uint8Array, key: string) => {
      const before = a.snapshot();
      const r = await a.raw('handover.importReceipt', { source: { path: write(bytes) } });
      expect(!r.ok && r.error.messageKey).toBe(`errors.handover.${key}`);
      expect(a.snapshot()).toEqual(before);
    };
    await tryReceipt(forged.bytes, 'receiptForged');
    const unknown = await buildReceipt({ signer: signerB, receipt: { bundleId: '00000000-0000-4000-8000-000000000000', manifestSha256: manifestSha, senderFingerprint: signerA.card.fingerprint, status: 'imported', reason: '' }, encryptTo: signerA.card.recipients.hybrid!, now: new Date() });
    await tryReceipt(unknown.bytes, 'receiptUnknown');
    const genuine = readFileSync(usb.file('first-receipt.bin'));
    await a.call('handover.importReceipt', { source: { path: write(genuine) } });
    await tryReceipt(genuine, 'receiptReplayed');
  });

  it('crash or failure mid-import → transaction rolled back, no half-imported case, no receipt left', async () => {
    const file = await bundleFromA({ revision: 90 });
    const sqlite = b.backend.session!.store.sqlite;
    sqlite.exec("CREATE TRIGGER fail_ledger BEFORE INSERT ON handover_imports BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;");
    const before = b.snapshot();
    const receiptPath = usb.file('crash-receipt.bin');
    const r = await b.raw('handover.import', { source: { path: file }, receiptPath });
    expect(r.ok).toBe(false);
    expect(b.snapshot()).toEqual(before);
    expect(existsSync(receiptPath)).toBe(false);
    sqlite.exec('DROP TRIGGER fail_ledger');
  });
});

describe('issue 14: files that are not files, unsigned bytes, clear messages', () => {
  it('a symlink to /dev/zero, a FIFO and a folder → "not an ordinary file", nothing read, no hang', async () => {
    const zero = usb.file('zero.handover');
    symlinkSync('/dev/zero', zero);
    const fifo = usb.file('pipe.handover');
    execFileSync('mkfifo', [fifo]);
    const folder = usb.file('folder.handover');
    mkdirSync(folder);
    for (const file of [zero, fifo, folder]) {
      await refused(b, file, 'notRegularFile');
      const looked = await b.raw('handover.inspect', { source: { path: file } });
      expect(!looked.ok && looked.error.messageKey).toBe('errors.handover.notRegularFile');
      const before = tableChecksums(a);
      const receipt = await a.raw('handover.importReceipt', { source: { path: file } });
      expect(!receipt.ok && receipt.error.messageKey).toBe('errors.handover.notRegularFile');
      expect(tableChecksums(a)).toEqual(before);
    }
  });

  it('bytes before the first ZIP entry (or between entries) → refused as unsigned', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    const zip = Buffer.from(await writeStoredZip(ordered(entries)));
    // 4 KiB of junk in front; every offset in the archive moved with it, so yauzl still finds each entry.
    const junk = Buffer.alloc(4096, 0x41);
    const shifted = Buffer.concat([junk, zip]);
    const eocd = shifted.length - 22;
    const cdStart = shifted.readUInt32LE(eocd + 16) + junk.length;
    shifted.writeUInt32LE(cdStart, eocd + 16);
    for (let at = cdStart; at < eocd; ) {
      shifted.writeUInt32LE(shifted.readUInt32LE(at + 42) + junk.length, at + 42);
      at += 46 + shifted.readUInt16LE(at + 28) + shifted.readUInt16LE(at + 30) + shifted.readUInt16LE(at + 32);
    }
    await refused(b, write(await encryptTo(toB(), padded(shifted))), 'bytesOutsideEntries');
  });

  it('a stored entry flagged as password-protected → a clear message naming it (not "size mismatch 2910 != 2910")', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    const zip = Buffer.from(await writeStoredZip(ordered(entries)));
    const cd = zip.readUInt32LE(zip.length - 6);
    zip.writeUInt16LE(zip.readUInt16LE(cd + 8) | 1, cd + 8); // general purpose bit 0: encrypted
    const err = await refused(b, write(await encryptTo(toB(), padded(zip))), 'entryEncrypted');
    expect(err!.message).toContain('manifest.json');
  });

  it('formatVersion 2 → "made by a newer version, update the app"', async () => {
    const entries = await entriesOf(readFileSync(bundlePath));
    resign(entries, canonicalBytes({ ...manifestOf(entries), formatVersion: 2 }));
    const err = await refused(b, await repack(entries), 'formatTooNew');
    expect(err!.message).toMatch(/newer version.*Update the app/);
  });

  it('a scrypt work factor above our own + 1 (2^20) → refused before any work', async () => {
    const e = new Encrypter();
    e.setPassphrase('correct horse battery staple');
    e.setScryptWorkFactor(10);
    const file = Buffer.from(await e.encrypt(await writeStoredZip([{ name: 'manifest.json', data: Buffer.from('{}') }], AGE_CHUNK_PLAINTEXT)));
    await refused(b, write(Buffer.from(file.toString('latin1').replace(/(-> scrypt \S+ )10\n/, '$120\n'), 'latin1')), 'scryptTooHard', { passphrase: 'x' });
  });

  it('more sections than exist → refused by the schema', async () => {
    const client = findClientById(a.backend.session!.store.db, clientId)!;
    const { payload } = readCasePayload(a.backend.session!.store.db, client, ['record'], clientId, 85);
    payload.sections = Array.from({ length: 8 }, () => 'record' as const);
    const contact = (await b.call('identity.get', {})).card;
    const built = await buildBundle({ sender: signerA, to: { contacts: [{ card: contact, label: 'B' }] }, payload, supersedes: '', custody: false, attachments: [], summaryPdf: null, now: new Date(), appVersion: 'test' });
    await refused(b, write(built.bytes), 'schemaInvalid');
  });

  it('a file cut exactly at a chunk boundary → incomplete; a bundle not padded to whole chunks → accepted', async () => {
    const { createHash } = await import('node:crypto');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(150_000, 0x42)]);
    const sha = createHash('sha256').update(big).digest('hex');
    const file = await bundleFromA({ attachments: [{ sha256: sha, mediaType: 'application/pdf', bytes: big }], revision: 96 });
    const bytes = readFileSync(file);
    const headerEnd = bytes.indexOf('\n---') + 1;
    const payloadStart = bytes.indexOf('\n', headerEnd) + 1 + 16;
    const chunk = 64 * 1024 + 16;
    expect(bytes.length - payloadStart).toBeGreaterThan(2 * chunk);
    await refused(b, write(bytes.subarray(0, payloadStart + 2 * chunk)), 'incomplete');
    await refused(b, write(bytes.subarray(0, payloadStart + chunk)), 'incomplete');

    // The same bundle as another tool would pack it: no padding at all.
    const unpadded = await encryptTo(toB(), Buffer.from(await writeStoredZip(ordered(await entriesOf(bytes)))));
    expect((unpadded.length - payloadStart) % chunk).not.toBe(0);
    await b.call('handover.import', { source: { path: write(unpadded) }, receiptPath: usb.file('r96.bin') });
    expect(existsSync(usb.file('r96.bin'))).toBe(true);
  });

  it('the same revision again from another file → says so, not "revision 1 older than revision 1"', async () => {
    const again = await bundleFromA({ revision: 96 });
    const err = await refused(b, again, 'sameRevision');
    expect(err!.message).not.toMatch(/older/);
  });

  it('a "rejected" receipt is recorded but does not tick "receipt received"', async () => {
    const made = await a.call('handover.export', { clientId, recipientIds: [contactBOnA], sections: ['record'], folder: usb.dir });
    const manifestSha = (await import('node:crypto')).createHash('sha256').update((await entriesOf(readFileSync(made.filePath))).get('manifest.json')!).digest('hex');
    const rejected = await buildReceipt({ signer: signerB, receipt: { bundleId: made.bundleId, manifestSha256: manifestSha, senderFingerprint: signerA.card.fingerprint, status: 'rejected', reason: 'wrong client' }, encryptTo: signerA.card.recipients.hybrid!, now: new Date() });
    const db = a.backend.session!.store.db;
    const receivedBefore = findClientById(db, clientId)!.receiptReceivedAt;
    const result = await a.call('handover.importReceipt', { source: { path: write(rejected.bytes) } });
    expect(result.status).toBe('rejected');
    expect(findClientById(db, clientId)!.receiptReceivedAt).toBe(receivedBefore);
    const exported = (await a.call('handover.exports', { clientId })).find((e) => e.bundleId === made.bundleId)!;
    expect(exported.receiptStatus).toBe('rejected');
  });
});

describe('issue 14: notes imported in bulk stay searchable', () => {
  it('the search finds imported notes (document rebuilt once) and later notes (triggers restored after the import)', async () => {
    const ledger = b.backend.session!.store.sqlite.prepare('SELECT client_id AS id FROM handover_imports WHERE client_id IS NOT NULL').all() as { id: string }[];
    const imported = ledger.map((r) => r.id);
    expect(imported.length).toBeGreaterThan(0);
    const found = await b.call('clients.caseload', { search: 'Návštěva bydlení', limit: 200 });
    expect(found.rows.some((r) => imported.includes(r.id))).toBe(true);
    const target = found.rows.find((r) => imported.includes(r.id))!;
    await b.call('contactLog.add', { clientId: target.id, at: '2025-03-03T10:00', channel: 'phone', phase: 'custody', participants: 'klient', notes: 'Zmínil kvetoucí zahrádkářskou kolonii.' });
    const later = await b.call('clients.caseload', { search: 'zahradkarskou', limit: 200 });
    expect(later.rows.map((r) => r.id)).toEqual([target.id]);
  });
});
