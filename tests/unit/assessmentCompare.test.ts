import { describe, expect, it } from 'vitest';
import { compareAssessments } from '../../shared/assessments/compare';
import { ASSESSMENT_SECTIONS, emptyAssessmentContent, type AssessmentContent } from '../../shared/schemas/assessment';

function content(fill: (c: AssessmentContent) => void): AssessmentContent {
  const c = emptyAssessmentContent();
  fill(c);
  return c;
}
const section = (cmp: ReturnType<typeof compareAssessments>, id: string) => cmp.sections.find((s) => s.sectionId === id)!;

describe('comparing two assessments', () => {
  it('finds nothing changed between identical assessments, and covers every section and field', () => {
    const a = content((c) => void (c.housing!.need = 2));
    const cmp = compareAssessments(a, structuredClone(a));
    expect(cmp.changedCount).toBe(0);
    expect(cmp.sections.map((s) => s.sectionId)).toEqual(ASSESSMENT_SECTIONS.map((s) => s.id));
    expect(section(cmp, 'housing').fields.map((f) => f.fieldId)).toEqual(['beforeCustody', 'afterRelease', 'need', 'notes']);
    expect(section(cmp, 'goals').fields.map((f) => f.fieldId)).toEqual(['goals', 'notes']); // no need rating: not a life domain
  });

  it('treats empty text like no answer and ignores surrounding spaces, but not other text changes', () => {
    const before = content((c) => void (c.housing!.notes = ''));
    const same = content((c) => void (c.housing!.notes = '   '));
    expect(compareAssessments(before, same).changedCount).toBe(0);
    const a = content((c) => void (c.housing!.notes = 'ubytovna '));
    const b = content((c) => void (c.housing!.notes = 'ubytovna'));
    expect(compareAssessments(a, b).changedCount).toBe(0);
    const c = content((x) => void (x.housing!.notes = 'Ubytovna'));
    expect(section(compareAssessments(a, c), 'housing').fields.find((f) => f.fieldId === 'notes')).toEqual({ fieldId: 'notes', before: 'ubytovna', after: 'Ubytovna', changed: true });
  });

  it('reports a need rating going down and a number answered for the first time', () => {
    const cmp = compareAssessments(
      content((c) => {
        c.finances!.need = 3;
      }),
      content((c) => {
        c.finances!.need = 1;
        c.finances!.debtAmount = 250000;
      }),
    );
    expect(section(cmp, 'finances').fields.filter((f) => f.changed)).toEqual([
      { fieldId: 'debtAmount', before: null, after: 250000, changed: true },
      { fieldId: 'need', before: 3, after: 1, changed: true },
    ]);
    expect(cmp.changedCount).toBe(2);
  });

  it('matches substance rows by substance, in order when one is listed twice, and reports added and removed rows', () => {
    const before = content((c) => {
      c.substanceUse!.rows = [
        { substance: 'heroin', frequency: 'daily' },
        { substance: 'other', frequency: 'weekly' },
        { substance: 'other', frequency: 'monthly' },
        { substance: 'cocaine', frequency: 'monthly' },
      ];
    });
    const after = content((c) => {
      c.substanceUse!.rows = [
        { substance: 'other', frequency: 'weekly' },
        { substance: 'other', frequency: 'daily' },
        { substance: 'heroin', frequency: 'daily' },
        { substance: null, frequency: 'weekly' },
      ];
    });
    const rows = section(compareAssessments(before, after), 'substanceUse').rows;
    expect(rows.map((r) => [r.key, r.status, r.changed])).toEqual([
      ['heroin', 'both', false],
      ['other', 'both', false],
      ['other', 'both', true], // monthly → daily
      ['cocaine', 'removed', true],
      [null, 'added', true],
    ]);
    const cmp = compareAssessments(before, after);
    // 1 changed frequency + 2 answered fields of the removed cocaine row + 1 of the added row
    expect(cmp.changedCount).toBe(4);
  });
});

describe('labels of what the comparison and the form show', () => {
  it('every section, field and choice has a Czech and an English label', async () => {
    const { assessments } = await import('../../shared/i18n/locales/assessments');
    for (const lang of ['cs', 'en'] as const) {
      const texts = assessments[lang] as unknown as {
        sections: Record<string, { title: string; fields: Record<string, string>; options?: Record<string, Record<string, string>> }>;
        options: Record<string, string>;
      };
      for (const s of ASSESSMENT_SECTIONS) {
        const labels = texts.sections[s.id];
        expect(labels?.title, `${lang} ${s.id}`).toBeTruthy();
        for (const f of [...s.fields, ...(s.rows?.fields ?? [])]) {
          expect(labels?.fields[f.id], `${lang} ${s.id}.${f.id}`).toBeTruthy();
          if (f.type !== 'choice') continue;
          for (const o of f.options) expect(labels?.options?.[f.id]?.[o] ?? texts.options[o], `${lang} ${s.id}.${f.id}=${o}`).toBeTruthy();
        }
        for (const [field, overrides] of Object.entries(labels?.options ?? {})) {
          const def = s.fields.find((f) => f.id === field);
          expect(def?.type === 'choice' && Object.keys(overrides).every((o) => def.options.includes(o)), `${lang} override ${s.id}.${field}`).toBe(true);
        }
      }
    }
  });
});
