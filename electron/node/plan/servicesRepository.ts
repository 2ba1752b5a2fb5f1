import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import type { ServiceEntry, ServiceFields } from '../../../shared/schemas/plan';
import type { Db } from '../store/open';
import { servicesLog, users } from '../store/schema';

type Row = typeof servicesLog.$inferSelect;

function toEntry(r: Row, updatedByName: string | null): ServiceEntry {
  return {
    id: r.id,
    kind: r.kind,
    deliveredOn: r.deliveredOn,
    oatMedication: r.oatMedication,
    oatDose: r.oatDose,
    prescriber: r.prescriber,
    disease: r.disease,
    testResult: r.testResult,
    programme: r.programme,
    attended: r.attended,
    note: r.note,
    updatedAt: r.updatedAt,
    updatedByName,
  };
}

/** The services log of a client, most recent delivery first. */
export function listServices(db: Db, clientId: string): ServiceEntry[] {
  return db
    .select({ s: servicesLog, name: users.displayName })
    .from(servicesLog)
    .leftJoin(users, eq(users.id, servicesLog.updatedBy))
    .where(eq(servicesLog.clientId, clientId))
    .orderBy(desc(servicesLog.deliveredOn), desc(servicesLog.createdAt))
    .all()
    .map(({ s, name }) => toEntry(s, name));
}

/** Only the details that belong to the kind are kept: a naloxone entry carries no stray prescriber. */
function detailsFor(f: ServiceFields) {
  const oat = f.kind === 'oatDose';
  const infectious = f.kind === 'infectiousTest' || f.kind === 'infectiousTreatment';
  const programme = f.kind === 'programmeSession';
  return {
    oatMedication: oat ? f.oatMedication : null,
    oatDose: oat ? f.oatDose || null : null,
    prescriber: oat ? f.prescriber || null : null,
    disease: infectious ? f.disease : null,
    testResult: f.kind === 'infectiousTest' ? f.testResult : null,
    programme: programme ? f.programme || null : null,
    attended: programme ? f.attended : null,
  };
}

export function insertService(db: Db, clientId: string, f: ServiceFields, who: { userId: string; now: Date }, id: string = randomUUID()): string {
  const at = who.now.toISOString();
  db.insert(servicesLog)
    .values({ id, clientId, kind: f.kind, deliveredOn: f.deliveredOn, ...detailsFor(f), note: f.note || null, createdAt: at, createdBy: who.userId, updatedAt: at, updatedBy: who.userId })
    .run();
  return id;
}

export function serviceById(db: Db, id: string): ServiceEntry {
  const row = db.select({ s: servicesLog, name: users.displayName }).from(servicesLog).leftJoin(users, eq(users.id, servicesLog.updatedBy)).where(eq(servicesLog.id, id)).get();
  if (!row) throw apiError('NOT_FOUND', 'No such entry in the services log.', 'errors.serviceEntryNotFound');
  return toEntry(row.s, row.name);
}

export function serviceOf(db: Db, clientId: string, id: string): Row {
  const row = db.select().from(servicesLog).where(and(eq(servicesLog.id, id), eq(servicesLog.clientId, clientId))).get();
  if (!row) throw apiError('NOT_FOUND', 'No such entry in the services log.', 'errors.serviceEntryNotFound');
  return row;
}
