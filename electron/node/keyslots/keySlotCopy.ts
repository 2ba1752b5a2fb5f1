import { eq } from 'drizzle-orm';
import type { Db } from '../store/open';
import { keySlotCopy } from '../store/schema';
import { StoreError } from '../store/errors';
import { keySlotContentSchema, type KeySlotContent } from './keySlots';

/** The authoritative key-slot content inside the encrypted database (see schema/keySlots.ts). */
export function readKeySlotCopy(db: Db): KeySlotContent | null {
  const row = db.select().from(keySlotCopy).where(eq(keySlotCopy.id, 1)).get();
  if (!row) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.content);
  } catch {
    parsed = null;
  }
  const result = keySlotContentSchema.safeParse(parsed);
  if (!result.success || result.data.generation !== row.generation) {
    throw new StoreError('damaged', 'The copy of the key slots inside the database is damaged. Run `doctor` and restore from a backup.');
  }
  return result.data;
}

/** Call inside the transaction of the change (and of its audit entry). */
export function writeKeySlotCopy(db: Db, content: KeySlotContent, at: Date): void {
  const values = { id: 1, generation: content.generation, content: JSON.stringify(content), updatedAt: at.toISOString() };
  db.insert(keySlotCopy).values(values).onConflictDoUpdate({ target: keySlotCopy.id, set: values }).run();
}
