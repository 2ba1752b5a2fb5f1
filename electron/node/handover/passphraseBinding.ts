import { timingSafeEqual } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * A first-contact passphrase handover binds its recipient (HANDOVER.md "Passphrase handovers bind their recipient").
 * The signed manifest carries a commitment to the passphrase, so that a bundle decrypted and re-encrypted with
 * `age -p` under another passphrase no longer matches; and the receipt carries a MAC under a second key derived
 * from the same passphrase, which only whoever opened the bundle with it can make (the sender keeps that key, never
 * the passphrase). Both are keyed by the bundle id, so the values differ for every bundle.
 */

const enc = new TextEncoder();
const COMMITMENT_INFO = 'throughcare passphrase commitment v1';
const RECEIPT_KEY_INFO = 'throughcare passphrase receipt key v1';

function derive(passphrase: string, bundleId: string, info: string): Uint8Array {
  return hkdf(sha256, enc.encode(passphrase), enc.encode(bundleId), enc.encode(info), 32);
}

/** Hex commitment to the passphrase, signed in the manifest. */
export function passphraseCommitment(passphrase: string, bundleId: string): string {
  return Buffer.from(derive(passphrase, bundleId, COMMITMENT_INFO)).toString('hex');
}

export function commitmentMatches(passphrase: string, bundleId: string, commitment: string): boolean {
  const mine = Buffer.from(passphraseCommitment(passphrase, bundleId), 'hex');
  const theirs = Buffer.from(commitment, 'hex');
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}

/** The key that proves a receipt came from whoever opened the bundle with the passphrase (kept by the sender). */
export function passphraseReceiptKey(passphrase: string, bundleId: string): Buffer {
  return Buffer.from(derive(passphrase, bundleId, RECEIPT_KEY_INFO));
}

/** The receipt's proof: a MAC over what identifies the acknowledgement and its signer. */
export function receiptProof(key: Uint8Array, receipt: { receiptId: string; bundleId: string; manifestSha256: string; recipientFingerprint: string }): string {
  const message = enc.encode([receipt.receiptId, receipt.bundleId, receipt.manifestSha256, receipt.recipientFingerprint].join('\n'));
  return Buffer.from(hmac(sha256, key, message)).toString('hex');
}

export function receiptProofMatches(key: Uint8Array, receipt: Parameters<typeof receiptProof>[1], proof: string): boolean {
  const mine = Buffer.from(receiptProof(key, receipt), 'hex');
  const theirs = Buffer.from(proof, 'hex');
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}
