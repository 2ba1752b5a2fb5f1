import { z } from 'zod';
import { clientStatusSchema, custodySchema } from './client';

export const caseloadSortSchema = z.enum(['code', 'name', 'prison', 'earliestRelease', 'status', 'worker', 'lastContact', 'completeness']);
export type CaseloadSort = z.infer<typeof caseloadSortSchema>;

/** One page of the caseload: filters, sort, full-text search and a window (W2). */
export const caseloadQuerySchema = z
  .object({
    search: z.string().max(200).default(''),
    prisonId: z.string().max(64).nullable().default(null),
    regionId: z.string().max(64).nullable().default(null),
    status: z.array(clientStatusSchema).max(5).default([]),
    /** Admins may pick any worker (null = everyone); for other staff the caseload is always their own. */
    workerId: z.string().max(64).nullable().default(null),
    sort: caseloadSortSchema.default('earliestRelease'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type CaseloadQuery = z.input<typeof caseloadQuerySchema>;

/** Why a row deserves attention now; the UI shows a translated badge for each. */
export const caseloadFlagSchema = z.enum(['releaseSoonChecklistIncomplete', 'releaseOverdue', 'handedOver', 'receiptPending', 'receiptOverdue', 'noRecentContact']);
export type CaseloadFlag = z.infer<typeof caseloadFlagSchema>;

export const caseloadRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  prisonName: z.string().nullable(),
  regionName: z.string().nullable(),
  earliestRelease: z.string().nullable(),
  /** Whole days from today to the earliest release; negative once the date has passed. */
  daysToRelease: z.number().int().nullable(),
  status: clientStatusSchema,
  assignedWorkerName: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  checklistDone: z.number().int(),
  checklistTotal: z.number().int(),
  custody: custodySchema,
  flags: z.array(caseloadFlagSchema),
  /** False for a row shown by the office-wide list outside the viewer's care team: listed, never opened. */
  openable: z.boolean(),
});
export type CaseloadRow = z.infer<typeof caseloadRowSchema>;

export const caseloadPageSchema = z.object({ rows: z.array(caseloadRowSchema), total: z.number().int() });
export type CaseloadPage = z.infer<typeof caseloadPageSchema>;
