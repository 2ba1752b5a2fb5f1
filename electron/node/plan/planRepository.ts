import { randomUUID } from 'node:crypto';
import { and, asc, eq, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { apiError } from '../../../shared/api';
import type { GoalFields, GoalStatus, PlanDomain, PlanGoal, PlanTask, TaskFields, TaskStatus } from '../../../shared/schemas/plan';
import { PLAN_DOMAINS } from '../../../shared/schemas/plan';
import type { Db } from '../store/open';
import { planGoals, planTasks, users } from '../store/schema';

const goalEditor = alias(users, 'goal_editor');
const taskEditor = alias(users, 'task_editor');

type TaskRow = typeof planTasks.$inferSelect;
type GoalRow = typeof planGoals.$inferSelect;

function toTask(r: TaskRow, updatedByName: string | null): PlanTask {
  return {
    id: r.id,
    goalId: r.goalId,
    title: r.title,
    dueDate: r.dueDate,
    responsibleKind: r.responsibleKind,
    responsibleName: r.responsibleName,
    status: r.status,
    position: r.position,
    completedAt: r.completedAt,
    updatedAt: r.updatedAt,
    updatedByName,
  };
}

function toGoal(r: GoalRow, updatedByName: string | null, tasks: PlanTask[]): PlanGoal {
  return { id: r.id, domain: r.domain, title: r.title, status: r.status, position: r.position, tasks, updatedAt: r.updatedAt, updatedByName };
}

/** Every goal of a client in domain order, then by position, each with its tasks in order. */
export function readGoals(db: Db, clientId: string): PlanGoal[] {
  const goals = db
    .select({ g: planGoals, name: goalEditor.displayName })
    .from(planGoals)
    .leftJoin(goalEditor, eq(goalEditor.id, planGoals.updatedBy))
    .where(eq(planGoals.clientId, clientId))
    .orderBy(asc(planGoals.position))
    .all();
  const tasks = db
    .select({ t: planTasks, name: taskEditor.displayName })
    .from(planTasks)
    .leftJoin(taskEditor, eq(taskEditor.id, planTasks.updatedBy))
    .where(eq(planTasks.clientId, clientId))
    .orderBy(asc(planTasks.position))
    .all();
  const byGoal = new Map<string, PlanTask[]>();
  for (const { t, name } of tasks) {
    const list = byGoal.get(t.goalId) ?? [];
    list.push(toTask(t, name));
    byGoal.set(t.goalId, list);
  }
  const domainOrder = (d: PlanDomain) => PLAN_DOMAINS.indexOf(d);
  return goals
    .map(({ g, name }) => toGoal(g, name, byGoal.get(g.id) ?? []))
    .sort((a, b) => domainOrder(a.domain) - domainOrder(b.domain) || a.position - b.position);
}

export function taskCounts(db: Db, clientId: string): { done: number; total: number } {
  const row = db
    .select({ total: sql<number>`count(*)`, done: sql<number>`coalesce(sum(${planTasks.status} = 'done'), 0)` })
    .from(planTasks)
    .where(eq(planTasks.clientId, clientId))
    .get();
  return { done: row?.done ?? 0, total: row?.total ?? 0 };
}

/** A goal of this client, or NOT_FOUND: ids of another client's goals are refused, not followed. */
export function goalOf(db: Db, clientId: string, goalId: string): GoalRow {
  const g = db.select().from(planGoals).where(and(eq(planGoals.id, goalId), eq(planGoals.clientId, clientId))).get();
  if (!g) throw apiError('NOT_FOUND', 'No such goal in this plan.', 'errors.planGoalNotFound');
  return g;
}

export function taskOf(db: Db, clientId: string, taskId: string): TaskRow {
  const t = db.select().from(planTasks).where(and(eq(planTasks.id, taskId), eq(planTasks.clientId, clientId))).get();
  if (!t) throw apiError('NOT_FOUND', 'No such task in this plan.', 'errors.planTaskNotFound');
  return t;
}

export function goalById(db: Db, goalId: string): PlanGoal {
  const row = db.select({ g: planGoals, name: goalEditor.displayName }).from(planGoals).leftJoin(goalEditor, eq(goalEditor.id, planGoals.updatedBy)).where(eq(planGoals.id, goalId)).get();
  if (!row) throw apiError('NOT_FOUND', 'No such goal in this plan.', 'errors.planGoalNotFound');
  const tasks = db
    .select({ t: planTasks, name: taskEditor.displayName })
    .from(planTasks)
    .leftJoin(taskEditor, eq(taskEditor.id, planTasks.updatedBy))
    .where(eq(planTasks.goalId, goalId))
    .orderBy(asc(planTasks.position))
    .all()
    .map(({ t, name }) => toTask(t, name));
  return toGoal(row.g, row.name, tasks);
}

export function taskById(db: Db, taskId: string): PlanTask {
  const row = db.select({ t: planTasks, name: taskEditor.displayName }).from(planTasks).leftJoin(taskEditor, eq(taskEditor.id, planTasks.updatedBy)).where(eq(planTasks.id, taskId)).get();
  if (!row) throw apiError('NOT_FOUND', 'No such task in this plan.', 'errors.planTaskNotFound');
  return toTask(row.t, row.name);
}

interface Who {
  userId: string;
  now: Date;
}

export function insertGoal(db: Db, clientId: string, fields: GoalFields, who: Who, id: string = randomUUID()): string {
  const at = who.now.toISOString();
  const last = db.select({ p: max(planGoals.position) }).from(planGoals).where(and(eq(planGoals.clientId, clientId), eq(planGoals.domain, fields.domain))).get();
  db.insert(planGoals)
    .values({ id, clientId, domain: fields.domain, title: fields.title, status: 'open', position: (last?.p ?? -1) + 1, createdAt: at, createdBy: who.userId, updatedAt: at, updatedBy: who.userId })
    .run();
  return id;
}

export function updateGoalRow(db: Db, goal: GoalRow, patch: { domain?: PlanDomain | undefined; title?: string | undefined; status?: GoalStatus | undefined }, who: Who): string[] {
  const set: Partial<GoalRow> = {};
  if (patch.title !== undefined && patch.title !== goal.title) set.title = patch.title;
  if (patch.status !== undefined && patch.status !== goal.status) set.status = patch.status;
  if (patch.domain !== undefined && patch.domain !== goal.domain) {
    set.domain = patch.domain;
    const last = db.select({ p: max(planGoals.position) }).from(planGoals).where(and(eq(planGoals.clientId, goal.clientId), eq(planGoals.domain, patch.domain))).get();
    set.position = (last?.p ?? -1) + 1;
  }
  const changed = Object.keys(set).filter((k) => k !== 'position');
  if (changed.length) db.update(planGoals).set({ ...set, updatedAt: who.now.toISOString(), updatedBy: who.userId }).where(eq(planGoals.id, goal.id)).run();
  return changed;
}

/** Renumbers the goals of one domain; the list must hold each of them exactly once. */
export function reorderGoalRows(db: Db, clientId: string, domain: PlanDomain, goalIds: string[]): void {
  const current = db.select({ id: planGoals.id }).from(planGoals).where(and(eq(planGoals.clientId, clientId), eq(planGoals.domain, domain))).all().map((r) => r.id);
  assertSameSet(current, goalIds, 'errors.planReorderMismatch');
  goalIds.forEach((id, position) => db.update(planGoals).set({ position }).where(eq(planGoals.id, id)).run());
}

export function insertTask(db: Db, goal: GoalRow, fields: TaskFields, who: Who, id: string = randomUUID()): string {
  const at = who.now.toISOString();
  const last = db.select({ p: max(planTasks.position) }).from(planTasks).where(eq(planTasks.goalId, goal.id)).get();
  db.insert(planTasks)
    .values({
      id,
      goalId: goal.id,
      clientId: goal.clientId,
      title: fields.title,
      dueDate: fields.dueDate,
      responsibleKind: fields.responsibleKind,
      responsibleName: fields.responsibleName || null,
      status: 'open',
      position: (last?.p ?? -1) + 1,
      completedAt: null,
      createdAt: at,
      createdBy: who.userId,
      updatedAt: at,
      updatedBy: who.userId,
    })
    .run();
  return id;
}

/** Returns the names of the fields that changed (for the audit trail: names, never values). */
export function updateTaskRow(db: Db, task: TaskRow, fields: TaskFields, who: Who): string[] {
  const next = { title: fields.title, dueDate: fields.dueDate, responsibleKind: fields.responsibleKind, responsibleName: fields.responsibleName || null };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== task[k]);
  if (changed.length) db.update(planTasks).set({ ...next, updatedAt: who.now.toISOString(), updatedBy: who.userId }).where(eq(planTasks.id, task.id)).run();
  return changed;
}

export function setTaskStatusRow(db: Db, task: TaskRow, status: TaskStatus, who: Who): void {
  const at = who.now.toISOString();
  db.update(planTasks)
    .set({ status, completedAt: status === 'done' ? (task.completedAt ?? at) : null, updatedAt: at, updatedBy: who.userId })
    .where(eq(planTasks.id, task.id))
    .run();
}

export function reorderTaskRows(db: Db, goalId: string, taskIds: string[]): void {
  const current = db.select({ id: planTasks.id }).from(planTasks).where(eq(planTasks.goalId, goalId)).all().map((r) => r.id);
  assertSameSet(current, taskIds, 'errors.planReorderMismatch');
  taskIds.forEach((id, position) => db.update(planTasks).set({ position }).where(eq(planTasks.id, id)).run());
}

function assertSameSet(current: string[], proposed: string[], messageKey: string): void {
  const unique = new Set(proposed);
  if (unique.size !== proposed.length || unique.size !== current.length || current.some((id) => !unique.has(id))) {
    throw apiError('VALIDATION', 'The new order must list every item of the list exactly once. Reload and try again.', messageKey);
  }
}
