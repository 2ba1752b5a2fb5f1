import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { consentStatusOn, type Consent, type ConsentFields } from '../../../shared/schemas/consent';
import { handoverSectionSchema, type HandoverSection } from '../../../shared/schemas/handover';
import { z } from 'zod';
import type { Db } from '../store/open';
import { consents, users } from '../store/schema';

type ConsentRow = typeof consents.$inferSelect;
const sectionsOf = (json: string): HandoverSection[] => z.array(handoverSectionSchema).parse(JSON.parse(json));

export function toConsent(row: ConsentRow, recordedByName: string | null, today: string): Consent {
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    organisation: row.organisation,
    sections: sectionsOf(row.sections),
    givenOn: row.givenOn,
    expiresOn: row.expiresOn,
    withdrawnOn: row.withdrawnOn,
    note: row.note,
    status: consentStatusOn(row, today),
    recordedByName,
    createdAt: row.createdAt,
  };
}

export function listConsents(db: Db, clientId: string, today: string): Consent[] {
  return db
    .select({ row: consents, name: users.displayName })
    .from(consents)
    .leftJoin(users, eq(users.id, consents.recordedBy))
    .where(eq(consents.clientId, clientId))
    .orderBy(desc(consents.givenOn), desc(consents.createdAt))
    .all()
    .map(({ row, name }) => toConsent(row, name, today));
}

export function consentById(db: Db, id: string): ConsentRow | undefined {
  return db.select().from(consents).where(eq(consents.id, id)).get();
}

export function insertConsent(db: Db, clientId: string, f: Required<Omit<ConsentFields, 'note'>> & { note: string }, who: { userId: string; now: Date }, withdrawnOn: string | null = null): string {
  const id = randomUUID();
  db.insert(consents)
    .values({
      id,
      clientId,
      kind: f.kind,
      organisation: f.kind === 'sharing' ? f.organisation : null,
      // A sharing consent always covers the basic record: without it no case can be handed over at all.
      sections: JSON.stringify(f.kind === 'sharing' ? [...new Set(['record', ...f.sections])] : []),
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
