import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { generateHybridIdentity, generateX25519Identity, identityToRecipient } from 'age-encryption';
import {
  CARD_FILE_TYPE,
  CARD_TYPE,
  cardFileSchema,
  identityCardSchema,
  type IdentityCard,
} from '../../../shared/schemas/identity';
import { HandoverError } from '../handover/handoverError';
import { formatTrustedComment, generateSigningKeyPair, minisignSign, minisignVerify, parseMinisig } from '../handover/minisign';
import { canonicalBytes } from '../handover/strictJson';

/** A card is valid for five years; a new one can be issued at any time. */
const CARD_VALIDITY_YEARS = 5;
const SAFETY_CODE_DOMAIN = 'throughcare safety code v1';
/** Iterations as in Signal's safety numbers: slows an offline search for a colliding key. */
const SAFETY_CODE_ITERATIONS = 5200;
const MAX_CARD_TEXT = 16 * 1024;

/** The private half of an identity, as stored in the encrypted database. */
export interface IdentitySecrets {
  signingSecretKey: Uint8Array;
  signingPublicKey: Uint8Array;
  ageX25519Identity: string;
  ageHybridIdentity: string;
}

export async function generateIdentitySecrets(): Promise<IdentitySecrets> {
  const signing = generateSigningKeyPair();
  return {
    signingSecretKey: signing.secretKey,
    signingPublicKey: signing.publicKey,
    ageX25519Identity: await generateX25519Identity(),
    ageHybridIdentity: await generateHybridIdentity(),
  };
}

export function fingerprintOf(signingPublicKey: Uint8Array): string {
  return Buffer.from(sha256(signingPublicKey)).toString('hex');
}

export interface CardHolder {
  name: string;
  role: string;
  organisation: string;
}

export async function buildCard(secrets: IdentitySecrets, holder: CardHolder, now: Date): Promise<IdentityCard> {
  const expires = new Date(now);
  expires.setUTCFullYear(expires.getUTCFullYear() + CARD_VALIDITY_YEARS);
  return identityCardSchema.parse({
    type: CARD_TYPE,
    formatVersion: 1,
    name: holder.name,
    role: holder.role,
    organisation: holder.organisation,
    signingKey: Buffer.from(secrets.signingPublicKey).toString('base64'),
    fingerprint: fingerprintOf(secrets.signingPublicKey),
    recipients: { x25519: await identityToRecipient(secrets.ageX25519Identity), hybrid: await identityToRecipient(secrets.ageHybridIdentity) },
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
}

function cardTrustedComment(card: IdentityCard): string {
  return formatTrustedComment('identity', card.createdAt, card.fingerprint);
}

/** The card's canonical bytes and their minisign signature: as carried inside bundles and receipts. */
export function signCard(card: IdentityCard, secrets: IdentitySecrets): { cardBytes: Buffer; signature: string } {
  const cardBytes = canonicalBytes(card);
  return { cardBytes, signature: minisignSign(cardBytes, { secretKey: secrets.signingSecretKey, publicKey: secrets.signingPublicKey }, cardTrustedComment(card)) };
}

/** The card file (`*.card.json`) or pasted text. */
export function cardFileText(card: IdentityCard, signature: string): string {
  return `${JSON.stringify({ type: CARD_FILE_TYPE, card, signature }, null, 2)}\n`;
}

/**
 * Checks a card's self-signature and shape. `cardBytes` must be canonical; the fingerprint must be the hash of
 * the signing key it carries. Expiry is the caller's decision (an expired card may still identify an old bundle).
 */
// `reason` names the Czech (and English) sentence for the screen; `detail` stays the English one for the CLI and logs.
export function verifyCardBytes(cardBytes: Uint8Array, signature: string, source = 'identity card'): IdentityCard {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(cardBytes));
  } catch {
    throw new HandoverError('cardInvalid', { reason: 'notJson', detail: 'it is not JSON' });
  }
  const result = identityCardSchema.safeParse(parsed);
  if (!result.success) throw new HandoverError('cardInvalid', { reason: 'schema', detail: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 300) });
  const card = result.data;
  if (!canonicalBytes(card).equals(Buffer.from(cardBytes))) throw new HandoverError('cardInvalid', { reason: 'notCanonical', detail: 'it is not in canonical form' });
  const publicKey = new Uint8Array(Buffer.from(card.signingKey, 'base64'));
  if (fingerprintOf(publicKey) !== card.fingerprint) throw new HandoverError('cardInvalid', { reason: 'fingerprint', detail: 'the fingerprint does not belong to the signing key' });
  let sig;
  try {
    sig = parseMinisig(signature, source);
    const comment = minisignVerify(cardBytes, sig, publicKey, source);
    if (comment !== cardTrustedComment(card)) throw new HandoverError('trustedCommentMismatch', { name: source });
  } catch (e) {
    if (e instanceof HandoverError) throw new HandoverError('cardInvalid', { reason: 'signature', detail: 'its self-signature does not verify' });
    throw e;
  }
  return card;
}

/** Parses a card file or pasted text (surrounding whitespace and e-mail quoting are tolerated). */
export function parseCardText(text: string): { card: IdentityCard; cardBytes: Buffer; signature: string } {
  if (text.length > MAX_CARD_TEXT) throw new HandoverError('cardInvalid', { reason: 'tooLong', detail: 'the text is too long for a card' });
  let outer: unknown;
  try {
    outer = JSON.parse(text.trim());
  } catch {
    throw new HandoverError('cardInvalid', { reason: 'notCard', detail: 'the text is not a Throughcare card (not JSON)' });
  }
  const file = cardFileSchema.safeParse(outer);
  if (!file.success) throw new HandoverError('cardInvalid', { reason: 'notCard', detail: 'the text is not a Throughcare card' });
  const cardBytes = canonicalBytes(file.data.card);
  const card = verifyCardBytes(cardBytes, file.data.signature);
  return { card, cardBytes, signature: file.data.signature };
}

/**
 * The 30-digit safety code (six groups of five, ~100 bits): iterated SHA-512 over a domain string, the signing
 * key and the encryption recipients, so that a swapped encryption key changes the code too.
 */
export function safetyCodeOf(card: IdentityCard): string {
  const enc = new TextEncoder();
  const key = new Uint8Array(Buffer.from(card.signingKey, 'base64'));
  const recipients = enc.encode(`${card.recipients.x25519}\n${card.recipients.hybrid ?? ''}`);
  let digest = sha512(Uint8Array.from([...enc.encode(SAFETY_CODE_DOMAIN), 0, ...key, 0, ...recipients]));
  for (let i = 0; i < SAFETY_CODE_ITERATIONS; i++) {
    const next = new Uint8Array(digest.length + key.length);
    next.set(digest);
    next.set(key, digest.length);
    digest = sha512(next);
  }
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    let value = 0;
    for (let b = 0; b < 5; b++) value = value * 256 + digest[g * 5 + b]!;
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** The recipient used when encrypting to this card: hybrid post-quantum when the card has one. */
export function preferredRecipient(card: IdentityCard, hybrid: boolean): string {
  return hybrid && card.recipients.hybrid ? card.recipients.hybrid : card.recipients.x25519;
}
