import { describe, expect, it } from 'vitest';
import { followUpSchedule, followUpState } from '../../shared/plan';

describe('follow-up schedule from the actual release date', () => {
  it('day 1, day 3, week 1, week 2, month 1, month 3, month 6', () => {
    expect(followUpSchedule('2025-03-10').map((f) => [f.milestone, f.dueDate])).toEqual([
      ['day1', '2025-03-11'],
      ['day3', '2025-03-13'],
      ['week1', '2025-03-17'],
      ['week2', '2025-03-24'],
      ['month1', '2025-04-10'],
      ['month3', '2025-06-10'],
      ['month6', '2025-09-10'],
    ]);
  });

  it('months clamp to the month end and cross the year end', () => {
    const s = followUpSchedule('2025-08-31');
    expect(s.find((f) => f.milestone === 'month1')?.dueDate).toBe('2025-09-30');
    expect(s.find((f) => f.milestone === 'month6')?.dueDate).toBe('2026-02-28');
    expect(s.find((f) => f.milestone === 'day1')?.dueDate).toBe('2025-09-01');
  });

  it('a follow-up is upcoming, then due through its grace days, then missed unless recorded', () => {
    const day1 = followUpSchedule('2025-03-10')[0]!;
    expect(day1.missedAfter).toBe('2025-03-12');
    expect(followUpState(day1, false, '2025-03-10')).toBe('upcoming');
    expect(followUpState(day1, false, '2025-03-11')).toBe('due');
    expect(followUpState(day1, false, '2025-03-12')).toBe('due');
    expect(followUpState(day1, false, '2025-03-13')).toBe('missed');
    expect(followUpState(day1, true, '2025-03-13')).toBe('recorded');
  });

  it('a later actual release date moves the whole schedule', () => {
    const a = followUpSchedule('2025-03-10');
    const b = followUpSchedule('2025-03-17');
    expect(b[0]?.dueDate).toBe('2025-03-18');
    expect(b[3]?.dueDate).toBe('2025-03-31');
    expect(a[3]?.dueDate).not.toBe(b[3]?.dueDate);
  });
});
