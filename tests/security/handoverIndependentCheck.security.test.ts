import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Decrypter } from 'age-encryption';
import yauzl from 'yauzl';
import { findIdentity } from '../../electron/node/identity/identityStore';
import type { TempInstallation } from '../helpers/tempInstallation';
import { ORG_A, ORG_B, clientOn, exchangeCards, installation, tempFolder } from './handoverFixtures';

/**
 * The bundle is checkable without our code: decrypted with the age library directly, unpacked with a plain ZIP
 * reader, and the manifest signature checked by a minisign verifier written here from the format description
 * (Node's own Ed25519 and BLAKE2b-512, not @noble), as the stock `minisign -V` would.
 */

let a: TempInstallation, b: TempInstallation;
let usb: ReturnType<typeof tempFolder>;
let file: string;

beforeAll(async () => {
  a = await installation(ORG_A);
  b = await installation(ORG_B);
  usb = tempFolder();
  const { bOnA } = await exchangeCards(a, b);
  const client = await clientOn(a, { notes: 1 });
  await a.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', contactId: bOnA.id, sections: ['record', 'contactLog', 'attachments'], givenOn: '2020-01-01' } });
  file = (await a.call('handover.export', { clientId: client.id, recipientIds: [bOnA.id], sections: ['record', 'contactLog', 'attachments'], folder: usb.dir })).filePath;
}, 120_000);

afterAll(() => {
  a?.dispose();
  b?.dispose();
  usb?.dispose();
});

function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** minisign -V: "ED" = Ed25519 over BLAKE2b-512(message); global signature over signature ‖ trusted comment. */
function minisignVerifyIndependently(message: Buffer, sigFile: string, publicKey: Buffer): string {
  const [untrusted, sigLine, trustedLine, globalLine] = sigFile.trimEnd().split('\n');
  expect(untrusted).toMatch(/^untrusted comment: /);
  const sig = Buffer.from(sigLine!, 'base64');
  expect(sig.subarray(0, 2).toString('latin1')).toBe('ED');
  expect(sig.subarray(2, 10)).toEqual(createHash('sha256').update(publicKey).digest().subarray(0, 8));
  const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]), format: 'der', type: 'spki' });
  const prehash = createHash('blake2b512').update(message).digest();
  expect(verify(null, prehash, key, sig.subarray(10))).toBe(true);
  const trusted = trustedLine!.slice('trusted comment: '.length);
  expect(verify(null, Buffer.concat([sig.subarray(10), Buffer.from(trusted, 'utf8')]), key, Buffer.from(globalLine!, 'base64'))).toBe(true);
  return trusted;
}

describe('handover file verifies with independent tools', () => {
  it('age decrypts it directly; the manifest signature verifies by the minisign rules; hashes match', async () => {
    const me = findIdentity(b.backend.session!.store.db, b.backend.session!.user!.id)!;
    const decrypter = new Decrypter();
    decrypter.addIdentity(me.secrets.ageHybridIdentity);
    const zip = Buffer.from(await decrypter.decrypt(readFileSync(file)));
    const entries = await unzip(zip);

    const senderCard = JSON.parse(entries.get('identity/sender.card.json')!.toString('utf8')) as { signingKey: string; fingerprint: string };
    const publicKey = Buffer.from(senderCard.signingKey, 'base64');
    const manifestBytes = entries.get('manifest.json')!;
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as { bundleId: string; createdAt: string; files: { path: string; sha256: string; size: number }[] };
    const trusted = minisignVerifyIndependently(manifestBytes, entries.get('manifest.json.minisig')!.toString('utf8'), publicKey);
    expect(trusted).toBe(`throughcare1 id=${manifest.bundleId} created=${manifest.createdAt} signer=${senderCard.fingerprint.slice(0, 16)}`);

    // The README carries the key as a minisign .pub for the stock tool; same key.
    const pubLine = entries.get('README.txt')!.toString('utf8').trimEnd().split('\n').at(-1)!;
    expect(Buffer.from(pubLine, 'base64').subarray(10)).toEqual(publicKey);

    expect(new Set(entries.keys())).toEqual(new Set(['manifest.json', 'manifest.json.minisig', ...manifest.files.map((f) => f.path)]));
    for (const f of manifest.files) {
      expect(createHash('sha256').update(entries.get(f.path)!).digest('hex')).toBe(f.sha256);
      expect(entries.get(f.path)!.length).toBe(f.size);
    }

    // A flipped bit in the manifest fails the independent check too.
    const altered = Buffer.from(manifestBytes);
    altered[10]! ^= 1;
    expect(() => minisignVerifyIndependently(altered, entries.get('manifest.json.minisig')!.toString('utf8'), publicKey)).toThrow();
  });
});
