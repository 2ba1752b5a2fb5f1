import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. UTC throughout, so a daylight-saving change never turns
 * "14 days before release" into 13.
 */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Month steps clamp to the month's end: 31 January + 1 month = 28/29 February. */
export function addMonths(date: string, months: number): string {
  return dayjs.utc(date).add(months, 'month').format('YYYY-MM-DD');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** The workstation's local calendar date at `now` (ms): what "today" means to the worker at the desk. */
export function localDate(now: number): string {
  return dayjs(now).format('YYYY-MM-DD');
}
