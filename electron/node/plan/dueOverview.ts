import { and, asc, eq, gte, inArray, isNull, lte, ne, type SQL } from 'drizzle-orm';
import { addDays, computeReleaseAlert, followUpSchedule, followUpState } from '../../../shared/plan';
import type { DueItem, UpcomingRelease } from '../../../shared/api/calls/plan';
import type { Db } from '../store/open';
import type { SessionUser } from '../../../shared/schemas/user';
import { clients, followUps, planGoals, planTasks, referenceItems, users } from '../store/schema';
import { readChecklist } from './checklistRepository';
import { reachCondition } from '../clients/clientAccess';

type Viewer = Pick<SessionUser, 'id' | 'role'>;

/** "Upcoming releases" lists the clients within the viewer's reach (need to know, clientAccess.ts). */
function caseloadOf(viewer: Viewer): SQL | undefined {
  return reachCondition(viewer);
}

/** Clients still held here, not released and not closed: the ones a release is still ahead for. */
const awaitingRelease = [isNull(clients.actualRelease), eq(clients.custody, 'held'), ne(clients.status, 'closed')];

/** Earliest release within the next `days` days (today included), soonest first, each with its alert. */
export function upcomingReleases(db: Db, viewer: Viewer, today: string, days: number): UpcomingRelease[] {
  const rows = db
    .select({
      clientId: clients.id,
      code: clients.code,
      firstName: clients.firstName,
      lastName: clients.lastName,
      prisonName: referenceItems.name,
      assignedWorkerName: users.displayName,
      earliestRelease: clients.earliestRelease,
    })
    .from(clients)
    .leftJoin(referenceItems, eq(referenceItems.id, clients.prisonId))
    .leftJoin(users, eq(users.id, clients.assignedWorkerId))
    .where(and(caseloadOf(viewer), ...awaitingRelease, gte(clients.earliestRelease, today), lte(clients.earliestRelease, addDays(today, days))))
    .orderBy(asc(clients.earliestRelease), asc(clients.sortName))
    .all();
  return rows.map((r) => {
    const earliestRelease = r.earliestRelease!;
    const checklist = readChecklist(db, r.clientId, earliestRelease);
    const alert = computeReleaseAlert({ earliestRelease, actualRelease: null, today, checklist })!;
    const applicable = checklist.filter((i) => i.status !== 'notApplicable');
    return { ...r, earliestRelease, alert, checklistDone: applicable.filter((i) => i.status === 'done').length, checklistTotal: applicable.length };
  });
}

/**
 * "My tasks": everything due within `days` for the clients assigned to the user, overdue first, then by date —
 * open plan tasks, open checklist items, and follow-ups not yet recorded.
 */
export function myDueItems(db: Db, userId: string, today: string, days: number): DueItem[] {
  const horizon = addDays(today, days);
  const mine = db
    .select({ id: clients.id, code: clients.code, firstName: clients.firstName, lastName: clients.lastName, earliestRelease: clients.earliestRelease, actualRelease: clients.actualRelease })
    .from(clients)
    .where(and(eq(clients.assignedWorkerId, userId), eq(clients.custody, 'held'), ne(clients.status, 'closed')))
    .all();
  if (!mine.length) return [];
  const byId = new Map(mine.map((c) => [c.id, c]));
  const who = (clientId: string) => {
    const c = byId.get(clientId)!;
    return { clientId, clientCode: c.code, clientName: `${c.firstName} ${c.lastName}` };
  };
  const items: DueItem[] = [];

  const tasks = db
    .select({ id: planTasks.id, clientId: planTasks.clientId, title: planTasks.title, dueDate: planTasks.dueDate, status: planTasks.status, domain: planGoals.domain })
    .from(planTasks)
    .innerJoin(planGoals, eq(planGoals.id, planTasks.goalId))
    .where(and(inArray(planTasks.clientId, [...byId.keys()]), ne(planTasks.status, 'done'), lte(planTasks.dueDate, horizon)))
    .all();
  for (const t of tasks) items.push({ kind: 'task', ...who(t.clientId), id: t.id, title: t.title, domain: t.domain, dueDate: t.dueDate, status: t.status, overdue: t.dueDate! < today });

  for (const c of mine) {
    if (c.actualRelease || !c.earliestRelease) continue;
    for (const item of readChecklist(db, c.id, c.earliestRelease)) {
      if (item.status !== 'open' || !item.dueDate || item.dueDate > horizon) continue;
      items.push({ kind: 'checklist', ...who(c.id), id: `${c.id}:${item.key}`, itemKey: item.key, dueDate: item.dueDate, overdue: item.dueDate < today });
    }
  }

  for (const c of mine) {
    if (!c.actualRelease) continue;
    const recorded = new Set(db.select({ m: followUps.milestone }).from(followUps).where(eq(followUps.clientId, c.id)).all().map((r) => r.m));
    for (const f of followUpSchedule(c.actualRelease)) {
      const state = followUpState(f, recorded.has(f.milestone), today);
      if (state === 'recorded' || f.dueDate > horizon) continue;
      items.push({ kind: 'followUp', ...who(c.id), id: `${c.id}:${f.milestone}`, milestone: f.milestone, dueDate: f.dueDate, state, overdue: state === 'missed' });
    }
  }

  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.clientCode.localeCompare(b.clientCode));
}
