import { z } from 'zod';
import { isoDateSchema } from './client';

/**
 * The intake / review / exit / follow-up assessment (SPEC W3). Its sections and fields are declared once below
 * as data; the zod schemas, the form, the side-by-side comparison and the labels (i18n
 * `assessments:sections.<section>.<field>`) are all derived from this one declaration.
 */

export const assessmentKindSchema = z.enum(['intake', 'review', 'exit', 'followUp']);
export type AssessmentKind = z.infer<typeof assessmentKindSchema>;
export const ASSESSMENT_KINDS = assessmentKindSchema.options;

export const assessmentStatusSchema = z.enum(['inProgress', 'completed']);
export type AssessmentStatus = z.infer<typeof assessmentStatusSchema>;

/** Need rating of a life domain: 0 none, 1 low, 2 moderate, 3 severe. */
export const NEED_LEVELS = [0, 1, 2, 3] as const;

const YES_NO = ['yes', 'no', 'unknown'] as const;
const TEST_RESULT = ['negative', 'positive', 'pending', 'notTested', 'unknown'] as const;

export type FieldDef =
  | { id: string; type: 'choice'; options: readonly string[] }
  | { id: string; type: 'date'; notFuture?: boolean }
  | { id: string; type: 'number'; min: number; max: number; unit?: string }
  | { id: string; type: 'text'; max: number; long?: boolean };

export interface SectionDef {
  id: string;
  /** A life domain: gets a need rating 0–3, required before the assessment can be completed. */
  domain: boolean;
  fields: readonly FieldDef[];
  /** A repeating group (one row per substance); `keyField` matches rows when two assessments are compared. */
  rows?: { fields: readonly FieldDef[]; keyField: string; max: number };
}

const choice = (id: string, options: readonly string[]): FieldDef => ({ id, type: 'choice', options });
const pastDate = (id: string): FieldDef => ({ id, type: 'date', notFuture: true });
const count = (id: string, max: number): FieldDef => ({ id, type: 'number', min: 0, max });
const shortText = (id: string): FieldDef => ({ id, type: 'text', max: 500 });

export const SUBSTANCES = [
  'alcohol',
  'cannabis',
  'heroin',
  'otherOpioids',
  'methamphetamine',
  'cocaine',
  'benzodiazepines',
  'newPsychoactive',
  'hallucinogens',
  'inhalants',
  'other',
] as const;

