import { z } from 'zod';
import { roleSchema } from './user';

/**
 * A client's care team (SPEC §1, issue 10): the responsible worker (`assignedWorkerId`) and colleagues beside
 * them. Team members reach the case; of them only clinicians (and the responsible worker) read the health sections.
 */
export const CARE_TEAM_ROLES = ['caseworker', 'clinician'] as const;

export const careTeamMemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  addedAt: z.string(),
});
export type CareTeamMember = z.infer<typeof careTeamMemberSchema>;

/** Why the viewer may read the client's health sections: care relation, break-the-glass grant, or not. */
export const healthAccessSchema = z.enum(['care', 'breakGlass', 'none']);
export type HealthAccessKind = z.infer<typeof healthAccessSchema>;

export const careTeamSchema = z.object({
  clientId: z.string(),
  responsibleWorker: z.object({ id: z.string(), displayName: z.string() }),
  members: z.array(careTeamMemberSchema),
  /** The responsible worker and admins add and remove members. */
  mayManage: z.boolean(),
  health: healthAccessSchema,
  /** End of this session's break-the-glass grant (ISO), when `health` is 'breakGlass'. */
  breakGlassUntil: z.string().nullable(),
  /** An admin outside the client's care may break the glass. */
  mayBreakGlass: z.boolean(),
});
export type CareTeam = z.infer<typeof careTeamSchema>;

/** The reason is kept in the audit log with the grant: required, long enough to say something. */
export const breakGlassReasonSchema = z.string().trim().min(10).max(500);
/** How long a break-the-glass grant lasts in the session that asked for it. */
export const BREAK_GLASS_MINUTES = 30;
