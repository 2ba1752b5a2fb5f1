import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './core';

/** Prisons and regions of return: the reference lists the client forms pick from. */
export const referenceItems = sqliteTable(
  'reference_items',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['prison', 'region'] }).notNull(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('reference_kind_idx').on(t.kind, t.name)],
);

/**
 * One row per client (W3). Columns the caseload sorts or filters on are indexed; `last_contact_at` and the
 * checklist counts are kept here (updated with the contact log and checklist) so a caseload page is one
 * indexed query instead of aggregates over 500,000 notes.
 */
export const clients = sqliteTable(
  'clients',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Lower-case, diacritics removed: sorting and duplicate checks that treat "Šťastný" like "Stastny". */
    sortName: text('sort_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] }).notNull(),
    nationality: text('nationality').notNull().default(''),
    preferredLanguage: text('preferred_language', { enum: ['cs', 'en'] }).notNull().default('cs'),
    prisonId: text('prison_id').references(() => referenceItems.id),
    sentenceStart: text('sentence_start'),
    earliestRelease: text('earliest_release'),
    latestRelease: text('latest_release'),
    actualRelease: text('actual_release'),
    regionId: text('region_id').references(() => referenceItems.id),
    municipality: text('municipality').notNull().default(''),
    assignedWorkerId: text('assigned_worker_id').notNull().references(() => users.id),
    status: text('status', { enum: ['intake', 'active', 'released', 'followUp', 'closed'] }).notNull(),
    notes: text('notes').notNull().default(''),
    custody: text('custody', { enum: ['held', 'handedOver'] }).notNull().default('held'),
    handedOverTo: text('handed_over_to'),
    handedOverAt: text('handed_over_at'),
    receiptReceivedAt: text('receipt_received_at'),
    lastContactAt: text('last_contact_at'),
    /** Maintained by the release-plan checklist (electron/node/plan). */
    checklistDone: integer('checklist_done').notNull().default(0),
    checklistTotal: integer('checklist_total').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    revision: integer('revision').notNull().default(1),
  },
  // The caseload's sort orders (see clients/caseloadQuery.ts), alone and within one worker's caseload.
  (t) => [
    index('clients_release_idx').on(sql`(${t.earliestRelease} IS NULL)`, t.earliestRelease, t.sortName),
    index('clients_worker_release_idx').on(t.assignedWorkerId, sql`(${t.earliestRelease} IS NULL)`, t.earliestRelease, t.sortName),
    index('clients_sort_name_idx').on(t.sortName),
    index('clients_worker_name_idx').on(t.assignedWorkerId, t.sortName),
    index('clients_status_idx').on(t.status, t.sortName),
    index('clients_last_contact_idx').on(sql`(${t.lastContactAt} IS NULL)`, t.lastContactAt, t.sortName),
    index('clients_prison_idx').on(t.prisonId, sql`(${t.earliestRelease} IS NULL)`, t.earliestRelease, t.sortName),
    index('clients_region_idx').on(t.regionId, sql`(${t.earliestRelease} IS NULL)`, t.earliestRelease, t.sortName),
    index('clients_birth_idx').on(t.dateOfBirth),
  ],
);

/**
 * A client's care team (SPEC §1 roles): colleagues beside the responsible worker (`clients.assigned_worker_id`)
 * who may reach the case, caseworkers and clinicians. Local to this installation: it never travels in a handover.
 */
export const careTeamMembers = sqliteTable(
  'care_team_members',
  {
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull().references(() => users.id),
  },
  // The user's index answers "which clients is this user on the team of" for every list's reach condition.
  (t) => [primaryKey({ columns: [t.clientId, t.userId] }), index('care_team_user_idx').on(t.userId, t.clientId)],
);

/** The contact log (W6): every contact with or about a client. Full-text indexed (see store/searchIndex.ts). */
export const contactNotes = sqliteTable(
  'contact_notes',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    channel: text('channel', { enum: ['prisonVisit', 'phone', 'video', 'letter', 'viaFamily', 'viaLawyer', 'outreach', 'office'] }).notNull(),
    phase: text('phase', { enum: ['custody', 'afterRelease'] }).notNull(),
    participants: text('participants').notNull().default(''),
    notes: text('notes').notNull().default(''),
    authorId: text('author_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('contact_notes_client_idx').on(t.clientId, t.at)],
);
