import { z } from 'zod';
import { defineCall } from '../contract';
import {
  checkChecklistUpdate,
  checkServiceFields,
  checkTaskFields,
  checklistItemSchema,
  checklistUpdateFieldsObject,
  goalFieldsSchema,
  goalStatusSchema,
  planDomainSchema,
  planGoalSchema,
  planIdSchema,
  planTaskSchema,
  releaseAlertSchema,
  releasePlanSchema,
  serviceEntrySchema,
  serviceFieldsObject,
  taskFieldsObject,
  taskStatusSchema,
} from '../../schemas/plan';
import { followUpMilestoneSchema, followUpStateSchema } from '../../schemas/followUp';

/** Staff who work with clients; evaluators see de-identified reports only (SPEC W1). */
const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const clientRef = z.object({ clientId: planIdSchema });
const idList = z.array(planIdSchema).min(1).max(500);

/** The audit trail of one client's plan, for "who changed what". Field names and codes only. */
export const planHistoryEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type PlanHistoryEntry = z.infer<typeof planHistoryEntrySchema>;

export const upcomingReleaseSchema = z.object({
  clientId: z.string(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  prisonName: z.string().nullable(),
  assignedWorkerName: z.string().nullable(),
  earliestRelease: z.string(),
  alert: releaseAlertSchema,
  checklistDone: z.number().int(),
  checklistTotal: z.number().int(),
});
export type UpcomingRelease = z.infer<typeof upcomingReleaseSchema>;

const dueClient = { clientId: z.string(), clientCode: z.string(), clientName: z.string() };
/** One line of "My tasks": a plan task, a checklist item or a follow-up, with its client. */
export const dueItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('task'), ...dueClient, id: z.string(), title: z.string(), domain: planDomainSchema, dueDate: z.string().nullable(), status: taskStatusSchema, overdue: z.boolean() }),
  z.object({ kind: z.literal('checklist'), ...dueClient, id: z.string(), itemKey: z.string(), dueDate: z.string(), overdue: z.boolean() }),
  z.object({ kind: z.literal('followUp'), ...dueClient, id: z.string(), milestone: followUpMilestoneSchema, dueDate: z.string(), state: followUpStateSchema, overdue: z.boolean() }),
]);
export type DueItem = z.infer<typeof dueItemSchema>;

export const RELEASE_HORIZONS = [7, 30, 90] as const;
const horizonSchema = z.union([z.literal(7), z.literal(30), z.literal(90)]);

export const planCalls = {
  /** The whole plan of a client: goals with tasks, the checklist with due dates, the release alert, progress. */
  'plan.get': defineCall({ input: clientRef.strict(), output: releasePlanSchema, access: STAFF, mutates: false, client: { access: 'read', from: 'clientId' } }),
  'plan.history': defineCall({
    input: clientRef.extend({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(planHistoryEntrySchema),
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),

  'plan.addGoal': defineCall({ input: clientRef.extend(goalFieldsSchema.shape).strict(), output: planGoalSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'plan.updateGoal': defineCall({
    input: clientRef
      .extend({ goalId: planIdSchema, domain: planDomainSchema.optional(), title: goalFieldsSchema.shape.title.optional(), status: goalStatusSchema.optional() })
      .strict(),
    output: planGoalSchema,
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'clientId' },
  }),
  'plan.removeGoal': defineCall({ input: clientRef.extend({ goalId: planIdSchema }).strict(), output: z.object({}), access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  /** The goals of one domain in their new order: every goal of the domain exactly once. */
  'plan.reorderGoals': defineCall({ input: clientRef.extend({ domain: planDomainSchema, goalIds: idList }).strict(), output: z.array(planGoalSchema), access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),

  'plan.addTask': defineCall({
    input: clientRef.extend({ goalId: planIdSchema, ...taskFieldsObject.shape }).strict().superRefine(checkTaskFields),
    output: planTaskSchema,
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'clientId' },
  }),
  'plan.updateTask': defineCall({
    input: clientRef.extend({ taskId: planIdSchema, ...taskFieldsObject.shape }).strict().superRefine(checkTaskFields),
    output: planTaskSchema,
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'clientId' },
  }),
  /** Complete, start or reopen a task. */
  'plan.setTaskStatus': defineCall({ input: clientRef.extend({ taskId: planIdSchema, status: taskStatusSchema }).strict(), output: planTaskSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'plan.reorderTasks': defineCall({ input: clientRef.extend({ goalId: planIdSchema, taskIds: idList }).strict(), output: z.array(planTaskSchema), access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'plan.removeTask': defineCall({ input: clientRef.extend({ taskId: planIdSchema }).strict(), output: z.object({}), access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),

  'plan.setChecklistItem': defineCall({ input: clientRef.extend(checklistUpdateFieldsObject.shape).strict().superRefine(checkChecklistUpdate), output: checklistItemSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),

  'plan.listServices': defineCall({ input: clientRef.strict(), output: z.array(serviceEntrySchema), access: STAFF, mutates: false, client: { access: 'read', from: 'clientId' } }),
  'plan.addService': defineCall({ input: clientRef.extend(serviceFieldsObject.shape).strict().superRefine(checkServiceFields), output: serviceEntrySchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'plan.removeService': defineCall({ input: clientRef.extend({ serviceId: planIdSchema }).strict(), output: z.object({}), access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),

  /** Clients in the caseload whose earliest release falls within the next 7 / 30 / 90 days, soonest first. */
  'releases.upcoming': defineCall({ input: z.object({ days: horizonSchema }).strict(), output: z.array(upcomingReleaseSchema), access: STAFF, mutates: false, client: 'none' }),
  /** Everything due for the user's clients within the horizon, overdue first: tasks, checklist items, follow-ups. */
  'tasks.mine': defineCall({ input: z.object({ days: horizonSchema.default(30) }).strict(), output: z.array(dueItemSchema), access: STAFF, mutates: false, client: 'none' }),
};
