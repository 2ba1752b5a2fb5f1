import { z } from 'zod';
import { defineCall } from '../contract';
import { followUpRecordFieldsSchema, followUpSchema, followUpScheduleSchema } from '../../schemas/followUp';

const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const clientId = z.string().min(1).max(64);

export const followUpCalls = {
  /** The schedule from the actual release date, each follow-up with its state and what was recorded. */
  'followUp.list': defineCall({ input: z.object({ clientId }).strict(), output: followUpScheduleSchema, access: STAFF, mutates: false, client: { access: 'read', from: 'clientId' } }),
  /** Records (or corrects) the outcome of one follow-up contact. */
  'followUp.record': defineCall({ input: followUpRecordFieldsSchema.extend({ clientId }).strict(), output: followUpSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
};
