import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import type { DirectoryFilter } from '../../../shared/api/calls/directory';
import type { Service, ServiceInput } from '../../../shared/schemas/service';
import type { RegionRef } from '../../../shared/directory/serviceFile';
import type { Db } from '../store/open';
import { referenceItems, services } from '../store/schema';

function selectServices(db: Db) {
  return db.select({ s: services, regionName: referenceItems.name }).from(services).innerJoin(referenceItems, eq(referenceItems.id, services.regionId));
}

function toService(row: { s: typeof services.$inferSelect; regionName: string }): Service {
  return { ...row.s, regionName: row.regionName };
}

/** Case and diacritics folded, for a search that finds "Naděje" when typed as "nadeje". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The directory, filtered; ordered by region, type and name. A few hundred rows: the text match runs here. */
export function listServices(db: Db, query: DirectoryFilter): Service[] {
  const where: SQL[] = [];
  if (query.regionId) where.push(eq(services.regionId, query.regionId));
  if (query.type) where.push(eq(services.type, query.type));
  if (!query.includeRemoved) where.push(isNull(services.removedAt));
  const rows = selectServices(db)
    .where(and(...where))
    .orderBy(asc(referenceItems.name), asc(services.type), asc(services.name))
    .all()
    .map(toService);
  const needle = fold(query.search).trim();
  if (!needle) return rows;
  return rows.filter((s) => [s.name, s.address, s.contactPerson, s.intakeCriteria, s.openingHours].some((f) => fold(f).includes(needle)));
}

export function findService(db: Db, id: string): Service | undefined {
  const row = selectServices(db).where(eq(services.id, id)).get();
  return row ? toService(row) : undefined;
}

export function getService(db: Db, id: string): Service {
  const service = findService(db, id);
  if (!service) throw apiError('NOT_FOUND', 'The service is not in the directory.', 'errors.serviceNotFound');
  return service;
}

/** Regions of the reference list a service may name: active ones (a retired region keeps its existing entries). */
export function regionRefs(db: Db, includeInactive = false): RegionRef[] {
  return db
    .select()
    .from(referenceItems)
    .where(includeInactive ? eq(referenceItems.kind, 'region') : and(eq(referenceItems.kind, 'region'), eq(referenceItems.active, true)))
    .all()
    .map((r) => ({ id: r.id, names: [r.name] }));
}

export function assertRegion(db: Db, regionId: string, currentRegionId?: string): void {
  const region = db.select().from(referenceItems).where(and(eq(referenceItems.id, regionId), eq(referenceItems.kind, 'region'))).get();
  // A retired region may stay on an entry that already has it, but is not offered for new ones.
  if (!region || (!region.active && regionId !== currentRegionId)) {
    throw apiError('VALIDATION', 'The chosen region is not in the reference list.', 'errors.unknownRegion', { region: regionId });
  }
}

export function insertService(db: Db, fields: ServiceInput, now: Date, id: string = randomUUID()): string {
  const at = now.toISOString();
  db.insert(services).values({ ...fields, id, createdAt: at, updatedAt: at, removedAt: null }).run();
  return id;
}

/** Overwrites the fields; an import of a removed entry brings it back (`restore`). */
export function updateService(db: Db, id: string, fields: ServiceInput, now: Date, restore = false): void {
  db.update(services)
    .set({ ...fields, updatedAt: now.toISOString(), ...(restore ? { removedAt: null } : {}) })
    .where(eq(services.id, id))
    .run();
}

export function markServiceRemoved(db: Db, id: string, now: Date): void {
  db.update(services).set({ removedAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(services.id, id)).run();
}
