import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { apiError } from '../../../shared/api';
import type { Client, ClientFields, PossibleDuplicate } from '../../../shared/schemas/client';
import { CHECKLIST_ITEMS } from '../../../shared/schemas/plan';
import type { Db } from '../store/open';
import { clients, referenceItems, users } from '../store/schema';

/** Lower-case without diacritics: "Šťastná" and "Stastna" sort together and count as the same name. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export function sortNameOf(firstName: string, lastName: string): string {
  return `${foldName(lastName)} ${foldName(firstName)}`;
}

const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I and O: they read as 1 and 0

/** A fresh `AAA-0000` code not used by any client. */
export function generateClientCode(db: Db): string {
  for (;;) {
    const letters = Array.from({ length: 3 }, () => CODE_LETTERS[randomInt(CODE_LETTERS.length)]).join('');
    const code = `${letters}-${String(randomInt(10000)).padStart(4, '0')}`;
    if (!db.select({ id: clients.id }).from(clients).where(eq(clients.code, code)).get()) return code;
  }
}

const prison = alias(referenceItems, 'prison');
const region = alias(referenceItems, 'region');

function selectClient(db: Db) {
  return db
    .select({ c: clients, prisonName: prison.name, regionName: region.name, assignedWorkerName: users.displayName })
    .from(clients)
    .leftJoin(prison, eq(prison.id, clients.prisonId))
    .leftJoin(region, eq(region.id, clients.regionId))
    .leftJoin(users, eq(users.id, clients.assignedWorkerId));
}

type Joined = { c: typeof clients.$inferSelect; prisonName: string | null; regionName: string | null; assignedWorkerName: string | null };

function toClient({ c, prisonName, regionName, assignedWorkerName }: Joined): Client {
  const { sortName: _sortName, checklistDone: _d, checklistTotal: _t, ...rest } = c;
  return { ...rest, prisonName, regionName, assignedWorkerName };
}

export function findClientById(db: Db, id: string): Client | undefined {
  const row = selectClient(db).where(eq(clients.id, id)).get();
  return row ? toClient(row) : undefined;
}

export function findClientByCode(db: Db, code: string): Client | undefined {
  const row = selectClient(db).where(eq(clients.code, code.trim().toUpperCase())).get();
  return row ? toClient(row) : undefined;
}

/** Same client code, or same name (ignoring case and diacritics) and date of birth (W3). */
export function findPossibleDuplicates(
  db: Db,
  probe: { code?: string | undefined; firstName: string; lastName: string; dateOfBirth: string },
  excludeId?: string,
): PossibleDuplicate[] {
  const sortName = sortNameOf(probe.firstName, probe.lastName);
  const rows = db
    .select({ id: clients.id, code: clients.code, firstName: clients.firstName, lastName: clients.lastName, dateOfBirth: clients.dateOfBirth, sortName: clients.sortName })
    .from(clients)
    .where(
      and(
        or(
          probe.code ? eq(clients.code, probe.code) : sql`0`,
          and(eq(clients.dateOfBirth, probe.dateOfBirth), eq(clients.sortName, sortName)),
        ),
        excludeId ? ne(clients.id, excludeId) : undefined,
      ),
    )
    .all();
  return rows.map(({ sortName: s, ...r }) => ({ ...r, reason: probe.code && r.code === probe.code ? 'sameCode' : s === sortName ? 'sameNameAndBirth' : 'sameCode' }));
}

/** Checks that referenced prison, region and worker exist, with a field-specific error if not. */
export function checkClientReferences(db: Db, fields: Pick<ClientFields, 'prisonId' | 'regionId' | 'assignedWorkerId'>): void {
  const ref = (id: string | null, kind: 'prison' | 'region') =>
    !id || db.select({ id: referenceItems.id }).from(referenceItems).where(and(eq(referenceItems.id, id), eq(referenceItems.kind, kind))).get();
  if (!ref(fields.prisonId, 'prison')) throw apiError('VALIDATION', 'The chosen prison does not exist.', 'errors.unknownPrison', {});
  if (!ref(fields.regionId, 'region')) throw apiError('VALIDATION', 'The chosen region does not exist.', 'errors.unknownRegion', {});
  const worker = db.select().from(users).where(eq(users.id, fields.assignedWorkerId)).get();
  if (!worker || worker.removedAt || worker.role === 'evaluator') {
    throw apiError('VALIDATION', 'The assigned worker is not an active caseworker, clinician or admin.', 'errors.unknownWorker', {});
  }
}

export function insertClient(db: Db, fields: ClientFields, now: Date, id: string = randomUUID()): string {
  const at = now.toISOString();
  db.insert(clients)
    // Every checklist item is open for a new client: completeness reads 0 of N from the first day.
    .values({ ...fields, id, sortName: sortNameOf(fields.firstName, fields.lastName), checklistDone: 0, checklistTotal: CHECKLIST_ITEMS.length, createdAt: at, updatedAt: at, revision: 1 })
    .run();
  return id;
}

export function updateClientRow(db: Db, id: string, patch: Partial<ClientFields>, now: Date): void {
  const current = db.select().from(clients).where(eq(clients.id, id)).get();
  if (!current) throw apiError('NOT_FOUND', 'No such client.', 'errors.clientNotFound');
  const firstName = patch.firstName ?? current.firstName;
  const lastName = patch.lastName ?? current.lastName;
  db.update(clients)
    .set({ ...patch, sortName: sortNameOf(firstName, lastName), updatedAt: now.toISOString(), revision: current.revision + 1 })
    .where(eq(clients.id, id))
    .run();
}
