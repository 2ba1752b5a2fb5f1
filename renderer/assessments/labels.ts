import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ASSESSMENT_SECTIONS, type FieldDef, type FieldValue } from '../../shared/schemas/assessment';
import { hasText, tData, useErrorText } from '../app/i18n';
import { formatDate, formatNumber } from '../clients/format';

/** The definition of a field by section and id (row fields included); `need` and `notes` are not declared fields. */
export function findField(sectionId: string, fieldId: string): FieldDef | undefined {
  const section = ASSESSMENT_SECTIONS.find((s) => s.id === sectionId);
  return section?.fields.find((f) => f.id === fieldId) ?? section?.rows?.fields.find((f) => f.id === fieldId);
}

/** Labels of sections, fields and answers, all derived from the section and field ids. */
export function useAssessmentLabels() {
  const { t, i18n } = useTranslation(['assessments', 'common']);
  // Section, field and option ids come from ASSESSMENT_SECTIONS: checked by tests/unit/i18nDataKeys.test.ts.
  const section = (sectionId: string) => tData(`assessments:sections.${sectionId}.title`);
  const field = (sectionId: string, fieldId: string) =>
    fieldId === 'need' ? t('need.label') : fieldId === 'notes' ? t('notes') : tData(`assessments:sections.${sectionId}.fields.${fieldId}`);
  const option = (sectionId: string, fieldId: string, value: string) =>
    hasText(`assessments:sections.${sectionId}.options.${fieldId}.${value}`) ? tData(`assessments:sections.${sectionId}.options.${fieldId}.${value}`) : tData(`assessments:options.${value}`);
  /** A need level 0–3 (the locale's keys are the numbers themselves). */
  const need = (level: number | string) => tData(`assessments:need.${level}`);
  /** A stored value as a reader should see it: the choice's label, a local date, a number with its unit. */
  const value = (sectionId: string, fieldId: string, v: FieldValue | undefined): string => {
    if (v === null || v === undefined || v === '') return t('notAnswered');
    if (fieldId === 'need') return need(String(v));
    const def = findField(sectionId, fieldId);
    if (def?.type === 'choice') return option(sectionId, fieldId, String(v));
    if (def?.type === 'date') return formatDate(String(v), i18n.language) ?? String(v);
    if (def?.type === 'number' && typeof v === 'number') return def.unit ? `${formatNumber(v, i18n.language)} ${def.unit === 'CZK' ? 'Kč' : def.unit}` : formatNumber(v, i18n.language);
    return String(v);
  };
  return { section, field, option, need, value, t, language: i18n.language };
}

/** Errors in the assessments' texts first. */
export const useAssessmentErrorText = (): ((e: unknown) => string) => useErrorText('assessments');

/** A rule issue's message in the UI language: `params.i18n` names the key (assessments, else common validation). */
export function issueText(issue: { code?: string; message: string; params?: Record<string, unknown> }): string {
  const key = issue.code === 'custom' ? issue.params?.i18n : undefined;
  if (typeof key === 'string') {
    for (const ns of ['assessments:validation', 'common:validation'] as const) if (hasText(`${ns}.${key}`)) return tData(`${ns}.${key}`);
  }
  return issue.message;
}

/** The schema for a form: the same checks, with the rule messages in the UI language. */
export function localizedSchema<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>, z.input<S>> {
  return z.any().superRefine((value, ctx) => {
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issueText(issue as Parameters<typeof issueText>[0]), input: value });
  }) as unknown as z.ZodType<z.output<S>, z.input<S>>;
}

/** Form errors (path → message) from a failed parse, in the UI language. */
export function formErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.map(String).join('.')] ??= issueText(issue as Parameters<typeof issueText>[0]);
  return errors;
}

/** Mantine's default error red is too light for small text on white (WCAG AA); our forms use a darker shade. */
export const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as Record<string, string>;

/** Today in local time as `YYYY-MM-DD`, the default date of a new assessment or screening. */
export { todayIso } from '../../shared/schemas/assessment';
