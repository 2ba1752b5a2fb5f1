import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiError } from '../../../../shared/api';
import type { planCalls } from '../../../../shared/api/calls/plan';
import { computeReleaseAlert, checklistCounts, planProgress } from '../../../../shared/plan';
import type { ReleasePlan } from '../../../../shared/schemas/plan';
import type { HandlersFor } from './types';
import type { UserContext } from '../../backend';
import type { Db } from '../../store/open';
import type { Client } from '../../../../shared/schemas/client';
import { clientForChange, clientForRead, clockOf } from '../../plan/access';
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

function readPlan(ctx: UserContext, client: Client): ReleasePlan {
  const { today } = clockOf(ctx);
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
function changePlan<T>(ctx: UserContext, clientId: string, action: string, details: Record<string, string | number | boolean | null>, fn: (tx: Db) => T): T {
  return ctx.change({ action, entityType: 'client', entityId: clientId, details }, fn);
}

export const planHandlers: HandlersFor<typeof planCalls> = {
  'plan.get': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForRead(ctx, input.clientId);
    ctx.audit({ action: 'plan.read', entityType: 'client', entityId: client.id });
    return readPlan(ctx, client);
  },

  'plan.history': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForRead(ctx, input.clientId);
    ctx.audit({ action: 'plan.history.read', entityType: 'client', entityId: client.id });
    return planHistory(ctx.db, client.id, input.limit);
  },

  'plan.addGoal': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const { now } = clockOf(ctx);
    const id = randomUUID();
    changePlan(ctx, client.id, 'plan.goalAdded', { goalId: id, domain: input.domain }, (tx) =>
      insertGoal(tx, client.id, { domain: input.domain, title: input.title }, { userId: ctx.user.id, now }, id),
    );
    return goalById(ctx.db, id);
  },

  'plan.updateGoal': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const goal = goalOf(ctx.db, client.id, input.goalId);
    const { now } = clockOf(ctx);
    ctx.change({ action: 'plan.goalUpdated', entityType: 'client', entityId: client.id, details: { goalId: goal.id } }, (tx) => {
      const changed = updateGoalRow(tx, goal, input, { userId: ctx.user.id, now });
      if (!changed.length) throw apiError('REFUSED', 'Nothing to change.', 'errors.nothingChanged');
    });
    return goalById(ctx.db, goal.id);
  },

  'plan.removeGoal': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const goal = goalOf(ctx.db, client.id, input.goalId);
    const tasks = readGoals(ctx.db, client.id).find((g) => g.id === goal.id)?.tasks.length ?? 0;
    changePlan(ctx, client.id, 'plan.goalRemoved', { goalId: goal.id, tasks }, (tx) => tx.delete(planGoals).where(eq(planGoals.id, goal.id)).run());
    return {};
  },

  'plan.reorderGoals': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    changePlan(ctx, client.id, 'plan.goalsReordered', { domain: input.domain, count: input.goalIds.length }, (tx) =>
      reorderGoalRows(tx, client.id, input.domain, input.goalIds),
    );
    return readGoals(ctx.db, client.id).filter((g) => g.domain === input.domain);
  },

  'plan.addTask': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const goal = goalOf(ctx.db, client.id, input.goalId);
    const { now } = clockOf(ctx);
    const id = randomUUID();
    changePlan(ctx, client.id, 'plan.taskAdded', { taskId: id, goalId: goal.id, responsible: input.responsibleKind, hasDueDate: input.dueDate !== null }, (tx) =>
      insertTask(tx, goal, input, { userId: ctx.user.id, now }, id),
    );
    return taskById(ctx.db, id);
  },

  'plan.updateTask': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const task = taskOf(ctx.db, client.id, input.taskId);
    const { now } = clockOf(ctx);
    ctx.change({ action: 'plan.taskUpdated', entityType: 'client', entityId: client.id, details: { taskId: task.id } }, (tx) => {
      const changed = updateTaskRow(tx, task, input, { userId: ctx.user.id, now });
      if (!changed.length) throw apiError('REFUSED', 'Nothing to change.', 'errors.nothingChanged');
    });
    return taskById(ctx.db, task.id);
  },

  'plan.setTaskStatus': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const task = taskOf(ctx.db, client.id, input.taskId);
    if (task.status === input.status) return taskById(ctx.db, task.id);
    const { now } = clockOf(ctx);
    changePlan(ctx, client.id, 'plan.taskStatusChanged', { taskId: task.id, from: task.status, to: input.status }, (tx) =>
      setTaskStatusRow(tx, task, input.status, { userId: ctx.user.id, now }),
    );
    return taskById(ctx.db, task.id);
  },

  'plan.reorderTasks': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const goal = goalOf(ctx.db, client.id, input.goalId);
    changePlan(ctx, client.id, 'plan.tasksReordered', { goalId: goal.id, count: input.taskIds.length }, (tx) => reorderTaskRows(tx, goal.id, input.taskIds));
    return goalById(ctx.db, goal.id).tasks;
  },

  'plan.removeTask': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const task = taskOf(ctx.db, client.id, input.taskId);
    changePlan(ctx, client.id, 'plan.taskRemoved', { taskId: task.id, goalId: task.goalId }, (tx) => tx.delete(planTasks).where(eq(planTasks.id, task.id)).run());
    return {};
  },

  'plan.setChecklistItem': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const { now } = clockOf(ctx);
    const from = storedChecklistItem(ctx.db, client.id, input.itemKey)?.status ?? 'open';
    changePlan(ctx, client.id, 'plan.checklistItemChanged', { itemKey: input.itemKey, from, to: input.status }, (tx) =>
      markChecklistItem(tx, client.id, input.itemKey, { status: input.status, note: input.note, notApplicableReason: input.notApplicableReason, userId: ctx.user.id, now }),
    );
    return checklistItemOf(ctx.db, client.id, input.itemKey, client.earliestRelease);
  },

  'plan.listServices': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForRead(ctx, input.clientId);
    ctx.audit({ action: 'plan.services.read', entityType: 'client', entityId: client.id });
    return listServices(ctx.db, client.id);
  },

  'plan.addService': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const { now, today } = clockOf(ctx);
    if (input.deliveredOn > today) throw apiError('REFUSED', 'The services log records what was delivered: the date cannot be in the future.', 'errors.serviceInFuture');
    const id = randomUUID();
    changePlan(ctx, client.id, 'plan.serviceAdded', { serviceId: id, kind: input.kind }, (tx) => insertService(tx, client.id, input, { userId: ctx.user.id, now }, id));
    return serviceById(ctx.db, id);
  },

  'plan.removeService': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForChange(ctx, input.clientId);
    const entry = serviceOf(ctx.db, client.id, input.serviceId);
    changePlan(ctx, client.id, 'plan.serviceRemoved', { serviceId: entry.id, kind: entry.kind }, (tx) => tx.delete(servicesLog).where(eq(servicesLog.id, entry.id)).run());
    return {};
  },

  'releases.upcoming': (input, { backend }) => {
    const ctx = backend.userContext();
    const rows = upcomingReleases(ctx.db, ctx.user, clockOf(ctx).today, input.days);
    ctx.audit({ action: 'releases.viewed', details: { days: input.days, rows: rows.length } });
    return rows;
  },

  'tasks.mine': (input, { backend }) => {
    const ctx = backend.userContext();
    const items = myDueItems(ctx.db, ctx.user.id, clockOf(ctx).today, input.days);
    ctx.audit({ action: 'tasks.viewed', details: { days: input.days, items: items.length } });
    return items;
  },
};
