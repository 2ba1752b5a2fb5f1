import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Contact, ContactVerification, IdentityCard, OwnIdentity } from '../../../shared/schemas/identity';
import type { WriteContext } from '../api/context';
import type { Db } from '../store/open';
import { identityKeys, trustedContacts } from '../store/schema';
import { HandoverError } from '../handover/handoverError';
import type { KnownSigner, SignerIdentity } from '../handover/bundleFormat';
import { buildCard, cardFileText, fingerprintOf, generateIdentitySecrets, safetyCodeOf, signCard, verifyCardBytes, type IdentitySecrets } from './identityCard';
import { signingPublicKeyOf } from '../handover/minisign';

/** Identities live in the encrypted database, created at first use; contacts are the installation's address book. */

type IdentityRow = typeof identityKeys.$inferSelect;
type ContactRow = typeof trustedContacts.$inferSelect;

function secretsOf(row: IdentityRow): IdentitySecrets {
  const signingSecretKey = new Uint8Array(Buffer.from(row.signingSecretKey, 'base64'));
  return { signingSecretKey, signingPublicKey: signingPublicKeyOf(signingSecretKey), ageX25519Identity: row.ageX25519Identity, ageHybridIdentity: row.ageHybridIdentity };
}

function signerOf(row: IdentityRow): SignerIdentity {
  const cardBytes = Buffer.from(row.cardJson, 'utf8');
  return { card: verifyCardBytes(cardBytes, row.cardSignature, 'my identity card'), cardBytes, cardSignature: row.cardSignature, secrets: secretsOf(row) };
}

export function findIdentity(db: Db, userId: string): SignerIdentity | null {
  const row = db.select().from(identityKeys).where(eq(identityKeys.userId, userId)).get();
  return row ? signerOf(row) : null;
}

/** The logged-in user's identity; made (keys generated, card signed, audited) the first time it is needed. */
export async function ensureIdentity(ctx: WriteContext): Promise<SignerIdentity> {
  const existing = findIdentity(ctx.db, ctx.user.id);
  if (existing) return existing;
  const secrets = await generateIdentitySecrets();
  const organisation = ctx.installation.organisation();
  const card = await buildCard(secrets, { name: ctx.user.displayName, role: ctx.user.role, organisation }, ctx.now);
  const { cardBytes, signature } = signCard(card, secrets);
  ctx.change({ action: 'identity.created', entityType: 'identity', entityId: card.fingerprint }, (tx) => {
    tx.insert(identityKeys)
      .values({
        userId: ctx.user.id,
        fingerprint: card.fingerprint,
        signingSecretKey: Buffer.from(secrets.signingSecretKey).toString('base64'),
        ageX25519Identity: secrets.ageX25519Identity,
        ageHybridIdentity: secrets.ageHybridIdentity,
        cardJson: cardBytes.toString('utf8'),
        cardSignature: signature,
        createdAt: card.createdAt,
      })
      .run();
  });
  return findIdentity(ctx.db, ctx.user.id)!;
}

/** Both age identities of a signer, for decryption. */
export function ageIdentitiesOf(me: SignerIdentity): string[] {
  return [me.secrets.ageHybridIdentity, me.secrets.ageX25519Identity];
}

/** QR code version 40 with low error correction holds 2953 bytes: a card with a post-quantum key may not fit. */
async function qrFor(card: IdentityCard, cardText: string, safetyCode: string): Promise<{ svg: string; holdsCard: boolean }> {
  try {
    return { svg: await QRCode.toString(cardText, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }), holdsCard: true };
  } catch {
    const short = `throughcare-card:${card.fingerprint}:${safetyCode.replace(/ /g, '')}`;
    return { svg: await QRCode.toString(short, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }), holdsCard: false };
  }
}

export async function ownIdentityView(me: SignerIdentity): Promise<OwnIdentity> {
  const cardText = cardFileText(me.card, me.cardSignature);
  const safetyCode = safetyCodeOf(me.card);
  const qr = await qrFor(me.card, JSON.stringify({ type: 'throughcare/identity-card-file', card: me.card, signature: me.cardSignature }), safetyCode);
  return { card: me.card, fingerprint: me.card.fingerprint, safetyCode, cardText, qrSvg: qr.svg, qrHoldsCard: qr.holdsCard };
}

// ---- Contacts ----

export function contactCard(row: ContactRow): IdentityCard {
  return verifyCardBytes(Buffer.from(row.cardJson, 'utf8'), row.cardSignature, `card of ${row.name}`);
}

/** The contact as shown; `now` (the call's clock) decides whether its card has expired. */
export function toContact(row: ContactRow, now: Date): Contact {
  const card = contactCard(row);
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    name: row.name,
    role: row.role,
    organisation: row.organisation,
    safetyCode: safetyCodeOf(card),
    verification: row.verification,
    verifiedAt: row.verifiedAt,
    addedAt: row.addedAt,
    cardExpiresAt: card.expiresAt,
    cardExpired: Date.parse(card.expiresAt) < now.getTime(),
    postQuantum: Boolean(card.recipients.hybrid),
  };
}

export function activeContacts(db: Db): ContactRow[] {
  return db.select().from(trustedContacts).where(isNull(trustedContacts.removedAt)).all();
}

export function activeContactById(db: Db, id: string): ContactRow | undefined {
  return db.select().from(trustedContacts).where(and(eq(trustedContacts.id, id), isNull(trustedContacts.removedAt))).get();
}

export function activeContactByFingerprint(db: Db, fingerprint: string): ContactRow | undefined {
  return db.select().from(trustedContacts).where(and(eq(trustedContacts.fingerprint, fingerprint), isNull(trustedContacts.removedAt))).get();
}

/** Inserts a pinned card inside the caller's transaction; returns the new id. */
export function insertContact(
  db: Db,
  card: IdentityCard,
  cardBytes: Buffer,
  signature: string,
  verification: ContactVerification,
  who: { userId: string; now: Date },
): string {
  const id = randomUUID();
  const at = who.now.toISOString();
  db.insert(trustedContacts)
    .values({
      id,
      fingerprint: card.fingerprint,
      name: card.name,
      role: card.role,
      organisation: card.organisation,
      cardJson: cardBytes.toString('utf8'),
      cardSignature: signature,
      verification,
      verifiedAt: verification === 'unverified' ? null : at,
      verifiedBy: verification === 'unverified' ? null : who.userId,
      addedAt: at,
      addedBy: who.userId,
    })
    .run();
  return id;
}

/** Signer lookup for bundles and receipts: pinned contacts and the identities of this installation. */
export function signerLookup(db: Db) {
  return (matches: (card: IdentityCard) => boolean): KnownSigner | null => {
    for (const row of db.select().from(identityKeys).all()) {
      const me = signerOf(row);
      if (matches(me.card)) return { card: me.card, trust: 'self' };
    }
    for (const row of activeContacts(db)) {
      const card = contactCard(row);
      if (matches(card)) return { card, trust: row.verification === 'unverified' ? 'unverified' : 'verified' };
    }
    return null;
  };
}

export function assertCardUsable(card: IdentityCard, now: Date): void {
  if (Date.parse(card.expiresAt) < now.getTime()) throw new HandoverError('cardExpired', { date: card.expiresAt.slice(0, 10) });
  if (fingerprintOf(new Uint8Array(Buffer.from(card.signingKey, 'base64'))) !== card.fingerprint) throw new HandoverError('cardInvalid', { detail: 'fingerprint' });
}
