import { z } from 'zod';
import { ASSESSMENT_SECTIONS, type AssessmentContent, type FieldDef, type FieldValue, type SectionDef } from '../schemas/assessment';

const fieldValueSchema = z.union([z.string(), z.number()]).nullable();

/** One field of two assessments side by side. */
export const fieldComparisonSchema = z.object({
  fieldId: z.string(),
  before: fieldValueSchema,
  after: fieldValueSchema,
  changed: z.boolean(),
});
export type FieldComparison = z.infer<typeof fieldComparisonSchema>;

/** One repeated row (a substance) matched across the two assessments by its key field; key null = names none. */
export const rowComparisonSchema = z.object({
  key: z.string().nullable(),
  status: z.enum(['added', 'removed', 'both']),
  fields: z.array(fieldComparisonSchema),
  changed: z.boolean(),
});
export type RowComparison = z.infer<typeof rowComparisonSchema>;

export const sectionComparisonSchema = z.object({
  sectionId: z.string(),
  fields: z.array(fieldComparisonSchema),
  rows: z.array(rowComparisonSchema),
  /** Changed fields, counting every answered field of an added or removed row. */
  changedCount: z.number().int(),
});
export type SectionComparison = z.infer<typeof sectionComparisonSchema>;

export const assessmentComparisonSchema = z.object({ sections: z.array(sectionComparisonSchema), changedCount: z.number().int() });
export type AssessmentComparison = z.infer<typeof assessmentComparisonSchema>;

/** Empty text and "not answered" are the same thing; text compares without surrounding spaces. */
function normalise(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return typeof value === 'number' ? value : null;
}

function compareField(fieldId: string, before: unknown, after: unknown): FieldComparison {
  const b = normalise(before);
  const a = normalise(after);
  return { fieldId, before: b, after: a, changed: b !== a };
}

type Row = Record<string, unknown>;

/** Pairs rows by key; a key used twice pairs in order of appearance. */
function pairRows(before: Row[], after: Row[], keyField: string): { key: string | null; before: Row | null; after: Row | null }[] {
  const pairs: { key: string | null; before: Row | null; after: Row | null }[] = [];
  const unmatchedAfter = [...after];
  for (const row of before) {
    const key = normalise(row[keyField]);
    const at = key === null ? -1 : unmatchedAfter.findIndex((r) => normalise(r[keyField]) === key);
    const match = at >= 0 ? unmatchedAfter.splice(at, 1)[0]! : null;
    pairs.push({ key: key === null ? null : String(key), before: row, after: match });
  }
  for (const row of unmatchedAfter) {
    const key = normalise(row[keyField]);
    pairs.push({ key: key === null ? null : String(key), before: null, after: row });
  }
  return pairs;
}

function compareRows(section: SectionDef, before: unknown, after: unknown): RowComparison[] {
  if (!section.rows) return [];
  const { fields, keyField } = section.rows;
  const asRows = (v: unknown) => (Array.isArray(v) ? (v as Row[]) : []);
  return pairRows(asRows(before), asRows(after), keyField).map(({ key, before: b, after: a }) => {
    const compared = fields.map((f: FieldDef) => compareField(f.id, b?.[f.id], a?.[f.id]));
    const status = !b ? 'added' : !a ? 'removed' : 'both';
    return { key, status, fields: compared, changed: status !== 'both' || compared.some((c) => c.changed) };
  });
}

/**
 * What changed between two assessments of the same client (`before` is usually the older one): every
 * field side by side with a changed flag, substances matched by name rather than by position.
 */
export function compareAssessments(before: AssessmentContent, after: AssessmentContent): AssessmentComparison {
  const sections = ASSESSMENT_SECTIONS.map((section): SectionComparison => {
    const b = before[section.id] ?? {};
    const a = after[section.id] ?? {};
    const ids = [...section.fields.map((f) => f.id), ...(section.domain ? ['need'] : []), 'notes'];
    const fields = ids.map((id) => compareField(id, b[id], a[id]));
    const rows = compareRows(section, b.rows, a.rows);
    const changedCount =
      fields.filter((f) => f.changed).length +
      rows.reduce((n, r) => n + (r.status === 'both' ? r.fields.filter((f) => f.changed).length : r.fields.filter((f) => f.before !== null || f.after !== null).length), 0);
    return { sectionId: section.id, fields, rows, changedCount };
  });
  return { sections, changedCount: sections.reduce((n, s) => n + s.changedCount, 0) };
}
