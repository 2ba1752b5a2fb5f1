import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Encrypter } from 'age-encryption';
import { displaySafe, unsafeTextPath } from '../../shared/handover/displaySafe';
import { AGE_CHUNK_PLAINTEXT } from '../../electron/node/handover/ageContainer';
import { buildBundle, type SignerIdentity } from '../../electron/node/handover/bundleFormat';
import { readCasePayload } from '../../electron/node/handover/casePayload';
import { writeStoredZip } from '../../electron/node/handover/storedZip';
import { findClientById } from '../../electron/node/clients/clientRepository';
import { buildCard, generateIdentitySecrets, signCard } from '../../electron/node/identity/identityCard';
import { findIdentity, insertContact } from '../../electron/node/identity/identityStore';
import type { TempInstallation } from '../helpers/tempInstallation';
import { runCli } from '../helpers/cliProcess';
import { ORG_A, ORG_B, clientOn, exchangeCards, installation, tableChecksums, tempFolder } from './handoverFixtures';

/**
 * Issue 14: trust over time (a signer whose card had expired before signing is "expired" and needs confirmation) and
 * terminal/display safety (text from a file is shown neutralised; NUL and bidi overrides are refused at import).
 */

let a: TempInstallation, b: TempInstallation;
let usb: ReturnType<typeof tempFolder>;
let clientId: string;
let n = 0;
const write = (bytes: Uint8Array) => {
  const file = usb.file(`file-${n++}.handover`);
  writeFileSync(file, bytes);
  return file;
};

beforeAll(async () => {
  a = await installation(ORG_A);
  b = await installation(ORG_B);
  usb = tempFolder();
  await exchangeCards(a, b);
  clientId = (await clientOn(a, { notes: 1, attachments: [] })).id;
}, 120_000);

afterAll(() => {
  for (const inst of [a, b]) inst?.dispose();
  usb?.dispose();
});

/** A bundle for B signed by `signer`, with the client's record changed by `edit`. */
async function bundleFor(signer: SignerIdentity, edit: (record: { firstName: string; lastName: string }) => void = () => {}, revision = 10) {
  const client = findClientById(a.backend.session!.store.db, clientId)!;
  const { payload } = readCasePayload(a.backend.session!.store.db, client, ['record'], clientId, revision);
  edit(payload.record);
  const card = (await b.call('identity.get', {})).card;
  return write((await buildBundle({ sender: signer, to: { contacts: [{ card, label: 'B' }] }, payload, supersedes: '', custody: false, attachments: [], summaryPdf: null, now: new Date(), appVersion: 'test' })).bytes);
}

async function refused(file: string, kind: string) {
  const before = b.snapshot();
  const sums = tableChecksums(b);
  const receiptPath = usb.file(`r-${n++}.bin`);
  const r = await b.raw('handover.import', { source: { path: file }, receiptPath });
  expect(!r.ok && r.error.messageKey).toBe(`errors.handover.${kind}`);
  expect(b.snapshot()).toEqual(before);
  expect(tableChecksums(b)).toEqual(sums);
  expect(existsSync(receiptPath)).toBe(false);
  return r.ok ? null : r.error;
}

describe('trust over time: a card that had expired before it signed', () => {
  it('is shown as expired (contacts and the bundle) and needs confirmation, like an unverified signer', async () => {
    // A colleague at A whose card (valid five years) was issued six years ago: pinned and verified while it was valid.
    const secrets = await generateIdentitySecrets();
    const card = await buildCard(secrets, { name: 'Jana Stará', role: 'caseworker', organisation: ORG_A }, new Date(Date.now() - 6 * 365 * 86_400_000));
    const signed = signCard(card, secrets);
    const old: SignerIdentity = { card, cardBytes: signed.cardBytes, cardSignature: signed.signature, secrets };
    b.backend.session!.store.db.transaction((tx) => insertContact(tx, card, signed.cardBytes, signed.signature, 'safetyCode', { userId: b.backend.session!.user!.id, now: new Date(Date.now() - 5 * 365 * 86_400_000) }));
    const contact = (await b.call('trustedContacts.list', {})).find((c) => c.fingerprint === card.fingerprint)!;
    expect(contact).toMatchObject({ verification: 'safetyCode', cardExpired: true });
    expect((await b.call('trustedContacts.list', {})).filter((c) => c.cardExpired)).toHaveLength(1);

    const file = await bundleFor(old, () => {}, 20);
    const seen = await b.call('handover.inspect', { source: { path: file } });
    expect(seen.sender.trust).toBe('verified');
    expect(seen.warnings).toEqual(['senderCardExpired']);
    const err = await refused(file, 'needsConfirmation');
    expect(err!.message).toContain('senderCardExpired');
    await b.call('handover.import', { source: { path: file }, receiptPath: usb.file('expired-ok.bin'), confirmWarnings: true });
    const audit = await b.call('audit.list', { action: 'handover.imported', limit: 1 });
    expect(audit.entries[0]!.details.warnings).toBe('senderCardExpired');
    // A valid card signs without the warning.
    const fresh = await b.call('handover.inspect', { source: { path: await bundleFor(findIdentity(a.backend.session!.store.db, a.backend.session!.user!.id)!, () => {}, 21) } });
    expect(fresh.warnings).toEqual([]);
  });
});

