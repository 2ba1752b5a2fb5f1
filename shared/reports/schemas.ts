import { z } from 'zod';
import { INDICATOR_IDS } from './indicators';
import { ruleIssue } from '../schemas/client';

export const indicatorIdSchema = z.enum(INDICATOR_IDS);

const MAX_PERIOD_DAYS = 3660;
const id = z.string().min(1).max(64);

/** The period and filters of the dashboard, the exports and the report: one schema for the form and the API. */
export const reportPeriodObject = z.object({ from: z.iso.date(), to: z.iso.date() });
export function checkPeriod(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (v.from > v.to) ctx.addIssue(ruleIssue('reports:errors.reports.periodOrder', 'The start of the period must not be after its end.', ['to']));
  else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > MAX_PERIOD_DAYS) {
    ctx.addIssue(ruleIssue('reports:errors.reports.periodTooLong', 'The period can be at most 10 years.', ['from']));
  }
}
export const reportQueryObject = reportPeriodObject.extend({
  prisonId: id.optional(),
  regionId: id.optional(),
  workerId: id.optional(),
});
export const reportQuerySchema = reportQueryObject.strict().superRefine(checkPeriod);
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export const reportPeriodSchema = reportPeriodObject.strict().superRefine(checkPeriod);

export const indicatorValueSchema = z.object({
  id: indicatorIdSchema,
  kind: z.enum(['share', 'distribution']),
  unit: z.enum(['clients', 'followUps']),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** Distributions and follow-up outcomes: the count of each category (outcome keys are `field.value`). */
  categories: z.array(z.object({ key: z.string(), count: z.number().int() })),
  /** Numerator and denominator per prison and per region of return (ids; 'none' when not recorded). */
  byPrison: z.array(z.object({ id: z.string(), numerator: z.number().int(), denominator: z.number().int() })),
  byRegion: z.array(z.object({ id: z.string(), numerator: z.number().int(), denominator: z.number().int() })),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

const named = z.object({ id: z.string(), name: z.string() });
export const dashboardSchema = z.object({
  today: z.string(),
  from: z.string(),
  to: z.string(),
  indicators: z.array(indicatorValueSchema),
  prisons: z.array(named),
  regions: z.array(named),
  workers: z.array(named),
  /** Whether this user may open the clients behind a number (evaluators may not). */
  mayListClients: z.boolean(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const indicatorClientsInputSchema = reportQueryObject
  .extend({ indicatorId: indicatorIdSchema, part: z.enum(['numerator', 'denominator']), category: z.string().max(100).optional() })
  .strict()
  .superRefine(checkPeriod);

export const indicatorClientSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  prison: z.string().nullable(),
  earliestRelease: z.string().nullable(),
  actualRelease: z.string().nullable(),
});
export type IndicatorClient = z.infer<typeof indicatorClientSchema>;

// ---- What leaves the installation: aggregates with small cells suppressed (null = "<5") ----

const count = z.number().int().min(0).max(10_000_000).nullable();
export const aggregateRowSchema = z.object({ name: z.string().max(200), numerator: count, denominator: count });
export const aggregatedIndicatorSchema = z.object({
  id: indicatorIdSchema,
  unit: z.enum(['clients', 'followUps']),
  total: z.object({ numerator: count, denominator: count }),
  byPrison: z.array(aggregateRowSchema).max(500),
  byRegion: z.array(aggregateRowSchema).max(500),
  categories: z.array(z.object({ key: z.string().max(100), count })).max(200),
});
export type AggregatedIndicator = z.infer<typeof aggregatedIndicatorSchema>;

export const REPORT_FILE_TYPE = 'throughcare/indicator-report';

/** The signed content of an indicator report (canonical JSON; signed in the minisign format). */
export const indicatorReportSchema = z
  .object({
    type: z.literal(REPORT_FILE_TYPE),
    version: z.literal(1),
    reportId: z.uuid(),
    createdAt: z.iso.datetime(),
    period: z.object({ from: z.iso.date(), to: z.iso.date(), today: z.iso.date() }),
    organisation: z.string().max(200),
    signer: z.object({ fingerprint: z.string().max(100), name: z.string().max(200) }),
    indicators: z.array(aggregatedIndicatorSchema).max(100),
  })
  .strict();
export type IndicatorReport = z.infer<typeof indicatorReportSchema>;

export const reportFileSchema = z.object({ fileName: z.string().min(1).max(255), fileBase64: z.string().max(20_000_000) });

export const reportSourceSchema = z.object({
  reportId: z.string(),
  organisation: z.string(),
  signerName: z.string(),
  signerFingerprint: z.string(),
  from: z.string(),
  to: z.string(),
  createdAt: z.string(),
  importedAt: z.string(),
});
export type ReportSource = z.infer<typeof reportSourceSchema>;

export const programmeSchema = z.object({
  from: z.string(),
  to: z.string(),
  sources: z.array(reportSourceSchema),
  /** Per indicator: sums across the reports (a suppressed count adds nothing; `suppressed` says how many). */
  indicators: z.array(
    z.object({
      id: indicatorIdSchema,
      unit: z.enum(['clients', 'followUps']),
      numerator: z.number().int(),
      denominator: z.number().int(),
      suppressed: z.number().int(),
      byOrganisation: z.array(z.object({ name: z.string(), numerator: count, denominator: count })),
      byPrison: z.array(z.object({ name: z.string(), numerator: z.number().int(), denominator: z.number().int() })),
      byRegion: z.array(z.object({ name: z.string(), numerator: z.number().int(), denominator: z.number().int() })),
    }),
  ),
});
export type Programme = z.infer<typeof programmeSchema>;

export const reportImportResultSchema = z.object({
  reportId: z.string(),
  organisation: z.string(),
  from: z.string(),
  to: z.string(),
  /** The id of the older report of the same source and period this one replaced. */
  replaced: z.string().nullable(),
});

export const evaluationExportSchema = z.object({
  perClient: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  perPeriod: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
});
export type EvaluationExport = z.infer<typeof evaluationExportSchema>;
