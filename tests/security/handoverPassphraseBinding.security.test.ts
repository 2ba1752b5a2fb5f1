import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { AGE_CHUNK_PLAINTEXT } from '../../electron/node/handover/ageContainer';
import { buildReceipt, type SignerIdentity } from '../../electron/node/handover/bundleFormat';
import { formatTrustedComment, minisignSign } from '../../electron/node/handover/minisign';
import { passphraseReceiptKey } from '../../electron/node/handover/passphraseBinding';
import { readStoredZip, writeStoredZip } from '../../electron/node/handover/storedZip';
import { canonicalBytes } from '../../electron/node/handover/strictJson';
import { buildCard, generateIdentitySecrets, signCard } from '../../electron/node/identity/identityCard';
import { findIdentity } from '../../electron/node/identity/identityStore';
import type { TempInstallation } from '../helpers/tempInstallation';
import { ORG_A, ORG_B, clientOn, installation, tableChecksums, tempFolder } from './handoverFixtures';

/**
 * Issue 14: "a passphrase handover reaches only the organisation it was made for". Anyone who knows the passphrase
 * can decrypt the bundle; re-encrypting it under another passphrase, or handing it as it is to another
 * organisation, must not get it imported; and a receipt for it must come from whoever opened it with the passphrase.
 */

const ORG_C = 'Třetí strana z.s.';
let a: TempInstallation, b: TempInstallation, c: TempInstallation;
let usb: ReturnType<typeof tempFolder>;
let made: { bundleId: string; filePath: string; passphrase: string | null };
let entries: Map<string, Buffer>;
let n = 0;

beforeAll(async () => {
  a = await installation(ORG_A);
  b = await installation(ORG_B);
  c = await installation(ORG_C);
  usb = tempFolder();
  const client = await clientOn(a, { notes: 1, attachments: [] });
  await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', organisation: ORG_B, sections: ['record', 'contactLog'], givenOn: '2020-01-01' } });
  made = await a.call('handover.export', { clientId: client.id, passphraseFor: { organisation: 'Podané ruce, o. p. s.', label: 'Case manager Brno' }, sections: ['record', 'contactLog'], folder: usb.dir });
  const d = new Decrypter();
  d.addPassphrase(made.passphrase!);
  entries = await readStoredZip(Buffer.from(await d.decrypt(readFileSync(made.filePath))), () => true);
}, 120_000);

afterAll(() => {
  for (const inst of [a, b, c]) inst?.dispose();
  usb?.dispose();
});

const write = (bytes: Uint8Array) => {
  const file = usb.file(`forwarded-${n++}.handover`);
  writeFileSync(file, bytes);
  return file;
};

/** What `age -p` does: the same archive under a passphrase of the forwarder's choosing (a low work factor: fast tests). */
async function reEncrypt(zipEntries: Map<string, Buffer>, passphrase: string): Promise<string> {
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(12);
  return write(await e.encrypt(await writeStoredZip([...zipEntries].map(([name, data]) => ({ name, data })), AGE_CHUNK_PLAINTEXT)));
}

/** Inspect and import both refuse with `kind`; every table's content is unchanged and no receipt is written. */
async function refusedBoth(inst: TempInstallation, file: string, passphrase: string, kind: string) {
  const before = inst.snapshot();
  const sums = tableChecksums(inst);
  const receiptPath = usb.file(`receipt-${n++}.bin`);
  const looked = await inst.raw('handover.inspect', { source: { path: file }, passphrase });
  expect(!looked.ok && looked.error.messageKey).toBe(`errors.handover.${kind}`);
  const r = await inst.raw('handover.import', { source: { path: file }, passphrase, receiptPath, confirmWarnings: true });
  expect(!r.ok && r.error.messageKey).toBe(`errors.handover.${kind}`);
  expect(inst.snapshot()).toEqual(before);
  expect(tableChecksums(inst)).toEqual(sums);
  expect(existsSync(receiptPath)).toBe(false);
  return r.ok ? null : r.error;
}

