import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Results of the date steps below, by input: reports and due lists ask the same few hundred dates thousands of
 * times, and dayjs parsing dominated the dashboard over 10,000 clients. Bounded, so a long-running backend
 * cannot grow it without limit.
 */
const stepCache = new Map<string, string>();
function cachedStep(key: string, compute: () => string): string {
  let value = stepCache.get(key);
  if (value === undefined) {
    if (stepCache.size >= 20_000) stepCache.clear();
    value = compute();
    stepCache.set(key, value);
  }
  return value;
}

/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. UTC throughout, so a daylight-saving change never turns
 * "14 days before release" into 13.
 */
export function addDays(date: string, days: number): string {
  return cachedStep(`${date}|d${days}`, () => dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD'));
}

/** Month steps clamp to the month's end: 31 January + 1 month = 28/29 February. */
export function addMonths(date: string, months: number): string {
  return cachedStep(`${date}|m${months}`, () => dayjs.utc(date).add(months, 'month').format('YYYY-MM-DD'));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The workstation's local calendar date at `now` (ms): what "today" means to the worker at the desk. The
 * Date's own local fields, as dayjs's format reads them, without a dayjs object per call (reports convert
 * tens of thousands of timestamps).
 */
export function localDate(now: number): string {
  const d = new Date(now);
  if (Number.isNaN(d.getTime())) return 'Invalid Date'; // as dayjs said
  const y = d.getFullYear();
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}
