import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * The authoritative copy of the key-slot file (one row, id 1): slots, installation names and the generation.
 * The file beside the database is what unlocking needs; after every unlock it is compared with this copy and
 * repaired from it, so a damaged, stale or rolled-back file (or a removed user's revived slot) never wins.
 */
export const keySlotCopy = sqliteTable('key_slot_copy', {
  id: integer('id').primaryKey(),
  generation: integer('generation').notNull(),
  content: text('content').notNull(),
  updatedAt: text('updated_at').notNull(),
});