describe('terminal and display safety', () => {
  it('displaySafe turns control and bidi characters into visible stand-ins; unsafeTextPath finds NUL and overrides', () => {
    const painted = displaySafe('payload/\u001b[2K\r\u001b[32mOK: signature verified\u001b[0m');
    expect([...painted].some((ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f))).toBe(false);
    expect(painted).toBe('payload/␛[2K␍␛[32mOK: signature verified␛[0m');
    expect(displaySafe('smlouva\u202Efdp.exe')).toBe('smlouva\ufffdfdp.exe');
    expect(displaySafe('řádek 1\nřádek 2\tx', { multiline: true })).toBe('řádek 1\nřádek 2\tx');
    expect(displaySafe('Šťastný Petr')).toBe('Šťastný Petr');
    expect(unsafeTextPath({ record: { firstName: 'Petr\u202E' } })).toBe('record.firstName');
    expect(unsafeTextPath({ list: ['ok', 'a\u0000b'] })).toBe('list[1]');
    expect(unsafeTextPath({ record: { firstName: 'Petr', notes: 'tab\tand\nnewline are fine' } })).toBeNull();
  });

  it('a client name holding U+202E or NUL → refused at import, naming the field; nothing changed', async () => {
    const signer = findIdentity(a.backend.session!.store.db, a.backend.session!.user!.id)!;
    const err = await refused(await bundleFor(signer, (r) => (r.lastName = 'Šťastný\u202Efdp.exe'), 30), 'textUnsafe');
    expect(err!.message).toContain('record.lastName');
    await refused(await bundleFor(signer, (r) => (r.firstName = 'Pe\u0000tr'), 31), 'textUnsafe');
  });

  it('an entry name with ESC codes cannot paint a fake "OK": the API message and the CLI output carry no control character', async () => {
    const evil = 'payload/\u001b[2K\r\u001b[32mOK\u001b[0m';
    const zip = await writeStoredZip([{ name: 'manifest.json', data: Buffer.from('{}') }, { name: evil, data: Buffer.from('x') }], AGE_CHUNK_PLAINTEXT);
    const encryptTo = async (recipient: string) => {
      const e = new Encrypter();
      e.addRecipient(recipient);
      return e.encrypt(zip);
    };
    const err = await refused(write(await encryptTo((await b.call('identity.get', {})).card.recipients.hybrid!)), 'entryNameInvalid');
    expect([...err!.message].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
    expect(err!.message).toContain('␛[32mOK');

    // The same through a real CLI process on a fresh installation, whose terminal would have shown the colours.
    const dir = mkdtempSync(path.join(tmpdir(), 'throughcare-cli-esc-'));
    try {
      const env = { THROUGHCARE_PASSWORD: 'correct horse battery' };
      const data = path.join(dir, 'data');
      expect(runCli(['init', '--data', data, '--org', ORG_B, '--admin', 'admin'], env, 180_000).code).toBe(0);
      const cardFile = path.join(dir, 'me.card.json');
      expect(runCli(['identity', 'card', '--data', data, '--out', cardFile], env, 180_000).code).toBe(0);
      const recipient = (JSON.parse(readFileSync(cardFile, 'utf8')) as { card: { recipients: { hybrid: string } } }).card.recipients.hybrid;
      const file = path.join(dir, 'evil.handover');
      writeFileSync(file, await encryptTo(recipient));
      const r = runCli(['handover', 'verify', file, '--data', data], env, 180_000);
      expect(r.code).not.toBe(0);
      expect(`${r.stdout}${r.stderr}`).not.toContain('\u001b');
      expect(r.stderr).toContain('␛[32mOK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
