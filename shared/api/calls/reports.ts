import { z } from 'zod';
import { defineCall } from '../contract';
import { printedPdfSchema } from './print';
import { clientLanguageSchema } from '../../schemas/client';
import {
  dashboardSchema,
  evaluationExportSchema,
  indicatorClientSchema,
  indicatorClientsInputSchema,
  programmeSchema,
  reportFileSchema,
  reportImportResultSchema,
  reportPeriodSchema,
  reportQueryObject,
  reportQuerySchema,
  checkPeriod,
} from '../../reports/schemas';

/**
 * SPEC W13. "Coordinator" is no role of its own: on a coordinator's installation an admin imports the reports
 * (trusted contacts are an admin's business) and evaluators read the dashboards; evaluators never see a client.
 */
const REPORT_READERS = ['admin', 'evaluator'] as const;
const ADMIN = ['admin'] as const;

export const reportsCalls = {
  /** Every indicator of this installation for the period and filters, with the lists to filter by. */
  'reports.dashboard': defineCall({ input: reportQuerySchema, output: dashboardSchema, access: REPORT_READERS, mutates: false, client: 'none' }),
  /** The clients behind one number (audited as a read of client data); never for evaluators. */
  'reports.indicatorClients': defineCall({ input: indicatorClientsInputSchema, output: z.array(indicatorClientSchema), access: ADMIN, mutates: false, client: 'none' }),
  /** The dashboard as a PDF for the funder: numbers and rules, no client. */
  'reports.print': defineCall({
    input: reportQueryObject.extend({ language: clientLanguageSchema.default('cs') }).strict().superRefine(checkPeriod),
    output: printedPdfSchema,
    access: REPORT_READERS,
    mutates: false,
    client: 'none',
  }),
  /** The de-identified evaluation export: one CSV per client, one of aggregates per period (audited). */
  'reports.export': defineCall({ input: reportPeriodSchema, output: evaluationExportSchema, access: REPORT_READERS, mutates: true, client: 'none' }),
  /** The signed indicator report of this installation (aggregates only), signed with the user's handover identity. */
  'reports.bundle': defineCall({ input: reportPeriodSchema, output: reportFileSchema.extend({ reportId: z.string() }), access: ADMIN, mutates: true, client: 'none' }),
  /** Imports another installation's signed report after checking it against the trusted contacts. */
  'reports.import': defineCall({ input: reportFileSchema.strict(), output: reportImportResultSchema, access: ADMIN, mutates: true, client: 'none' }),
  /** The programme view: the imported reports overlapping the period, summed. */
  'reports.programme': defineCall({ input: reportPeriodSchema, output: programmeSchema, access: REPORT_READERS, mutates: false, client: 'none' }),
};