export const ASSESSMENT_SECTIONS: readonly SectionDef[] = [
  {
    id: 'substanceUse',
    domain: true,
    fields: [],
    rows: {
      keyField: 'substance',
      max: 20,
      fields: [
        choice('substance', SUBSTANCES),
        choice('frequency', ['notUsed', 'lessThanMonthly', 'monthly', 'weekly', 'severalTimesWeekly', 'daily']),
        choice('route', ['oral', 'smoking', 'sniffing', 'injecting', 'other']),
        choice('injecting', ['never', 'past', 'current']),
        pastDate('lastUse'),
        count('overdoses', 99),
        pastDate('lastOverdose'),
      ],
    },
  },
  {
    id: 'treatment',
    domain: false,
    fields: [
      choice('detox', ['never', 'once', 'repeatedly']),
      pastDate('lastDetox'),
      choice('oat', ['never', 'past', 'current']),
      choice('oatMedication', ['methadone', 'buprenorphine', 'buprenorphineNaloxone', 'slowReleaseMorphine', 'other']),
      { id: 'oatDoseMg', type: 'number', min: 0, max: 1000, unit: 'mg' },
      choice('therapeuticCommunity', ['never', 'leftEarly', 'completed']),
    ],
  },
  {
    id: 'physicalHealth',
    domain: true,
    fields: [shortText('conditions'), shortText('medication'), choice('generalPractitioner', YES_NO)],
  },
  {
    id: 'mentalHealth',
    domain: true,
    fields: [choice('diagnosis', YES_NO), choice('psychiatricCare', ['never', 'past', 'current']), choice('selfHarm', ['never', 'past', 'recent', 'unknown'])],
  },
  {
    id: 'infectiousDiseases',
    domain: false,
    fields: [
      pastDate('hivTestedOn'),
      choice('hivResult', TEST_RESULT),
      pastDate('hbvTestedOn'),
      choice('hbvResult', TEST_RESULT),
      choice('hbvVaccinated', YES_NO),
      pastDate('hcvTestedOn'),
      choice('hcvResult', TEST_RESULT),
      choice('hcvTreatment', ['none', 'ongoing', 'completed']),
    ],
  },
  {
    id: 'housing',
    domain: true,
    fields: [
      choice('beforeCustody', ['ownOrRented', 'family', 'friends', 'hostel', 'shelter', 'homeless', 'institution', 'other']),
      choice('afterRelease', ['arranged', 'likely', 'none', 'unknown']),
    ],
  },
  {
    id: 'educationEmployment',
    domain: true,
    fields: [
      choice('education', ['none', 'primary', 'vocational', 'secondary', 'tertiary']),
      choice('employmentBeforeCustody', ['employed', 'selfEmployed', 'casualWork', 'unemployed', 'pensionOrDisability', 'other']),
      choice('workInCustody', YES_NO),
    ],
  },
  {
    id: 'finances',
    domain: true,
    fields: [
      choice('income', ['none', 'wages', 'benefits', 'pension', 'family', 'other']),
      choice('debts', YES_NO),
      { id: 'debtAmount', type: 'number', min: 0, max: 100_000_000, unit: 'CZK' },
      choice('enforcement', YES_NO),
    ],
  },
  {
    id: 'family',
    domain: true,
    fields: [count('children', 30), count('minorChildren', 30), choice('familyContact', ['regular', 'occasional', 'none'])],
  },
  {
    id: 'relationships',
    domain: true,
    fields: [choice('partner', ['none', 'partnerNotUsing', 'partnerUsing', 'unknown']), count('supportPersons', 50), choice('usingNetwork', YES_NO)],
  },
  {
    id: 'legal',
    domain: true,
    fields: [choice('probationSupervision', YES_NO), choice('pendingProceedings', YES_NO), choice('conditionalRelease', ['notEligible', 'eligible', 'applied', 'granted', 'refused'])],
  },
  {
    id: 'documents',
    domain: true,
    fields: [choice('idCard', ['valid', 'expired', 'lost', 'none', 'unknown']), choice('healthInsurance', ['insured', 'notInsured', 'unknown']), choice('birthCertificate', YES_NO)],
  },
  {
    id: 'motivation',
    domain: false,
    fields: [choice('stage', ['precontemplation', 'contemplation', 'preparation', 'action', 'maintenance']), { id: 'readiness', type: 'number', min: 0, max: 10 }],
  },
  {
    id: 'goals',
    domain: false,
    fields: [{ id: 'goals', type: 'text', max: 5000, long: true }],
  },
];

export const LIFE_DOMAINS = ASSESSMENT_SECTIONS.filter((s) => s.domain).map((s) => s.id);
export const NOTES_MAX = 10_000;

/** Today as `YYYY-MM-DD` in local time: dates of past events may not be after it. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A rule message: the renderer translates `params.i18n` as `assessments:validation.<key>`; the API returns `message`. */
function issue(i18n: string, message: string, path: (string | number)[]) {
  return { code: 'custom' as const, message, path, params: { i18n } };
}

function fieldSchema(field: FieldDef): z.ZodType {
  switch (field.type) {
    case 'choice':
      return z.enum(field.options as [string, ...string[]]).nullable().default(null);
    case 'date':
      return isoDateSchema
        .refine((d) => !field.notFuture || d <= todayIso(), { error: 'The date is in the future.', params: { i18n: 'dateInFuture' } })
        .nullable()
        .default(null);
    case 'number':
      return z.number().int().min(field.min).max(field.max).nullable().default(null);
    case 'text':
      return z.string().max(field.max).default('');
  }
}

