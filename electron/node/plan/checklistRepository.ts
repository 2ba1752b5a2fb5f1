import { and, eq } from 'drizzle-orm';
import { buildChecklist, checklistCounts, type StoredChecklistState } from '../../../shared/plan';
import type { ChecklistItem, ChecklistItemKey, ChecklistStatus } from '../../../shared/schemas/plan';
import type { Db } from '../store/open';
import { checklistItems, clients, users } from '../store/schema';

/** What was stored for a client's checklist, with the name of whoever changed each item. */
export function storedChecklist(db: Db, clientId: string): StoredChecklistState[] {
  return db
    .select({
      key: checklistItems.itemKey,
      status: checklistItems.status,
      note: checklistItems.note,
      notApplicableReason: checklistItems.notApplicableReason,
      updatedAt: checklistItems.updatedAt,
      updatedByName: users.displayName,
    })
    .from(checklistItems)
    .leftJoin(users, eq(users.id, checklistItems.updatedBy))
    .where(eq(checklistItems.clientId, clientId))
    .all();

}

/** The full checklist of a client with due dates from the given earliest release date. */
export function readChecklist(db: Db, clientId: string, earliestRelease: string | null): ChecklistItem[] {
  return buildChecklist(earliestRelease, storedChecklist(db, clientId));
}

/**
 * Keeps `clients.checklist_done` / `checklist_total` (read by the caseload for "plan completeness" and the
 * "release soon, checklist incomplete" flag) in step with the checklist. Not-applicable items leave the total.
 */
export function refreshChecklistCounts(db: Db, clientId: string): { done: number; total: number } {
  const counts = checklistCounts(buildChecklist(null, storedChecklist(db, clientId)));
  db.update(clients).set({ checklistDone: counts.done, checklistTotal: counts.total }).where(eq(clients.id, clientId)).run();
  return counts;
}

export interface ChecklistMark {
  status: ChecklistStatus;
  note?: string | null;
  notApplicableReason?: string | null;
  /** The user making the change; null for changes made by the app itself (e.g. an imported receipt). */
  userId: string | null;
  now: Date;
}

/**
 * Sets one checklist item and updates the caseload counts. Run it inside the caller's transaction
 * (`ctx.change`), which also writes the audit entry. It deliberately does not check that the case is
 * writable: the handover marks "handover file sent" and "receipt received" on a case it has just made
 * read-only. Every other caller checks `assertClientWritable` first.
 */
export function markChecklistItem(db: Db, clientId: string, itemKey: ChecklistItemKey, mark: ChecklistMark): void {
  const values = {
    status: mark.status,
    note: mark.note || null,
    notApplicableReason: mark.status === 'notApplicable' ? mark.notApplicableReason || null : null,
    updatedAt: mark.now.toISOString(),
    updatedBy: mark.userId,
  };
  db.insert(checklistItems)
    .values({ clientId, itemKey, ...values })
    .onConflictDoUpdate({ target: [checklistItems.clientId, checklistItems.itemKey], set: values })
    .run();
  refreshChecklistCounts(db, clientId);
}

export function checklistItemOf(db: Db, clientId: string, itemKey: ChecklistItemKey, earliestRelease: string | null): ChecklistItem {
  return readChecklist(db, clientId, earliestRelease).find((i) => i.key === itemKey)!;
}

/** The stored state of one item, or undefined when it was never touched (open). */
export function storedChecklistItem(db: Db, clientId: string, itemKey: ChecklistItemKey) {
  return db.select().from(checklistItems).where(and(eq(checklistItems.clientId, clientId), eq(checklistItems.itemKey, itemKey))).get();
}
