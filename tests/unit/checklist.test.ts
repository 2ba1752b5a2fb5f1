import { describe, expect, it } from 'vitest';
import { buildChecklist, checklistCounts, checklistDueDate, checklistItemState, planProgress } from '../../shared/plan';
import { CHECKLIST_ITEMS } from '../../shared/schemas/plan';

describe('checklist due dates follow the earliest release date', () => {
  it('each item is due its offset before the release date', () => {
    const list = buildChecklist('2025-06-30', []);
    expect(list.map((i) => i.key)).toEqual(CHECKLIST_ITEMS.map((i) => i.key));
    const due = Object.fromEntries(list.map((i) => [i.key, i.dueDate]));
    expect(due.identityDocument).toBe('2025-05-31'); // T-30
    expect(due.firstNightHousing).toBe('2025-06-16'); // T-14
    expect(due.overdosePrevention).toBe('2025-06-23'); // T-7
    expect(due.receiptReceived).toBe('2025-06-29'); // T-1
  });

  it('moving the release date moves every due date by the same amount', () => {
    const before = buildChecklist('2025-06-30', []);
    const after = buildChecklist('2025-07-14', []);
    for (const [i, item] of before.entries()) {
      const moved = after[i]!;
      expect(moved.key).toBe(item.key);
      expect(Date.parse(moved.dueDate!) - Date.parse(item.dueDate!)).toBe(14 * 86_400_000);
    }
  });

  it('crosses month and year ends and daylight-saving changes without losing a day', () => {
    expect(checklistDueDate('identityDocument', '2026-01-15')).toBe('2025-12-16');
    expect(checklistDueDate('firstNightHousing', '2025-04-06')).toBe('2025-03-23'); // CET→CEST on 30 March in between
    expect(checklistDueDate('caseManagerContact', '2024-03-05')).toBe('2024-02-27'); // leap year
  });

  it('without an earliest release date there are no due dates, but the items are there', () => {
    const list = buildChecklist(null, []);
    expect(list).toHaveLength(CHECKLIST_ITEMS.length);
    expect(list.every((i) => i.dueDate === null && i.status === 'open')).toBe(true);
  });

  it('stored states are merged in; not-applicable items leave the completeness total', () => {
    const list = buildChecklist('2025-06-30', [
      { key: 'oatBridging', status: 'notApplicable', note: null, notApplicableReason: 'not on OAT', updatedAt: 'x', updatedByName: 'Jana' },
      { key: 'identityDocument', status: 'done', note: null, notApplicableReason: null, updatedAt: 'x', updatedByName: 'Jana' },
    ]);
    expect(list.find((i) => i.key === 'oatBridging')?.notApplicableReason).toBe('not on OAT');
    expect(checklistCounts(list)).toEqual({ done: 1, total: CHECKLIST_ITEMS.length - 1 });
    expect(planProgress(checklistCounts(list), { done: 1, total: 2 })).toMatchObject({ percent: Math.floor((200 / (CHECKLIST_ITEMS.length + 1))) });
    expect(planProgress({ done: 0, total: 0 }, { done: 0, total: 0 }).percent).toBe(0);
  });

  it('an item reads overdue the day after its due date, due soon within a week, else open', () => {
    const item = { status: 'open' as const, dueDate: '2025-06-16' };
    expect(checklistItemState(item, '2025-06-17')).toBe('overdue');
    expect(checklistItemState(item, '2025-06-16')).toBe('dueSoon');
    expect(checklistItemState(item, '2025-06-09')).toBe('dueSoon');
    expect(checklistItemState(item, '2025-06-08')).toBe('open');
    expect(checklistItemState({ ...item, status: 'done' }, '2025-07-01')).toBe('done');
    expect(checklistItemState({ ...item, status: 'notApplicable' }, '2025-07-01')).toBe('notApplicable');
  });
});
