import dayjs from 'dayjs';
import 'dayjs/locale/cs.js';
import { locales } from '../../../shared/i18n';

export type PrintLanguage = 'cs' | 'en';

/**
 * Texts for printed documents from the same translation files the UI uses (shared/i18n). A key of another
 * area (`assessments:sections.housing.title`) is looked up in that area's file when it is registered; a
 * missing text prints the fallback rather than a raw key.
 */
export function printTexts(lang: PrintLanguage) {
  const lookup = (ns: string, key: string): unknown => {
    const pair = (locales as Record<string, Record<PrintLanguage, unknown>>)[ns];
    return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), pair?.[lang]);
  };
  const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
  /** `t('print.clientPlan.title')` in the directory area, or `t('clients:status.active')` in another. */
  const t = (key: string, params: Record<string, string | number> = {}, fallback?: string): string => {
    const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['directory', key];
    const value = lookup(ns, path);
    return typeof value === 'string' ? fill(value, params) : (fallback ?? path.split('.').pop() ?? key);
  };
  const locale = lang === 'cs' ? 'cs' : 'en';
  return {
    t,
    /** 3. 3. 2025 / 3 Mar 2025 */
    date: (iso: string | null | undefined) => (iso ? dayjs(iso.slice(0, 10)).locale(locale).format(lang === 'cs' ? 'D. M. YYYY' : 'D MMM YYYY') : t('print.none')),
    /** 3. 3. 2025 9:30 / 3 Mar 2025 09:30 */
    dateTime: (local: string | null | undefined) => (local ? dayjs(local).locale(locale).format(lang === 'cs' ? 'D. M. YYYY H:mm' : 'D MMM YYYY HH:mm') : t('print.none')),
    // Czech month names would need the genitive ("23. listopadu"); the numeric form is what Czech forms use anyway.
    longDate: (d: Date) => dayjs(d).locale(locale).format(lang === 'cs' ? 'D. M. YYYY' : 'D MMMM YYYY'),
  };
}
