import { z } from 'zod';
import { defineCall } from '../contract';
import { erasureReasonSchema, retentionCandidateSchema, retentionMonthsSchema } from '../../schemas/retention';

/** W10 retention and erasure: administrators only. */

const ADMIN = ['admin'] as const;

export const retentionCalls = {
  /** The retention period and the closed cases past it, oldest first. */
  'retention.review': defineCall({
    input: z.object({}).strict(),
    output: z.object({ retentionMonths: retentionMonthsSchema, today: z.string(), due: z.array(retentionCandidateSchema) }),
    access: ADMIN,
    mutates: false,
    client: 'none',
  }),
  'retention.setMonths': defineCall({ input: z.object({ months: retentionMonthsSchema }).strict(), output: z.object({ retentionMonths: retentionMonthsSchema }), access: ADMIN, mutates: true, client: 'none' }),
  /**
   * Erases a closed client for good: every row, note, draft, attachment, search entry and handover record; freed
   * pages are overwritten. Confirmed by typing the client code. Leaves one audit entry: code hash, date, who, why.
   */
  'retention.erase': defineCall({
    input: z.object({ clientId: z.string().min(1).max(64), confirmCode: z.string().trim().min(1).max(40), reason: erasureReasonSchema }).strict(),
    output: z.object({ codeHash: z.string(), erasedAt: z.string() }),
    access: ADMIN,
    mutates: true,
    // 'read', not 'write': a case handed over elsewhere is read-only here, yet its retention runs out all the same.
    client: { access: 'read', from: 'clientId' },
  }),
};
