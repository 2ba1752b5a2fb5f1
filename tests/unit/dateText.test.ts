import { describe, expect, it } from 'vitest';
import { formatTypedDate, parseTypedDate, parseTypedTime } from '../../shared/i18n/dateText';

describe('dates typed the Czech way', () => {
  it('reads day-first dates in every way people type them, and ISO', () => {
    for (const typed of ['5.3.2026', '5. 3. 2026', '05.03.2026', ' 5 . 3 . 2026 ', '5/3/2026', '5. 3. 2026.', '2026-03-05']) {
      expect(parseTypedDate(typed), typed).toBe('2026-03-05');
    }
  });

  it('refuses what is not one real calendar date instead of rolling it over', () => {
    for (const typed of ['31.2.2026', '29.2.2025', '0.3.2026', '5.13.2026', '5.3.26', '3/5', 'zítra', '', '5.3.2026 10:00']) {
      expect(parseTypedDate(typed), typed).toBeNull();
    }
    expect(parseTypedDate('29.2.2024')).toBe('2024-02-29');
  });

  it('shows a date day-first in both languages, and reads it back', () => {
    expect(formatTypedDate('2026-03-05', 'cs')).toBe('5. 3. 2026');
    expect(formatTypedDate('2026-03-05', 'en')).toBe('05/03/2026');
    expect(parseTypedDate(formatTypedDate('2026-12-24', 'cs'))).toBe('2026-12-24');
    expect(parseTypedDate(formatTypedDate('2026-12-24', 'en'))).toBe('2026-12-24');
  });

  it('reads a 24-hour time', () => {
    expect(parseTypedTime('9.30')).toBe('09:30');
    expect(parseTypedTime('14:05')).toBe('14:05');
    expect(parseTypedTime('24:00')).toBeNull();
    expect(parseTypedTime('9')).toBeNull();
  });
});
