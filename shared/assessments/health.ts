import type { AssessmentContent, FieldValue, SectionValues } from '../schemas/assessment';
import { ASSESSMENT_SECTIONS } from '../schemas/assessment';

/**
 * The health parts of an assessment (SPEC W1, issue 10): readable only by the responsible worker and the
 * clinicians on the care team. Whole sections (OAT and treatment, physical and mental health, infectious-disease
 * tests) and, in the substance-use rows, the overdose history. The rest of substance use stays with the
 * caseworkers on the team: it is what their case management works on.
 */
export const HEALTH_SECTIONS: readonly string[] = ['treatment', 'physicalHealth', 'mentalHealth', 'infectiousDiseases'];
export const HEALTH_ROW_FIELDS: Readonly<Record<string, readonly string[]>> = { substanceUse: ['overdoses', 'lastOverdose'] };

function emptySection(id: string): SectionValues {
  const def = ASSESSMENT_SECTIONS.find((s) => s.id === id)!;
  const values: SectionValues = Object.fromEntries(def.fields.map((f) => [f.id, f.type === 'text' ? '' : null]));
  if (def.rows) values.rows = [];
  if (def.domain) values.need = null;
  values.notes = '';
  return values;
}

type Row = Record<string, FieldValue>;

/** The content without its health parts: health sections empty, overdose fields of each row unanswered. */
export function withoutHealth(content: AssessmentContent): AssessmentContent {
  const out: AssessmentContent = { ...content };
  for (const id of HEALTH_SECTIONS) if (out[id]) out[id] = emptySection(id);
  for (const [id, fields] of Object.entries(HEALTH_ROW_FIELDS)) {
    const section = out[id];
    if (!section || !Array.isArray(section.rows)) continue;
    out[id] = { ...section, rows: (section.rows as Row[]).map((row) => ({ ...row, ...Object.fromEntries(fields.map((f) => [f, null])) })) };
  }
  return out;
}

/**
 * What a user who may not read the health parts saves: their changes to everything else, the stored health parts
 * unchanged (they were never shown, so an empty field is not an answer). Rows keep their overdose history by key.
 */
export function keepStoredHealth(incoming: AssessmentContent, stored: AssessmentContent): AssessmentContent {
  const out: AssessmentContent = { ...incoming };
  for (const id of HEALTH_SECTIONS) if (stored[id]) out[id] = stored[id];
  for (const [id, fields] of Object.entries(HEALTH_ROW_FIELDS)) {
    const keyField = ASSESSMENT_SECTIONS.find((s) => s.id === id)?.rows?.keyField;
    const section = out[id];
    if (!keyField || !section || !Array.isArray(section.rows)) continue;
    const storedRows = (stored[id]?.rows ?? []) as Row[];
    out[id] = {
      ...section,
      rows: (section.rows as Row[]).map((row) => {
        const before = storedRows.find((r) => r[keyField] !== null && r[keyField] === row[keyField]);
        return { ...row, ...Object.fromEntries(fields.map((f) => [f, before?.[f] ?? null])) };
      }),
    };
  }
  return out;
}

/** Need ratings without the health domains (the list's quick look). */
export function needsWithoutHealth(needs: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(needs).map(([k, v]) => [k, HEALTH_SECTIONS.includes(k) ? null : v]));
}
