import { i18next } from '../app/i18n';

/** English dates day-first (26/11/2026): the users live in Czechia, where 11/12 means the 11th of December. */
const dateLocale = (language: string) => (language === 'en' ? 'en-GB' : language);

// One formatter per language: building an Intl formatter costs about a millisecond, and a caseload page
// formats a hundred dates on every render (the UI benchmark found it the largest item of a sort click).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A calendar date (`YYYY-MM-DD`) or a timestamp, shown in the UI language (e.g. "12. 5. 2026"). */
export function formatDate(value: string | null | undefined, language: string): string | null {
  if (!value) return null;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = value.length > 10 ? new Date(value) : new Date(y ?? 0, (m ?? 1) - 1, d ?? 1);
  let format = dateFormats.get(language);
  if (!format) dateFormats.set(language, (format = new Intl.DateTimeFormat(dateLocale(language), { day: 'numeric', month: 'numeric', year: 'numeric' })));
  return format.format(date);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A timestamp with its time of day, day-first in both languages (e.g. "2. 12. 2026 16:05"); one formatter per language. */
export function formatDateTime(value: string, language: string): string {
  let format = dateTimeFormats.get(language);
  if (!format) dateTimeFormats.set(language, (format = new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(new Date(value));
}

export function formatNumber(n: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(n);
}

/** "in 14 days", "today", "3 days ago" (clients namespace). */
export function daysText(days: number | null): string | null {
  if (days === null) return null;
  if (days === 0) return i18next.t('clients:days.today');
  return days > 0 ? i18next.t('clients:days.in', { count: days }) : i18next.t('clients:days.ago', { count: -days });
}

/** Whole days from today to a `YYYY-MM-DD` date (negative when past), counted in the local calendar. */
export function daysUntil(date: string | null, today = new Date()): number | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number);
  const target = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  const base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - base) / 86_400_000);
}
