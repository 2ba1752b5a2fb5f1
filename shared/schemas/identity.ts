import { z } from 'zod';

/**
 * Identities and trusted contacts (HANDOVER.md "Identities and trust, offline").
 * A user's identity is an Ed25519 signing key plus age encryption keys; its public half travels as a
 * self-signed identity card, trusted only after the safety code was compared out of band.
 */

/** Lower-case hex SHA-256 of the raw Ed25519 signing public key. */
export const fingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, 'A fingerprint is 64 hexadecimal characters.');
/** What the CLI and the UI accept where a fingerprint is expected: the whole one or an unambiguous prefix of at least 16. */
export const fingerprintPrefixSchema = z.string().trim().toLowerCase().regex(/^[0-9a-f]{16,64}$/, 'Give at least 16 hexadecimal characters of the fingerprint.');

/** 30 digits in six groups of five, e.g. "12345 67890 …"; spaces are optional on input. */
export const SAFETY_CODE_PATTERN = /^\d{5}( \d{5}){5}$/;
export const safetyCodeSchema = z.string().regex(SAFETY_CODE_PATTERN);
export const safetyCodeInputSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{30}$/, 'The safety code has 30 digits.'))
  .transform((digits) => digits.match(/\d{5}/g)!.join(' '));

const base64Key32 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'A 32-byte key in base64.');
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'An ISO 8601 UTC time.');

/** age recipients of one identity: X25519 for everyone, hybrid post-quantum (ML-KEM-768 + X25519) where supported. */
export const cardRecipientsSchema = z
  .object({
    x25519: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'An age X25519 recipient (age1…).'),
    hybrid: z.string().regex(/^age1pq1[02-9ac-hj-np-z]{100,3000}$/, 'An age hybrid recipient (age1pq1…).').optional(),
  })
  .strict();

export const CARD_TYPE = 'throughcare/identity';
/** The signed identity card; every field is a string or integer so that its canonical JSON is stable. */
export const identityCardSchema = z
  .object({
    type: z.literal(CARD_TYPE),
    formatVersion: z.literal(1),
    name: z.string().min(1).max(120),
    role: z.string().max(120),
    organisation: z.string().min(1).max(200),
    signingKey: base64Key32,
    fingerprint: fingerprintSchema,
    recipients: cardRecipientsSchema,
    createdAt: isoTime,
    expiresAt: isoTime,
  })
  .strict();
export type IdentityCard = z.infer<typeof identityCardSchema>;

/** The card as a file or pasted text: the card object plus its minisign signature over the card's canonical JSON. */
export const CARD_FILE_TYPE = 'throughcare/identity-card-file';
export const cardFileSchema = z
  .object({ type: z.literal(CARD_FILE_TYPE), card: z.unknown(), signature: z.string().min(1).max(2000) })
  .strict();

/** My own identity as the UI shows it. */
export const ownIdentitySchema = z.object({
  card: identityCardSchema,
  fingerprint: fingerprintSchema,
  safetyCode: safetyCodeSchema,
  /** The card file's text: saved as `<name>.card.json`, pasted into the other side's "add contact". */
  cardText: z.string(),
  /** SVG of a QR code holding the card text (or, when it does not fit, the fingerprint and safety code). */
  qrSvg: z.string(),
  qrHoldsCard: z.boolean(),
});
export type OwnIdentity = z.infer<typeof ownIdentitySchema>;

export const contactVerificationSchema = z.enum(['unverified', 'safetyCode', 'firstContactPassphrase']);
export type ContactVerification = z.infer<typeof contactVerificationSchema>;

export const contactSchema = z.object({
  id: z.string(),
  fingerprint: fingerprintSchema,
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  safetyCode: safetyCodeSchema,
  verification: contactVerificationSchema,
  verifiedAt: z.string().nullable(),
  addedAt: z.string(),
  cardExpiresAt: z.string(),
  /** The card's validity has ended: bundles it signs after that date are shown as "expired" and need confirmation. */
  cardExpired: z.boolean(),
  /** Whether the card offers a hybrid post-quantum recipient. */
  postQuantum: z.boolean(),
});
export type Contact = z.infer<typeof contactSchema>;
