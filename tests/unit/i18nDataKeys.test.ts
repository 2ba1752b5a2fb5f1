import { describe, expect, it } from 'vitest';
import { LANGUAGES, locales, type Namespace } from '../../shared/i18n';
import { ASSESSMENT_SECTIONS, NEED_LEVELS } from '../../shared/schemas/assessment';
import { FOLLOW_UP_OUTCOMES } from '../../shared/schemas/followUp';
import { CHECKLIST_ITEMS, INFECTIOUS_DISEASES, OAT_MEDICATIONS, TEST_RESULTS } from '../../shared/schemas/plan';
import { CLIENT_STATUSES } from '../../shared/schemas/client';
import { HANDOVER_SECTIONS } from '../../shared/schemas/handover';

/**
 * Keys the renderer builds from data at run time (`tData` in renderer/app/i18n.ts) cannot be checked by the
 * compiler; this checks every key the data can produce, in both languages.
 */
function text(lang: (typeof LANGUAGES)[number], key: string): unknown {
  const [ns, path] = key.split(':') as [Namespace, string];
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), locales[ns][lang]);
}
const missing = (keys: string[]) => LANGUAGES.flatMap((lang) => keys.filter((k) => typeof text(lang, k) !== 'string').map((k) => `${lang} ${k}`));

describe('texts whose keys are built from data', () => {
  it('every assessment section, field, choice and need level has its text', () => {
    const keys = ASSESSMENT_SECTIONS.flatMap((s) => [
      `assessments:sections.${s.id}.title`,
      ...[...s.fields, ...(s.rows?.fields ?? [])].flatMap((f) => [
        `assessments:sections.${s.id}.fields.${f.id}`,
        ...(f.type === 'choice'
          ? f.options.map((o) => (typeof text('cs', `assessments:sections.${s.id}.options.${f.id}.${o}`) === 'string' ? `assessments:sections.${s.id}.options.${f.id}.${o}` : `assessments:options.${o}`))
          : []),
      ]),
    ]);
    expect(keys.length).toBeGreaterThan(50);
    expect(missing([...keys, ...NEED_LEVELS.map((n) => `assessments:need.${n}`)])).toEqual([]);
  });

  it('every follow-up outcome, service detail, client status and handover section has its text', () => {
    const keys = [
      ...Object.entries(FOLLOW_UP_OUTCOMES).flatMap(([field, schema]) => schema.options.flatMap((o) => [`plan:followUp.outcomes.${field}.${o}`, `reports:outcomeValues.${o}`])),
      ...OAT_MEDICATIONS.map((x) => `plan:services.medications.${x}`),
      ...INFECTIOUS_DISEASES.map((x) => `plan:services.diseases.${x}`),
      ...TEST_RESULTS.map((x) => `plan:services.results.${x}`),
      ...CLIENT_STATUSES.map((x) => `clients:status.${x}`),
      ...CHECKLIST_ITEMS.map((x) => `plan:checklist.items.${x.key}`),
      ...HANDOVER_SECTIONS.map((x) => `handover:sections.${x}`),
    ];
    expect(missing(keys)).toEqual([]);
  });

  it('the checker itself reports a key that is not there', () => {
    expect(missing(['plan:services.medications.noSuchDrug', 'assessments:need.9'])).toEqual(['cs plan:services.medications.noSuchDrug', 'cs assessments:need.9', 'en plan:services.medications.noSuchDrug', 'en assessments:need.9']);
  });
});
