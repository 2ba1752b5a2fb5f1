import { CHECKLIST_ITEMS, type ChecklistItem, type ChecklistItemKey, type ChecklistStatus, type PlanProgress } from '../schemas/plan';
import { addDays, daysBetween } from './dates';

/** What is stored per client and item; items never touched are simply open. */
export interface StoredChecklistState {
  key: ChecklistItemKey;
  status: ChecklistStatus;
  note: string | null;
  notApplicableReason: string | null;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** Due date of one item: its offset from the earliest release date, so it moves whenever that date moves. */
export function checklistDueDate(key: ChecklistItemKey, earliestRelease: string | null): string | null {
  if (!earliestRelease) return null;
  const def = CHECKLIST_ITEMS.find((i) => i.key === key);
  return def ? addDays(earliestRelease, def.offsetDays) : null;
}

/**
 * The full checklist of a client: every defined item in working order, merged with what was stored.
 * The checklist "exists" for every client from the start; rows are only written when an item changes.
 */
export function buildChecklist(earliestRelease: string | null, stored: readonly StoredChecklistState[]): ChecklistItem[] {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  return CHECKLIST_ITEMS.map(({ key }) => {
    const s = byKey.get(key);
    return {
      key,
      status: s?.status ?? 'open',
      dueDate: checklistDueDate(key, earliestRelease),
      note: s?.note ?? null,
      notApplicableReason: s?.notApplicableReason ?? null,
      updatedAt: s?.updatedAt ?? null,
      updatedByName: s?.updatedByName ?? null,
    };
  });
}

export type ChecklistItemState = 'done' | 'notApplicable' | 'overdue' | 'dueSoon' | 'open';
/** Days before its due date from which an open item is shown as "due soon". */
export const DUE_SOON_DAYS = 7;

/** How one item reads today: done, not applicable, overdue (past its due date), due within a week, or open. */
export function checklistItemState(item: Pick<ChecklistItem, 'status' | 'dueDate'>, today: string): ChecklistItemState {
  if (item.status === 'done') return 'done';
  if (item.status === 'notApplicable') return 'notApplicable';
  if (!item.dueDate) return 'open';
  const days = daysBetween(today, item.dueDate);
  if (days < 0) return 'overdue';
  return days <= DUE_SOON_DAYS ? 'dueSoon' : 'open';
}

/** Counts for the caseload's "plan completeness": not-applicable items leave the total. */
export function checklistCounts(items: readonly Pick<ChecklistItem, 'status'>[]): { done: number; total: number } {
  const applicable = items.filter((i) => i.status !== 'notApplicable');
  return { done: applicable.filter((i) => i.status === 'done').length, total: applicable.length };
}

/** Plan completeness: done checklist items and tasks over all applicable ones, 0–100. */
export function planProgress(checklist: { done: number; total: number }, tasks: { done: number; total: number }): PlanProgress {
  const total = checklist.total + tasks.total;
  const done = checklist.done + tasks.done;
  return {
    checklistDone: checklist.done,
    checklistTotal: checklist.total,
    tasksDone: tasks.done,
    tasksTotal: tasks.total,
    percent: total === 0 ? 0 : Math.floor((100 * done) / total),
  };
}
