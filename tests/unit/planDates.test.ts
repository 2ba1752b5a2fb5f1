import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, localDate } from '../../shared/plan/dates';

// The date steps are cached and localDate reads the Date's fields directly: both must say what dayjs says.
describe('calendar dates', () => {
  it('localDate is the local calendar day dayjs gives, across a year of hours (daylight-saving changes included)', () => {
    const start = Date.UTC(2025, 0, 1, 0, 17);
    for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000 + 61_000) expect(localDate(t)).toBe(dayjs(t).format('YYYY-MM-DD'));
    expect(localDate(Date.parse('not a date'))).toBe(dayjs(Number.NaN).format('YYYY-MM-DD'));
  });

  it('steps give the same answer the first and the second time, and across month and year ends', () => {
    for (let i = 0; i < 2; i++) {
      expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
      expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
      expect(addDays('2024-03-01', -1 - i)).toBe(i ? '2024-02-28' : '2024-02-29');
      expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
      expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    }
  });
});
