import i18next, { type ParseKeys, type Resource } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, locales, resourcesFor, type Language, type Namespace } from '../../shared/i18n';
import { ApiError } from '../../shared/api';

const LANGUAGE_KEY = 'throughcare.language';

export function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : DEFAULT_LANGUAGE;
}

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, resourcesFor(l)])) as Resource,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(lang: Language): void {
  localStorage.setItem(LANGUAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

/**
 * An error as the user should read it: the translation of its key, else the server's sentence. Each area keeps
 * its error texts in its own namespace (`plan:errors.…`, `handover:errors.handover.…`): the caller's area is
 * looked in first, then `common`, then every other area, so an error shows translated on whichever screen it
 * reaches.
 */
export function useErrorText(area?: Namespace): (e: unknown) => string {
  useTranslation('common'); // re-render on a language change
  return (e) => {
    if (e instanceof ApiError && e.messageKey) {
      const order = [area, 'common', ...Object.keys(locales)].filter((ns): ns is string => Boolean(ns));
      const ns = order.find((n) => i18next.exists(`${n}:${e.messageKey}`)) as Namespace | undefined;
      if (ns) return tData(`${ns}:${e.messageKey}`, e.params ?? {});
    }
    return e instanceof Error ? e.message : String(e);
  };
}

/**
 * A text whose key is built from data at run time (assessment section and field ids, enum values read from the
 * server): the compiler cannot check such a key, so every other `t()` call is typed (renderer/app/i18next.d.ts)
 * and tests/unit/i18nDataKeys.test.ts checks that every key the data can produce exists in both languages.
 */
export function tData(key: `${Namespace}:${string}`, options?: Record<string, unknown>): string {
  return (i18next as unknown as { t(key: string, options?: Record<string, unknown>): string }).t(key, options);
}

/** Any text key with its namespace ('clients:tabs.overview'), checked by the compiler like a `t()` argument. */
export type TextKey = ParseKeys<Namespace[]> & `${Namespace}:${string}`;

/** Whether a data-built key has a text (for values that may be newer than this build, e.g. audit actions). */
export const hasText = (key: `${Namespace}:${string}`): boolean => i18next.exists(key);

export { i18next };