describe('passphrase handovers cannot be forwarded', () => {
  it('the signed manifest names the organisation and commits to the passphrase (not the passphrase itself)', () => {
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { recipients: Record<string, string>[] };
    const bound = manifest.recipients.find((r) => r.kind === 'passphrase')!;
    expect(bound.organisation).toBe('Podané ruce, o. p. s.');
    expect(bound.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(entries.get('manifest.json')!.toString('utf8')).not.toContain(made.passphrase!.split(' ')[0]!);
  });

  it('decrypted and re-encrypted with another passphrase → refused as forwarded, at the intended organisation too', async () => {
    const file = await reEncrypt(entries, 'jina veta kterou zna jen preposilatel');
    await refusedBoth(b, file, 'jina veta kterou zna jen preposilatel', 'passphraseForwarded');
    await refusedBoth(c, file, 'jina veta kterou zna jen preposilatel', 'passphraseForwarded');
  });

  it('handed as it is (with its passphrase) to another organisation → refused, naming both organisations', async () => {
    // The archive exactly as sent, under its own passphrase (re-encrypted with a low work factor only to keep CI fast:
    // the bytes inside, and so the binding, are the sender's).
    const err = await refusedBoth(c, await reEncrypt(entries, made.passphrase!), made.passphrase!, 'wrongOrganisation');
    expect(err!.message).toContain('Podané ruce, o. p. s.');
    expect(err!.message).toContain(ORG_C);
  });

  it('a manifest without the binding (re-signed by the real sender, as an older version made it) → refused, not imported silently', async () => {
    const signer = findIdentity(a.backend.session!.store.db, a.backend.session!.user!.id)!;
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { bundleId: string; createdAt: string; sender: { fingerprint: string }; recipients: Record<string, string>[] };
    const legacy = { ...manifest, recipients: manifest.recipients.map(({ organisation: _o, commitment: _c, ...r }) => r) };
    const bytes = canonicalBytes(legacy);
    const changed = new Map(entries);
    changed.set('manifest.json', bytes);
    changed.set('manifest.json.minisig', Buffer.from(minisignSign(bytes, { secretKey: signer.secrets.signingSecretKey, publicKey: signer.secrets.signingPublicKey }, formatTrustedComment(manifest.bundleId, manifest.createdAt, manifest.sender.fingerprint))));
    await refusedBoth(b, await reEncrypt(changed, made.passphrase!), made.passphrase!, 'passphraseUnbound');
  });

  it('a receipt not made by whoever opened the bundle with the passphrase → forged, nothing changed; the genuine one pins the recipient', async () => {
    const manifestSha256 = createHash('sha256').update(entries.get('manifest.json')!).digest('hex');
    const senderCard = (await a.call('identity.get', {})).card;
    const mallory = async (organisation: string): Promise<SignerIdentity> => {
      const secrets = await generateIdentitySecrets();
      const card = await buildCard(secrets, { name: 'Mallory', role: 'caseworker', organisation }, new Date());
      const signed = signCard(card, secrets);
      return { card, cardBytes: signed.cardBytes, cardSignature: signed.signature, secrets };
    };
    const receiptBy = async (signer: SignerIdentity, key: Uint8Array | null) =>
      write(
        (
          await buildReceipt({
            signer,
            receipt: { bundleId: made.bundleId, manifestSha256, senderFingerprint: senderCard.fingerprint, status: 'imported', reason: '' },
            encryptTo: senderCard.recipients.hybrid!,
            passphraseReceiptKey: key,
            now: new Date(),
          })
        ).bytes,
      );
    const forged = async (file: string) => {
      const before = a.snapshot();
      const r = await a.raw('handover.importReceipt', { source: { path: file } });
      expect(!r.ok && r.error.messageKey).toBe('errors.handover.receiptForged');
      expect(a.snapshot()).toEqual(before);
    };
    // Someone who read the decrypted archive (bundle id and manifest hash), but never had the passphrase.
    await forged(await receiptBy(await mallory(ORG_B), null));
    await forged(await receiptBy(await mallory(ORG_B), passphraseReceiptKey('hádané heslo', made.bundleId)));
    // A forwarder who knows the passphrase, at another organisation.
    await forged(await receiptBy(await mallory(ORG_C), passphraseReceiptKey(made.passphrase!, made.bundleId)));
    expect(await a.call('trustedContacts.list', {})).toEqual([]);

    const receiptPath = usb.file('genuine.bin');
    await b.call('handover.import', { source: { path: made.filePath }, passphrase: made.passphrase!, receiptPath });
    const accepted = await a.call('handover.importReceipt', { source: { path: receiptPath } });
    expect(accepted.status).toBe('imported');
    const bCard = (await b.call('identity.get', {})).card;
    expect((await a.call('trustedContacts.list', {})).map((x) => [x.fingerprint, x.verification])).toEqual([[bCard.fingerprint, 'firstContactPassphrase']]);
  });
});
