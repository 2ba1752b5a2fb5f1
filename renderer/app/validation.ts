import { z } from 'zod';
import { cs, en } from 'zod/v4/locales';
import { hasText, tData } from './i18n';
import type { Language } from '../../shared/i18n';
import type { common } from '../../shared/i18n/locales/common';
import { USERNAME_PATTERN } from '../../shared/schemas/user';
import { CLIENT_CODE_PATTERN } from '../../shared/schemas/client';

type ValidationKey = keyof (typeof common)['cs']['validation'];

/**
 * Field messages from the shared zod schemas, in plain words and in the UI language. The common cases get
 * our own sentences; anything else falls back to zod's translated message.
 */
export function setValidationLanguage(lang: Language): void {
  z.config(lang === 'cs' ? cs() : en());
  z.config({
    customError: (issue) => {
      const t = (key: ValidationKey, opts?: Record<string, unknown>) => tData(`common:validation.${key}`, opts);
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('required') : t('minChars', { count: Number(issue.minimum) });
      }
      if (issue.code === 'too_big' && issue.origin === 'string') return t('maxChars', { count: Number(issue.maximum) });
      if (issue.code === 'too_small' && issue.origin === 'number') return t('minNumber', { min: Number(issue.minimum) });
      if (issue.code === 'too_big' && issue.origin === 'number') return t('maxNumber', { max: Number(issue.maximum) });
      if (issue.code === 'invalid_format' && 'pattern' in issue && String(issue.pattern) === String(USERNAME_PATTERN)) return t('username');
      if (issue.code === 'invalid_format' && issue.input === '') return t('required');
      if (issue.code === 'invalid_format' && 'pattern' in issue && String(issue.pattern) === String(CLIENT_CODE_PATTERN)) return t('clientCode');
      if (issue.code === 'invalid_format' && 'format' in issue && issue.format === 'date') return t('date');
      if (issue.code === 'invalid_format' && 'format' in issue && issue.format === 'datetime') return t('dateTime');
      if (issue.code === 'invalid_format' && 'format' in issue && issue.format === 'email') return t('email');
      // A local date-time checked by pattern first (appointments): the same sentence as any date-time.
      if (issue.code === 'invalid_format' && 'pattern' in issue && String(issue.pattern).includes('T\\d{2}:\\d{2}')) return t('dateTime');
      if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) return t('required');
      if (issue.code === 'invalid_value' && (issue.input === null || issue.input === undefined || issue.input === '')) return t('required');
      if (issue.code === 'custom') return ruleText(issue);
      return undefined;
    },
  });
}

/** A cross-field rule (see `ruleIssue` in shared/schemas/client.ts) in the UI language, if it names its key. */
function ruleText(issue: { code: string; params?: Record<string, unknown> }): string | undefined {
  const key = issue.code === 'custom' ? issue.params?.i18n : undefined;
  if (typeof key !== 'string') return undefined;
  const full = (key.includes(':') ? key : `common:validation.${key}`) as `common:${string}`; // areas may name a key in their own namespace
  return hasText(full) ? tData(full) : undefined;
}

/**
 * The schema for a form: the same checks, with rule messages translated. Zod keeps a message set by a
 * refinement (the English one the API returns) over the configured error map, so the form re-words those here.
 */
export function localized<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>, z.input<S>> {
  return z.any().superRefine((value, ctx) => {
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: ruleText(issue as Parameters<typeof ruleText>[0]) ?? issue.message, input: value });
    }
  }) as unknown as z.ZodType<z.output<S>, z.input<S>>;
}
