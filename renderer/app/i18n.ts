import i18next, { type Resource } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, resourcesFor, type Language } from '../../shared/i18n';
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

/** An error as the user should read it: the translated message for its key, else the server's sentence. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation('common');
  return (e) => {
    if (e instanceof ApiError && e.messageKey && i18next.exists(`common:${e.messageKey}`)) {
      return t(e.messageKey, e.params ?? {});
    }
    // Handover, identity and consent refusals (`errors.handover.*`) live with the handover texts.
    if (e instanceof ApiError && e.messageKey?.startsWith('errors.handover.') && i18next.exists(`handover:${e.messageKey}`)) {
      return i18next.t(`handover:${e.messageKey}`, e.params ?? {});
    }
    return e instanceof Error ? e.message : String(e);
  };
}

export { i18next };
