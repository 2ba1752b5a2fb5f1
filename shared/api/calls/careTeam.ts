import { z } from 'zod';
import { defineCall } from '../contract';
import { breakGlassReasonSchema, careTeamSchema } from '../../schemas/careTeam';

const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const idSchema = z.string().min(1).max(64);
const memberInput = z.object({ clientId: idSchema, userId: idSchema }).strict();

export const careTeamCalls = {
  /** The client's team and what the viewer may do with it (manage it, read health, break the glass). */
  'careTeam.get': defineCall({
    input: z.object({ clientId: idSchema }).strict(),
    output: careTeamSchema,
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),
  /** Adds a caseworker or clinician: the responsible worker or an admin; audited. */
  'careTeam.add': defineCall({ input: memberInput, output: careTeamSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'careTeam.remove': defineCall({ input: memberInput, output: careTeamSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  /**
   * Break the glass: an admin outside the client's care reads the health sections for a limited time in this
   * session; the reason is required and audited.
   */
  'careTeam.breakGlass': defineCall({
    input: z.object({ clientId: idSchema, reason: breakGlassReasonSchema }).strict(),
    output: careTeamSchema,
    access: ['admin'],
    mutates: true,
    client: { access: 'read', from: 'clientId' },
  }),
};
