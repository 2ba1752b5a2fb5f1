import type { AuditAction } from '../../../../shared/audit/auditActions';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiError } from '../../../../shared/api';
import type { planCalls } from '../../../../shared/api/calls/plan';
import { computeReleaseAlert, checklistCounts, planProgress } from '../../../../shared/plan';
import type { ReleasePlan } from '../../../../shared/schemas/plan';
import type { HandlersFor } from './types';
import type { UserCallContext, WriteContext, WriteDb } from '../context';
import type { Client } from '../../../../shared/schemas/client';
import { checklistItemOf, markChecklistItem, readChecklist, storedChecklistItem } from '../../plan/checklistRepository';
import {
  goalById,
  goalOf,
  insertGoal,
  insertTask,
  readGoals,
  reorderGoalRows,
  reorderTaskRows,
  setTaskStatusRow,
  taskById,
  taskCounts,
  taskOf,
  updateGoalRow,
  updateTaskRow,
} from '../../plan/planRepository';
import { insertService, listServices, serviceById, serviceOf } from '../../plan/servicesRepository';
import { myDueItems, upcomingReleases } from '../../plan/dueOverview';
import { planHistory } from '../../plan/planHistory';
import { planGoals, planTasks, servicesLog } from '../../store/schema';

function readPlan(ctx: UserCallContext, client: Client): ReleasePlan {
  const { today } = ctx;
  const goals = readGoals(ctx.db, client.id);
  const checklist = readChecklist(ctx.db, client.id, client.earliestRelease);
  return {
    clientId: client.id,
    today,
    earliestRelease: client.earliestRelease,
    actualRelease: client.actualRelease,
    goals,
    checklist,
    alert: computeReleaseAlert({ earliestRelease: client.earliestRelease, actualRelease: client.actualRelease, today, checklist }),
    progress: planProgress(checklistCounts(checklist), taskCounts(ctx.db, client.id)),
  };
}

/** Every plan change is one transaction with its audit entry, filed under the client so the history finds it. */
function changePlan<T>(ctx: WriteContext, clientId: string, action: AuditAction, details: Record<string, string | number | boolean | null>, fn: (tx: WriteDb) => T): T {
  return ctx.change({ action, entityType: 'client', entityId: clientId, details }, fn);
}

