import { z } from 'zod';
import { cs, en } from 'zod/v4/locales';
import { i18next } from './i18n';
import type { Language } from '../../shared/i18n';
import { USERNAME_PATTERN } from '../../shared/schemas/user';

/**
 * Field messages from the shared zod schemas, in plain words and in the UI language. The common cases get
 * our own sentences; anything else falls back to zod's translated message.
 */
export function setValidationLanguage(lang: Language): void {
  z.config(lang === 'cs' ? cs() : en());
  z.config({
    customError: (issue) => {
      const t = (key: string, opts?: Record<string, unknown>) => i18next.t(`common:validation.${key}`, opts);
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('required') : t('minChars', { count: Number(issue.minimum) });
      }
      if (issue.code === 'too_big' && issue.origin === 'string') return t('maxChars', { count: Number(issue.maximum) });
      if (issue.code === 'invalid_format' && 'pattern' in issue && String(issue.pattern) === String(USERNAME_PATTERN)) return t('username');
      if (issue.code === 'invalid_type' && issue.input === undefined) return t('required');
      return undefined;
    },
  });
}
