import { z } from 'zod';
import { defineCall } from '../contract';
import { referralFieldsSchema, referralSchema } from '../../schemas/referral';

/** Staff who work with clients; evaluators never see identities (SPEC W1). */
const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const clientId = z.string().min(1).max(64);
const referralId = z.string().min(1).max(64);

export const referralCreateSchema = referralFieldsSchema.extend({ clientId }).strict();
export type ReferralCreate = z.input<typeof referralCreateSchema>;
export const referralUpdateSchema = referralFieldsSchema.extend({ id: referralId }).strict();
export type ReferralUpdate = z.input<typeof referralUpdateSchema>;

export const referralsCalls = {
  /** A client's referrals, appointments first in date order; the read is audited. */
  'referrals.list': defineCall({ input: z.object({ clientId }).strict(), output: z.array(referralSchema), access: STAFF, mutates: false, client: { access: 'read', from: 'clientId' } }),
  'referrals.create': defineCall({ input: referralCreateSchema, output: referralSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'referrals.update': defineCall({ input: referralUpdateSchema, output: referralSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'id', via: 'referral' } }),
  /** For a referral entered by mistake; one that happened is kept with status "declined" instead. */
  'referrals.remove': defineCall({ input: z.object({ id: referralId }).strict(), output: z.object({}), access: STAFF, mutates: true, client: { access: 'write', from: 'id', via: 'referral' } }),
};
