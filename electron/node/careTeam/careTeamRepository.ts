import { and, asc, eq } from 'drizzle-orm';
import { apiError } from '../../../shared/api';
import { CARE_TEAM_ROLES, type CareTeamMember } from '../../../shared/schemas/careTeam';
import type { Client } from '../../../shared/schemas/client';
import type { SessionUser } from '../../../shared/schemas/user';
import type { Db } from '../store/open';
import { careTeamMembers, users } from '../store/schema';

/** The members beside the responsible worker, by name. */
export function listCareTeam(db: Db, clientId: string): CareTeamMember[] {
  return db
    .select({ userId: careTeamMembers.userId, displayName: users.displayName, role: users.role, addedAt: careTeamMembers.addedAt })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.userId))
    .where(eq(careTeamMembers.clientId, clientId))
    .orderBy(asc(users.displayName))
    .all();
}

/** The responsible worker and admins manage the team; a member does not add colleagues of their own. */
export function mayManageCareTeam(viewer: Pick<SessionUser, 'id' | 'role'>, client: Pick<Client, 'assignedWorkerId'>): boolean {
  return viewer.role === 'admin' || client.assignedWorkerId === viewer.id;
}

export function assertMayManageCareTeam(viewer: Pick<SessionUser, 'id' | 'role'>, client: Pick<Client, 'assignedWorkerId'>): void {
  if (!mayManageCareTeam(viewer, client)) {
    throw apiError('FORBIDDEN', 'Only the responsible worker or an administrator changes the care team.', 'errors.careTeam.notManager');
  }
}

/** A new member: an active caseworker or clinician, not the responsible worker, not already on the team. */
export function checkNewMember(db: Db, client: Pick<Client, 'id' | 'assignedWorkerId'>, userId: string): void {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.removedAt || !(CARE_TEAM_ROLES as readonly string[]).includes(user.role)) {
    throw apiError('VALIDATION', 'Only an active caseworker or clinician can join a care team.', 'errors.careTeam.notEligible');
  }
  if (userId === client.assignedWorkerId) {
    throw apiError('CONFLICT', 'This colleague is already the responsible worker of the client.', 'errors.careTeam.isResponsible');
  }
  if (db.select({ u: careTeamMembers.userId }).from(careTeamMembers).where(and(eq(careTeamMembers.clientId, client.id), eq(careTeamMembers.userId, userId))).get()) {
    throw apiError('CONFLICT', 'This colleague is already on the care team.', 'errors.careTeam.alreadyMember');
  }
}

export function insertCareTeamMember(db: Db, clientId: string, userId: string, addedBy: string, now: Date): void {
  db.insert(careTeamMembers).values({ clientId, userId, addedBy, addedAt: now.toISOString() }).run();
}

/** Removes a member; NOT_FOUND when the user is not on the team. */
export function deleteCareTeamMember(db: Db, clientId: string, userId: string): void {
  const result = db.delete(careTeamMembers).where(and(eq(careTeamMembers.clientId, clientId), eq(careTeamMembers.userId, userId))).run();
  if (result.changes === 0) throw apiError('NOT_FOUND', 'This colleague is not on the care team.', 'errors.careTeam.notMember');
}
