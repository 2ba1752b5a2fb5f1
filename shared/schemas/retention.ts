import { z } from 'zod';
import { clientStatusSchema } from './client';

/** W10 retention: closed cases are kept this many months after their last activity, then listed for review. */
export const RETENTION_DEFAULT_MONTHS = 60;
export const retentionMonthsSchema = z.number().int().min(1).max(600);

/** A closed case whose retention period has run out (or any closed case, for the admin's overview). */
export const retentionCandidateSchema = z.object({
  id: z.string(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: clientStatusSchema,
  /** The last change or contact of the closed case (YYYY-MM-DD): retention runs from here. */
  lastActivityOn: z.string(),
  /** The first day the case may be erased (lastActivityOn + retention months). */
  dueOn: z.string(),
});
export type RetentionCandidate = z.infer<typeof retentionCandidateSchema>;

/** Why a client is erased: free text for the audit log, which must not name the client (checked on the Node side). */
export const erasureReasonSchema = z.string().trim().min(3).max(500);

/** The first day a case whose last activity was on `lastActivityOn` may be erased (calendar months, clamped). */
export function retentionDueOn(lastActivityOn: string, months: number): string {
  const [y, m, d] = lastActivityOn.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