export const planHandlers: HandlersFor<typeof planCalls> = {
  'plan.get': (_input, ctx) => {
    const { client } = ctx;
    ctx.audit({ action: 'plan.read', entityType: 'client', entityId: client.id });
    return readPlan(ctx, client);
  },

  'plan.history': (input, ctx) => {
    const { client } = ctx;
    ctx.audit({ action: 'plan.history.read', entityType: 'client', entityId: client.id });
    return planHistory(ctx.db, client.id, input.limit);
  },

  'plan.addGoal': (input, ctx) => {
    const { client } = ctx;
    const { now } = ctx;
    const id = randomUUID();
    changePlan(ctx, client.id, 'plan.goalAdded', { goalId: id, domain: input.domain }, (tx) =>
      insertGoal(tx, client.id, { domain: input.domain, title: input.title }, { userId: ctx.user.id, now }, id),
    );
    return goalById(ctx.db, id);
  },

  'plan.updateGoal': (input, ctx) => {
    const { client } = ctx;
    const goal = goalOf(ctx.db, client.id, input.goalId);
    const { now } = ctx;
    ctx.change({ action: 'plan.goalUpdated', entityType: 'client', entityId: client.id, details: { goalId: goal.id } }, (tx) => {
      const changed = updateGoalRow(tx, goal, input, { userId: ctx.user.id, now });
      if (!changed.length) throw apiError('REFUSED', 'Nothing to change.', 'errors.nothingChanged');
    });
    return goalById(ctx.db, goal.id);
  },

  'plan.removeGoal': (input, ctx) => {
    const { client } = ctx;
    const goal = goalOf(ctx.db, client.id, input.goalId);
    const tasks = readGoals(ctx.db, client.id).find((g) => g.id === goal.id)?.tasks.length ?? 0;
    changePlan(ctx, client.id, 'plan.goalRemoved', { goalId: goal.id, tasks }, (tx) => tx.delete(planGoals).where(eq(planGoals.id, goal.id)).run());
    return {};
  },

  'plan.reorderGoals': (input, ctx) => {
    const { client } = ctx;
    changePlan(ctx, client.id, 'plan.goalsReordered', { domain: input.domain, count: input.goalIds.length }, (tx) =>
      reorderGoalRows(tx, client.id, input.domain, input.goalIds),
    );
    return readGoals(ctx.db, client.id).filter((g) => g.domain === input.domain);
  },

  'plan.addTask': (input, ctx) => {
    const { client } = ctx;
    const goal = goalOf(ctx.db, client.id, input.goalId);
    const { now } = ctx;
    const id = randomUUID();
    changePlan(ctx, client.id, 'plan.taskAdded', { taskId: id, goalId: goal.id, responsible: input.responsibleKind, hasDueDate: input.dueDate !== null }, (tx) =>
      insertTask(tx, goal, input, { userId: ctx.user.id, now }, id),
    );
    return taskById(ctx.db, id);
  },

  'plan.updateTask': (input, ctx) => {
    const { client } = ctx;
    const task = taskOf(ctx.db, client.id, input.taskId);
    const { now } = ctx;
    ctx.change({ action: 'plan.taskUpdated', entityType: 'client', entityId: client.id, details: { taskId: task.id } }, (tx) => {
      const changed = updateTaskRow(tx, task, input, { userId: ctx.user.id, now });
      if (!changed.length) throw apiError('REFUSED', 'Nothing to change.', 'errors.nothingChanged');
    });
    return taskById(ctx.db, task.id);
  },

  'plan.setTaskStatus': (input, ctx) => {
    const { client } = ctx;
    const task = taskOf(ctx.db, client.id, input.taskId);
    if (task.status === input.status) return taskById(ctx.db, task.id);
    const { now } = ctx;
    changePlan(ctx, client.id, 'plan.taskStatusChanged', { taskId: task.id, from: task.status, to: input.status }, (tx) =>
      setTaskStatusRow(tx, task, input.status, { userId: ctx.user.id, now }),
    );
    return taskById(ctx.db, task.id);
  },

  'plan.reorderTasks': (input, ctx) => {
    const { client } = ctx;
    const goal = goalOf(ctx.db, client.id, input.goalId);
    changePlan(ctx, client.id, 'plan.tasksReordered', { goalId: goal.id, count: input.taskIds.length }, (tx) => reorderTaskRows(tx, goal.id, input.taskIds));
    return goalById(ctx.db, goal.id).tasks;
  },

  'plan.removeTask': (input, ctx) => {
    const { client } = ctx;
    const task = taskOf(ctx.db, client.id, input.taskId);
    changePlan(ctx, client.id, 'plan.taskRemoved', { taskId: task.id, goalId: task.goalId }, (tx) => tx.delete(planTasks).where(eq(planTasks.id, task.id)).run());
    return {};
  },

  'plan.setChecklistItem': (input, ctx) => {
    const { client } = ctx;
    const { now } = ctx;
    const from = storedChecklistItem(ctx.db, client.id, input.itemKey)?.status ?? 'open';
    changePlan(ctx, client.id, 'plan.checklistItemChanged', { itemKey: input.itemKey, from, to: input.status }, (tx) =>
      markChecklistItem(tx, client.id, input.itemKey, { status: input.status, note: input.note, notApplicableReason: input.notApplicableReason, userId: ctx.user.id, now }),
    );
    return checklistItemOf(ctx.db, client.id, input.itemKey, client.earliestRelease);
  },

  'plan.listServices': (_input, ctx) => {
    const { client } = ctx;
    ctx.audit({ action: 'plan.services.read', entityType: 'client', entityId: client.id });
    return listServices(ctx.db, client.id);
  },

  'plan.addService': (input, ctx) => {
    const { client } = ctx;
    const { now, today } = ctx;
    if (input.deliveredOn > today) throw apiError('REFUSED', 'The services log records what was delivered: the date cannot be in the future.', 'errors.serviceInFuture');
    const id = randomUUID();
    changePlan(ctx, client.id, 'plan.serviceAdded', { serviceId: id, kind: input.kind }, (tx) => insertService(tx, client.id, input, { userId: ctx.user.id, now }, id));
    return serviceById(ctx.db, id);
  },

  'plan.removeService': (input, ctx) => {
    const { client } = ctx;
    const entry = serviceOf(ctx.db, client.id, input.serviceId);
    changePlan(ctx, client.id, 'plan.serviceRemoved', { serviceId: entry.id, kind: entry.kind }, (tx) => tx.delete(servicesLog).where(eq(servicesLog.id, entry.id)).run());
    return {};
  },

  'releases.upcoming': (input, ctx) => {
    const rows = upcomingReleases(ctx.db, ctx.user, ctx.today, input.days);
    ctx.audit({ action: 'releases.viewed', details: { days: input.days, rows: rows.length } });
    return rows;
  },

  'tasks.mine': (input, ctx) => {
    const items = myDueItems(ctx.db, ctx.user.id, ctx.today, input.days);
    ctx.audit({ action: 'tasks.viewed', details: { days: input.days, items: items.length } });
    return items;
  },
};
