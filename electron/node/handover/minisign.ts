import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { HandoverError } from './handoverError';

/**
 * Signatures in the minisign format (HANDOVER.md "Signatures"), so that anyone can check a bundle with the stock
 * `minisign -V` tool. Only the prehashed "ED" algorithm: Ed25519 over BLAKE2b-512 of the message; the global
 * signature covers the signature and the trusted comment. Key id = first 8 bytes of SHA-256 of the public key.
 */

const ALG_PREHASHED = 'ED';
const ALG_LEGACY = 'Ed';
const encoder = new TextEncoder();

export interface SigningKeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function minisignKeyId(publicKey: Uint8Array): Uint8Array {
  return sha256(publicKey).slice(0, 8);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The `.minisig` text: untrusted comment, signature line, trusted comment, global signature. */
export function minisignSign(message: Uint8Array, key: SigningKeyPair, trustedComment: string): string {
  if (/[\r\n]/.test(trustedComment)) throw new Error('A trusted comment is one line.');
  const signature = ed25519.sign(blake2b(message, { dkLen: 64 }), key.secretKey);
  const globalSignature = ed25519.sign(concat(signature, encoder.encode(trustedComment)), key.secretKey);
  return [
    'untrusted comment: signature from Throughcare',
    b64(concat(encoder.encode(ALG_PREHASHED), minisignKeyId(key.publicKey), signature)),
    `trusted comment: ${trustedComment}`,
    b64(globalSignature),
    '',
  ].join('\n');
}

/** The public key as a minisign `.pub` file, for verifying by hand (`minisign -V -p sender.pub -m manifest.json`). */
export function minisignPublicKeyText(publicKey: Uint8Array): string {
  return `untrusted comment: Throughcare signing key\n${b64(concat(encoder.encode(ALG_LEGACY), minisignKeyId(publicKey), publicKey))}\n`;
}

export interface ParsedMinisig {
  keyId: Uint8Array;
  signature: Uint8Array;
  trustedComment: string;
  globalSignature: Uint8Array;
}

function strictBase64(line: string, bytes: number, name: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(line)) throw new HandoverError('signatureInvalid', { name });
  const decoded = Buffer.from(line, 'base64');
  if (decoded.length !== bytes || decoded.toString('base64') !== line) throw new HandoverError('signatureInvalid', { name });
  return new Uint8Array(decoded);
}

/** Parses a `.minisig` file strictly; `name` is what the error messages call the signed file. */
export function parseMinisig(text: string, name: string): ParsedMinisig {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== 4 || !lines[0]!.startsWith('untrusted comment: ') || !lines[2]!.startsWith('trusted comment: ')) {
    throw new HandoverError('signatureInvalid', { name });
  }
  const sigLine = strictBase64(lines[1]!, 74, name);
  const algorithm = String.fromCharCode(sigLine[0]!, sigLine[1]!);
  if (algorithm === ALG_LEGACY) throw new HandoverError('signatureLegacy');
  if (algorithm !== ALG_PREHASHED) throw new HandoverError('signatureInvalid', { name });
  return {
    keyId: sigLine.slice(2, 10),
    signature: sigLine.slice(10),
    trustedComment: lines[2]!.slice('trusted comment: '.length),
    globalSignature: strictBase64(lines[3]!, 64, name),
  };
}

/** Verifies both signatures over the raw bytes; returns the trusted comment, which the caller recomputes and compares. */
export function minisignVerify(message: Uint8Array, sig: ParsedMinisig, publicKey: Uint8Array, name: string): string {
  const keyId = minisignKeyId(publicKey);
  if (!keyId.every((b, i) => b === sig.keyId[i])) throw new HandoverError('signatureInvalid', { name });
  const ok =
    ed25519.verify(sig.signature, blake2b(message, { dkLen: 64 }), publicKey) &&
    ed25519.verify(sig.globalSignature, concat(sig.signature, encoder.encode(sig.trustedComment)), publicKey);
  if (!ok) throw new HandoverError('signatureInvalid', { name });
  return sig.trustedComment;
}

/** The trusted comment fixed by the format; the verifier recomputes it from the signed object. */
export function formatTrustedComment(id: string, createdAt: string, signerFingerprint: string): string {
  return `throughcare1 id=${id} created=${createdAt} signer=${signerFingerprint.slice(0, 16)}`;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function signingPublicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}