function objectOf(fields: readonly FieldDef[]) {
  return Object.fromEntries(fields.map((f) => [f.id, fieldSchema(f)]));
}

function sectionSchema(section: SectionDef) {
  return z
    .object({
      ...objectOf(section.fields),
      ...(section.rows ? { rows: z.array(z.object(objectOf(section.rows.fields)).strict()).max(section.rows.max).default([]) } : {}),
      ...(section.domain ? { need: z.number().int().min(0).max(3).nullable().default(null) } : {}),
      notes: z.string().max(NOTES_MAX).default(''),
    })
    .strict();
}

/** Value of one field: a choice id, a `YYYY-MM-DD` date, a number, text, or null when not answered. */
export type FieldValue = string | number | null;
export type SectionValues = Record<string, FieldValue | Record<string, FieldValue>[]>;
export type AssessmentContent = Record<string, SectionValues>;

/**
 * The assessment's content while it is being filled in: every field optional (missing ones default to empty),
 * but each value given must be valid. Unknown sections and fields are refused.
 */
export const assessmentContentSchema = z
  .object(Object.fromEntries(ASSESSMENT_SECTIONS.map((s) => [s.id, sectionSchema(s).default(() => sectionSchema(s).parse({}))])))
  .strict() as unknown as z.ZodType<AssessmentContent, Record<string, unknown>>;

/** What completing requires beyond valid values: a need rating for every life domain and a named substance per row. */
export function completionIssues(content: AssessmentContent): ReturnType<typeof issue>[] {
  const issues: ReturnType<typeof issue>[] = [];
  for (const section of ASSESSMENT_SECTIONS) {
    const values = content[section.id];
    if (section.domain && (values?.need === null || values?.need === undefined)) {
      issues.push(issue('needRequired', `Rate the need in "${section.id}" (0–3) before completing.`, ['content', section.id, 'need']));
    }
    if (section.rows) {
      const rows = (values?.rows ?? []) as Record<string, FieldValue>[];
      rows.forEach((row, i) => {
        if (row[section.rows!.keyField] === null) {
          issues.push(issue('rowKeyRequired', `Row ${i + 1} in "${section.id}" names no ${section.rows!.keyField}.`, ['content', section.id, 'rows', i, section.rows!.keyField]));
        }
      });
    }
  }
  return issues;
}

/** An empty assessment, every field unanswered. */
export function emptyAssessmentContent(): AssessmentContent {
  return assessmentContentSchema.parse({});
}

/** The date an assessment was carried out: not in the future, not before 1990. */
export const assessedOnSchema = isoDateSchema
  .refine((d) => d <= todayIso(), { error: 'The date is in the future.', params: { i18n: 'dateInFuture' } })
  .refine((d) => d >= '1990-01-01', { error: 'The date is too far in the past.', params: { i18n: 'dateTooOld' } });

/** The form: saving progress needs only valid values. */
export const assessmentFormSchema = z.object({ assessedOn: assessedOnSchema, content: assessmentContentSchema });
export type AssessmentForm = z.infer<typeof assessmentFormSchema>;

/** Completing also needs every need rating: the same form plus `completionIssues`. */
export const assessmentCompleteFormSchema = assessmentFormSchema.superRefine((v, ctx) => {
  for (const i of completionIssues(v.content)) ctx.addIssue(i);
});

const personSchema = z.object({ id: z.string(), name: z.string() });

export const assessmentSummarySchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: assessmentKindSchema,
  status: assessmentStatusSchema,
  assessedOn: z.string(),
  author: personSchema,
  completedBy: personSchema.nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The assessment this one was prefilled from, if any. */
  basedOnId: z.string().nullable(),
  revision: z.number().int(),
  /** Need ratings per life domain, for the list and a quick look at change. */
  needs: z.record(z.string(), z.number().int().nullable()),
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const assessmentSchema = assessmentSummarySchema.extend({ content: assessmentContentSchema });
export type Assessment = z.infer<typeof assessmentSchema>;
