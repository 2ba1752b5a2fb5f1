import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** Staff accounts. Rows are never deleted: a removed user keeps their id for the audit trail. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'caseworker', 'clinician', 'evaluator'] }).notNull(),
  createdAt: text('created_at').notNull(),
  removedAt: text('removed_at'),
});

/** Installation-wide settings as key/JSON value pairs. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Append-only, hash-chained; triggers (see store/open.ts) refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    details: text('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_action_idx').on(t.action), index('audit_entity_idx').on(t.entityId)],
);

/** The chain's head, updated with every append, so that deleting the newest entries is detected too. */
export const auditHead = sqliteTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});

/** Autosaved form input, one row per user and form: survives lock, crash and closing the window. */
export const drafts = sqliteTable('drafts', {
  userId: text('user_id').notNull().references(() => users.id),
  formKey: text('form_key').notNull(),
  data: text('data').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.formKey] })]);
