import { and, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { CaseloadFlag, CaseloadPage, CaseloadQuery, CaseloadSort } from '../../../shared/schemas/caseload';
import { caseloadQuerySchema } from '../../../shared/schemas/caseload';
import type { Db } from '../store/open';
import { clients, referenceItems, users } from '../store/schema';
import { toFtsQuery } from '../store/searchIndex';
import { readReceiptOverdueDays } from '../handover/handoverSettings';
import { localDate } from '../../../shared/plan';
import type { SessionUser } from '../../../shared/schemas/user';
import { reachCondition } from './clientAccess';
import { foldName } from './clientRepository';
import { readOfficeWideCaseload } from '../careTeam/caseloadVisibility';

const prison = alias(referenceItems, 'prison');
const region = alias(referenceItems, 'region');
const DAY_MS = 86_400_000;
/** Release within this many days with an incomplete checklist is flagged (the T-30 alert of W5). */
const SOON_DAYS = 30;
const NO_CONTACT_DAYS = 30;

/**
 * Sort keys per column, each ending in the folded name; the row id breaks the remaining ties. Every key runs
 * in the chosen direction (so empty dates come last ascending and first descending): an index with the same
 * keys — see store/schema/clients.ts — then gives the first page without sorting the whole caseload.
 */
const sortColumns: Record<CaseloadSort, SQL[]> = {
  code: [sql`${clients.code}`],
  name: [sql`${clients.sortName}`],
  prison: [sql`${prison.name} IS NULL`, sql`${prison.name}`, sql`${clients.sortName}`],
  earliestRelease: [sql`${clients.earliestRelease} IS NULL`, sql`${clients.earliestRelease}`, sql`${clients.sortName}`],
  status: [sql`${clients.status}`, sql`${clients.sortName}`],
  worker: [sql`${users.displayName}`, sql`${clients.sortName}`],
  lastContact: [sql`${clients.lastContactAt} IS NULL`, sql`${clients.lastContactAt}`, sql`${clients.sortName}`],
  completeness: [sql`CAST(${clients.checklistDone} AS REAL) / max(${clients.checklistTotal}, 1)`, sql`${clients.sortName}`],
};

/** Every typed word in the name or the code (case and diacritics ignored), as LIKE conditions. */
function nameOrCodeMatches(search: string): SQL {
  const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const words = search.trim().split(/\s+/).filter(Boolean);
  return and(
    ...words.map((w) => or(sql`${clients.sortName} LIKE ${like(foldName(w))} ESCAPE '\\'`, sql`${clients.code} LIKE ${like(w.toUpperCase())} ESCAPE '\\'`)),
  )!;
}

/** Whole calendar days from `today` (YYYY-MM-DD) to `date`. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * One caseload page (W2): filters, full-text search over names, codes, client notes and contact notes,
 * sort by any column, a window of rows and the total. A single indexed query plus a count.
 */
export function queryCaseload(db: Db, viewer: Pick<SessionUser, 'id' | 'role'>, rawQuery: CaseloadQuery, now: Date): CaseloadPage {
  const q = caseloadQuerySchema.parse(rawQuery);
  // The workstation's calendar day, as the checklist and follow-ups count it (not UTC's, off by one at night).
  const today = localDate(now.getTime());
  const conditions: (SQL | undefined)[] = [];
  // Only clients within the viewer's reach (clientAccess.ts), unless the office-wide list is on: then every
  // client is listed, and the rows outside reach are marked not openable. The worker filter narrows further.
  const reach = reachCondition(viewer);
  const officeWide = reach !== undefined && viewer.role !== 'evaluator' && readOfficeWideCaseload(db);
  if (!officeWide) conditions.push(reach);
  if (q.workerId) conditions.push(eq(clients.assignedWorkerId, q.workerId));
  if (q.prisonId) conditions.push(eq(clients.prisonId, q.prisonId));
  if (q.regionId) conditions.push(eq(clients.regionId, q.regionId));
  if (q.status.length) conditions.push(inArray(clients.status, q.status));
  const fts = toFtsQuery(q.search);
  if (fts) {
    // The matching clients are collected once into a temporary table (in memory: temp_store = MEMORY) and
    // used by both the page and the count; matching twice doubled the cost of a common word.
    db.run(sql`CREATE TEMP TABLE IF NOT EXISTS search_hits (client_rowid INTEGER PRIMARY KEY)`);
    db.run(sql`DELETE FROM temp.search_hits`);
    db.run(sql`INSERT INTO temp.search_hits SELECT rowid FROM client_search WHERE client_search MATCH ${fts}`);
    const hit = sql`${clients}.rowid IN (SELECT client_rowid FROM temp.search_hits)`;
    // Outside one's reach a row is found by its name or code only: a match in notes would reveal what they say.
    conditions.push(officeWide && reach ? or(and(reach, hit), and(not(reach), nameOrCodeMatches(q.search))) : hit);
  }
  const where = and(...conditions);
  const dir = q.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const order = [...sortColumns[q.sort], sql`${clients}.rowid`].map((key) => sql`${key} ${dir}`);

  // First the page's row ids, sorted on the sort keys alone (cheap, often straight from an index), then
  // the full rows for those 50 ids: sorting thousands of wide rows to keep 50 was most of a search's cost.
  const pageIds = db
    .select({ rowid: sql<number>`${clients}.rowid` })
    .from(clients)
    .leftJoin(prison, eq(prison.id, clients.prisonId))
    .leftJoin(users, eq(users.id, clients.assignedWorkerId))
    .where(where)
    .orderBy(...order)
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map((r) => r.rowid);
  const position = new Map(pageIds.map((id, i) => [id, i]));
  const rows = !pageIds.length
    ? []
    : db
        .select({
          rowid: sql<number>`${clients}.rowid`,
          id: clients.id,
          code: clients.code,
          firstName: clients.firstName,
          lastName: clients.lastName,
          prisonName: prison.name,
          regionName: region.name,
          earliestRelease: clients.earliestRelease,
          actualRelease: clients.actualRelease,
          status: clients.status,
          assignedWorkerName: users.displayName,
          lastContactAt: clients.lastContactAt,
          checklistDone: clients.checklistDone,
          checklistTotal: clients.checklistTotal,
          custody: clients.custody,
          receiptReceivedAt: clients.receiptReceivedAt,
          handedOverAt: clients.handedOverAt,
          createdAt: clients.createdAt,
          openable: reach && officeWide ? sql<number>`CASE WHEN ${reach} THEN 1 ELSE 0 END` : sql<number>`1`,
        })
        .from(clients)
        .leftJoin(prison, eq(prison.id, clients.prisonId))
        .leftJoin(region, eq(region.id, clients.regionId))
        .leftJoin(users, eq(users.id, clients.assignedWorkerId))
        .where(inArray(sql`${clients}.rowid`, pageIds))
        .all()
        .sort((a, b) => position.get(a.rowid)! - position.get(b.rowid)!);
  const overdueDays = readReceiptOverdueDays(db);
  const total = db.select({ n: sql<number>`count(*)` }).from(clients).where(where).get()?.n ?? 0;

  return {
    total,
    rows: rows.map(({ rowid: _rowid, actualRelease, receiptReceivedAt, handedOverAt, createdAt, openable, ...r }) => {
      const daysToRelease = r.earliestRelease ? daysBetween(today, r.earliestRelease) : null;
      const flags: CaseloadFlag[] = [];
      // A case handed over is the receiver's to work: no release alerts here, only where its receipt stands.
      const inCustody = r.custody === 'held' && !actualRelease && (r.status === 'intake' || r.status === 'active');
      const checklistIncomplete = r.checklistDone < r.checklistTotal;
      if (inCustody && daysToRelease !== null && daysToRelease >= 0 && daysToRelease <= SOON_DAYS && checklistIncomplete) flags.push('releaseSoonChecklistIncomplete');
      if (inCustody && daysToRelease !== null && daysToRelease < 0) flags.push('releaseOverdue');
      if (r.custody === 'handedOver') {
        // A handover still without a receipt after the configured days (setting receiptOverdueDays) is overdue.
        const overdue = !receiptReceivedAt && handedOverAt !== null && daysBetween(handedOverAt.slice(0, 10), today) > overdueDays;
        flags.push(receiptReceivedAt ? 'handedOver' : overdue ? 'receiptOverdue' : 'receiptPending');
      }
      // A client registered last week without a contact yet is not "out of touch": count from registration.
      const sinceContact = daysBetween((r.lastContactAt ?? createdAt).slice(0, 10), today);
      if (r.status !== 'closed' && r.custody === 'held' && sinceContact > NO_CONTACT_DAYS) flags.push('noRecentContact');
      return { ...r, daysToRelease, flags, openable: Boolean(openable) };
    }),
  };
}
