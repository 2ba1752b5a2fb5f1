import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { consentStatusOn, type Consent, type ConsentBinding, type ConsentKind } from '../../../shared/schemas/consent';
import { handoverSectionSchema, type HandoverSection } from '../../../shared/schemas/handover';
import { z } from 'zod';
import type { Db } from '../store/open';
import { consents, trustedContacts, users } from '../store/schema';

type ConsentRow = typeof consents.$inferSelect;
const sectionsOf = (json: string): HandoverSection[] => z.array(handoverSectionSchema).parse(JSON.parse(json));

export function toConsent(row: ConsentRow, recordedByName: string | null, contactName: string | null, today: string): Consent {
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    organisation: row.organisation,
    binding: row.kind === 'sharing' ? (row.binding ?? 'needsReview') : null,
    contactFingerprint: row.contactFingerprint,
    contactName,
    sections: sectionsOf(row.sections),
    givenOn: row.givenOn,
    expiresOn: row.expiresOn,
    withdrawnOn: row.withdrawnOn,
    note: row.note,
    status: consentStatusOn(row, today),
    recordedByName,
    createdAt: row.createdAt,
    scanAttachmentId: row.scanAttachmentId,
  };
}

/** The name a fingerprint was pinned under (the newest row, so a removed contact still reads as who it was). */
function contactNameOf(db: Db, fingerprint: string | null): string | null {
  if (!fingerprint) return null;
  return db.select({ name: trustedContacts.name }).from(trustedContacts).where(eq(trustedContacts.fingerprint, fingerprint)).orderBy(desc(trustedContacts.addedAt)).get()?.name ?? null;
}

export function listConsents(db: Db, clientId: string, today: string): Consent[] {
  const recorder = alias(users, 'recorder');
  return db
    .select({ row: consents, name: recorder.displayName })
    .from(consents)
    .leftJoin(recorder, eq(recorder.id, consents.recordedBy))
    .where(eq(consents.clientId, clientId))
    .orderBy(desc(consents.givenOn), desc(consents.createdAt))
    .all()
    .map(({ row, name }) => toConsent(row, name, contactNameOf(db, row.contactFingerprint), today));
}

export function consentById(db: Db, id: string): ConsentRow | undefined {
  return db.select().from(consents).where(eq(consents.id, id)).get();
}

export function consentViewById(db: Db, id: string, today: string): Consent | undefined {
  const row = consentById(db, id);
  if (!row) return undefined;
  const recorder = db.select({ name: users.displayName }).from(users).where(eq(users.id, row.recordedBy)).get();
  return toConsent(row, recorder?.name ?? null, contactNameOf(db, row.contactFingerprint), today);
}

/** What a new consent names: nothing (processing, evaluation), a pinned contact, or a typed first-contact organisation. */
export type ConsentRecipient = { binding: Extract<ConsentBinding, 'contact'>; fingerprint: string; organisation: string } | { binding: Extract<ConsentBinding, 'typed'>; organisation: string } | null;

export interface NewConsent {
  kind: ConsentKind;
  recipient: ConsentRecipient;
  sections: HandoverSection[];
  givenOn: string;
  expiresOn: string | null;
  note: string;
}

export function insertConsent(db: Db, clientId: string, f: NewConsent, who: { userId: string; now: Date }, withdrawnOn: string | null = null): string {
  const id = randomUUID();
  const sharing = f.kind === 'sharing' && f.recipient !== null;
  db.insert(consents)
    .values({
      id,
      clientId,
      kind: f.kind,
      organisation: sharing ? f.recipient!.organisation : null,
      binding: sharing ? f.recipient!.binding : null,
      contactFingerprint: sharing && f.recipient!.binding === 'contact' ? f.recipient!.fingerprint : null,
      // A sharing consent always covers the basic record: without it no case can be handed over at all.
      sections: JSON.stringify(sharing ? [...new Set(['record', ...f.sections])] : []),
      givenOn: f.givenOn,
      expiresOn: f.expiresOn,
      withdrawnOn,
      note: f.note,
      recordedBy: who.userId,
      createdAt: who.now.toISOString(),
    })
    .run();
  return id;
}
