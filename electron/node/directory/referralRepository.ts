import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import type { Referral, ReferralFields } from '../../../shared/schemas/referral';
import type { Db } from '../store/open';
import { referenceItems, referrals, services, users } from '../store/schema';

function selectReferrals(db: Db) {
  return db
    .select({ r: referrals, s: services, regionName: referenceItems.name, createdByName: users.displayName })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(referenceItems, eq(referenceItems.id, services.regionId))
    .leftJoin(users, eq(users.id, referrals.createdBy));
}

type Row = { r: typeof referrals.$inferSelect; s: typeof services.$inferSelect; regionName: string; createdByName: string | null };

function toReferral({ r, s, regionName, createdByName }: Row): Referral {
  return {
    id: r.id,
    clientId: r.clientId,
    serviceId: r.serviceId,
    reason: r.reason,
    appointmentAt: r.appointmentAt,
    status: r.status,
    notes: r.notes,
    service: { name: s.name, type: s.type, regionName, address: s.address, phone: s.phone, email: s.email, openingHours: s.openingHours, removed: s.removedAt !== null },
    createdById: r.createdBy,
    createdByName: createdByName ?? '',
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A client's referrals: those with an appointment first, by date; then the rest, newest first. */
export function listReferrals(db: Db, clientId: string): Referral[] {
  return selectReferrals(db)
    .where(eq(referrals.clientId, clientId))
    .orderBy(sql`${referrals.appointmentAt} IS NULL`, asc(referrals.appointmentAt), sql`${referrals.createdAt} DESC`)
    .all()
    .map(toReferral);
}

export function findReferral(db: Db, id: string): Referral | undefined {
  const row = selectReferrals(db).where(eq(referrals.id, id)).get();
  return row ? toReferral(row) : undefined;
}

export function getReferral(db: Db, id: string): Referral {
  const referral = findReferral(db, id);
  if (!referral) throw apiError('NOT_FOUND', 'The referral does not exist.', 'errors.referralNotFound');
  return referral;
}

export function insertReferral(db: Db, clientId: string, fields: ReferralFields, userId: string, now: Date): string {
  const id = randomUUID();
  const at = now.toISOString();
  db.insert(referrals).values({ ...fields, id, clientId, createdBy: userId, createdAt: at, updatedAt: at }).run();
  return id;
}

export function updateReferralRow(db: Db, id: string, fields: ReferralFields, now: Date): void {
  db.update(referrals).set({ ...fields, updatedAt: now.toISOString() }).where(eq(referrals.id, id)).run();
}

export function deleteReferral(db: Db, id: string): void {
  db.delete(referrals).where(eq(referrals.id, id)).run();
}
