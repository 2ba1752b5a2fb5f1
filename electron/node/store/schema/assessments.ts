import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { users } from './core';
import { clients } from './clients';

/**
 * Intake, review, exit and follow-up assessments (W3). The content is one JSON document validated by
 * shared/schemas/assessment.ts on every write; a completed assessment is never changed again, so that
 * comparing versions shows what changed in the client's situation, not later corrections.
 */
export const assessments = sqliteTable(
  'assessments',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['intake', 'review', 'exit', 'followUp'] }).notNull(),
    status: text('status', { enum: ['inProgress', 'completed'] }).notNull(),
    assessedOn: text('assessed_on').notNull(),
    content: text('content').notNull(),
    basedOnId: text('based_on_id'),
    authorId: text('author_id').notNull().references(() => users.id),
    completedById: text('completed_by_id').references(() => users.id),
    completedAt: text('completed_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('assessments_client_idx').on(t.clientId, t.assessedOn)],
);

/** Screening results (W4): answers per item, the total and zone as scored when recorded. */
export const screenings = sqliteTable(
  'screenings',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    administeredOn: text('administered_on').notNull(),
    sex: text('sex', { enum: ['male', 'female', 'unknown'] }).notNull(),
    answers: text('answers').notNull(),
    total: integer('total').notNull(),
    zoneId: text('zone_id'),
    notes: text('notes').notNull().default(''),
    authorId: text('author_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('screenings_client_idx').on(t.clientId, t.instrumentId, t.administeredOn)],
);
