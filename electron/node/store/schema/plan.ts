import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './core';
import { clients } from './clients';
import {
  checklistItemKeySchema,
  INFECTIOUS_DISEASES,
  OAT_MEDICATIONS,
  PLAN_DOMAINS,
  RESPONSIBLE_KINDS,
  SERVICE_KINDS,
  TEST_RESULTS,
} from '../../../../shared/schemas/plan';
import {
  employmentOutcomeSchema,
  followUpMilestoneSchema,
  housingOutcomeSchema,
  overdoseOutcomeSchema,
  rearrestOutcomeSchema,
  substanceUseOutcomeSchema,
  treatmentOutcomeSchema,
} from '../../../../shared/schemas/followUp';

/** The values of a shared zod enum as the tuple drizzle's text enums want. */
const values = <T extends string>(schema: { options: readonly T[] }) => schema.options as unknown as [T, ...T[]];

/** Who last changed a row and when: shown beside each item; the audit log keeps the full history. */
const changed = {
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull().references(() => users.id),
};

/** Goals of the release plan (W5), one list per domain, ordered by `position`. */
export const planGoals = sqliteTable(
  'plan_goals',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    domain: text('domain', { enum: PLAN_DOMAINS }).notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: ['open', 'achieved'] }).notNull().default('open'),
    position: integer('position').notNull(),
    ...changed,
  },
  (t) => [index('plan_goals_client_idx').on(t.clientId, t.domain, t.position)],
);

/** Tasks of a goal; `client_id` repeated so "my tasks" and the caseload need no join through goals. */
export const planTasks = sqliteTable(
  'plan_tasks',
  {
    id: text('id').primaryKey(),
    goalId: text('goal_id').notNull().references(() => planGoals.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueDate: text('due_date'),
    responsibleKind: text('responsible_kind', { enum: RESPONSIBLE_KINDS }).notNull(),
    responsibleName: text('responsible_name'),
    status: text('status', { enum: ['open', 'inProgress', 'done'] }).notNull().default('open'),
    position: integer('position').notNull(),
    completedAt: text('completed_at'),
    ...changed,
  },
  (t) => [index('plan_tasks_goal_idx').on(t.goalId, t.position), index('plan_tasks_client_due_idx').on(t.clientId, t.status, t.dueDate)],
);

/**
 * The state of pre-release checklist items that were touched. Every client has the full checklist from the
 * start (shared/plan/checklist.ts); an item without a row is open. Due dates are never stored: they follow the
 * client's earliest release date.
 */
export const checklistItems = sqliteTable(
  'checklist_items',
  {
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    itemKey: text('item_key', { enum: values(checklistItemKeySchema) }).notNull(),
    status: text('status', { enum: ['open', 'done', 'notApplicable'] }).notNull(),
    note: text('note'),
    notApplicableReason: text('not_applicable_reason'),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.itemKey] })],
);

/** What was actually delivered (W5): overdose prevention, naloxone, OAT, infectious-disease care, programmes. */
export const servicesLog = sqliteTable(
  'services_log',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SERVICE_KINDS }).notNull(),
    deliveredOn: text('delivered_on').notNull(),
    oatMedication: text('oat_medication', { enum: OAT_MEDICATIONS }),
    oatDose: text('oat_dose'),
    prescriber: text('prescriber'),
    disease: text('disease', { enum: INFECTIOUS_DISEASES }),
    testResult: text('test_result', { enum: TEST_RESULTS }),
    programme: text('programme'),
    attended: integer('attended', { mode: 'boolean' }),
    note: text('note'),
    ...changed,
  },
  (t) => [index('services_log_client_idx').on(t.clientId, t.deliveredOn)],
);

/**
 * Recorded follow-up contacts after release (W6), one per client and milestone. The schedule itself follows
 * the actual release date (shared/plan/followUpSchedule.ts); a milestone without a row is upcoming, due or missed.
 */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    milestone: text('milestone', { enum: values(followUpMilestoneSchema) }).notNull(),
    /** The due date when it was recorded, for the evaluation (the schedule may move later). */
    dueDate: text('due_date').notNull(),
    reached: integer('reached', { mode: 'boolean' }).notNull(),
    contactedOn: text('contacted_on').notNull(),
    housing: text('housing', { enum: values(housingOutcomeSchema) }).notNull(),
    employment: text('employment', { enum: values(employmentOutcomeSchema) }).notNull(),
    substanceUse: text('substance_use', { enum: values(substanceUseOutcomeSchema) }).notNull(),
    treatmentAttendance: text('treatment_attendance', { enum: values(treatmentOutcomeSchema) }).notNull(),
    rearrest: text('rearrest', { enum: values(rearrestOutcomeSchema) }).notNull(),
    overdose: text('overdose', { enum: values(overdoseOutcomeSchema) }).notNull(),
    note: text('note'),
    ...changed,
  },
  (t) => [uniqueIndex('follow_ups_client_milestone_idx').on(t.clientId, t.milestone)],
);
