import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { apiError, type ApiError, type ClientAccess, type ClientScope, type ClientVia } from '../../../shared/api';
import type { Client } from '../../../shared/schemas/client';
import type { SessionUser } from '../../../shared/schemas/user';
import type { Db } from '../store/open';
import { assessments, careTeamMembers, clientAttachments, clients, consents, referrals } from '../store/schema';
import { findClientById } from './clientRepository';

/**
 * Need to know (SPEC §4), in one place: who may reach which client. The dispatcher applies it to every
 * client-scoped call before the handler runs; lists (caseload, releases, my tasks) filter with `reachCondition`.
 */

type Viewer = Pick<SessionUser, 'id' | 'role'>;
type Reachable = Pick<Client, 'id' | 'assignedWorkerId'>;

/** Whether the user is on the client's care team (beside the responsible worker). */
export function isOnCareTeam(db: Db, clientId: string, userId: string): boolean {
  return Boolean(
    db
      .select({ u: careTeamMembers.userId })
      .from(careTeamMembers)
      .where(and(eq(careTeamMembers.clientId, clientId), eq(careTeamMembers.userId, userId)))
      .get(),
  );
}

/**
 * Admins reach every client; caseworkers and clinicians the clients they are responsible for or on the care team
 * of. Evaluators never any (de-identified reports only).
 */
export function mayReachClient(db: Db, viewer: Viewer, client: Reachable): boolean {
  if (viewer.role === 'evaluator') return false;
  if (viewer.role === 'admin' || client.assignedWorkerId === viewer.id) return true;
  return isOnCareTeam(db, client.id, viewer.id);
}

/** The same rule as a SQL condition on `clients`, for lists; undefined = no restriction. */
export function reachCondition(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'admin') return undefined;
  if (viewer.role === 'evaluator') return sql`0`;
  return or(
    eq(clients.assignedWorkerId, viewer.id),
    inArray(clients.id, sql`(SELECT ${careTeamMembers.clientId} FROM ${careTeamMembers} WHERE ${careTeamMembers.userId} = ${viewer.id})`),
  );
}

/** Why a user may read a client's health sections: 'care' (clinician on the team, responsible worker), 'breakGlass', or not at all. */
export type HealthAccess = 'care' | 'breakGlass' | 'none';

/** Break-the-glass grants of the open session: client id → until when (ms), for an admin outside the client's care. */
export interface HealthGrants {
  until(clientId: string): number | undefined;
}

/**
 * Health sections (screenings, OAT, blood-borne virus tests, overdoses, the assessment's health domains, SPEC W1):
 * the responsible worker and the clinicians on the care team. An admin who is neither reads them only through a
 * time-limited, audited break-the-glass grant; a caseworker on the team never.
 */
export function healthAccessOf(db: Db, viewer: Viewer, client: Reachable, grants?: HealthGrants, nowMs?: number): HealthAccess {
  if (viewer.role === 'evaluator') return 'none';
  if (client.assignedWorkerId === viewer.id) return 'care';
  if (viewer.role === 'clinician' && isOnCareTeam(db, client.id, viewer.id)) return 'care';
  if (viewer.role === 'admin' && grants && nowMs !== undefined && (grants.until(client.id) ?? 0) > nowMs) return 'breakGlass';
  return 'none';
}

export function mayReadHealth(db: Db, viewer: Viewer, client: Reachable, grants?: HealthGrants, nowMs?: number): boolean {
  return healthAccessOf(db, viewer, client, grants, nowMs) !== 'none';
}

/** Within reach, but the health sections are not for this user (a caseworker on the team, an admin without a grant). */
export function healthRefused(): ApiError {
  return apiError(
    'FORBIDDEN',
    "Health sections are for the client's responsible worker and the clinicians on the care team (an administrator can break the glass to read them).",
    'errors.careTeam.healthNotAllowed',
  );
}

/** The not-found answer for each kind of id: the same whether the record is missing or out of reach. */
const notFound: Record<ClientVia, () => ApiError> = {
  client: () => apiError('NOT_FOUND', 'No such client in your caseload.', 'errors.clientNotFound'),
  assessment: () => apiError('NOT_FOUND', 'No such assessment.', 'errors.assessmentNotFound'),
  consent: () => apiError('NOT_FOUND', 'No such consent.', 'errors.notFound'),
  referral: () => apiError('NOT_FOUND', 'The referral does not exist.', 'errors.referralNotFound'),
  attachment: () => apiError('NOT_FOUND', 'No such attachment.', 'errors.attachmentNotFound'),
};

/** Which client a record belongs to. */
const clientIdOf: Record<ClientVia, (db: Db, id: string) => string | undefined> = {
  client: (_db, id) => id,
  assessment: (db, id) => db.select({ c: assessments.clientId }).from(assessments).where(eq(assessments.id, id)).get()?.c,
  consent: (db, id) => db.select({ c: consents.clientId }).from(consents).where(eq(consents.id, id)).get()?.c,
  referral: (db, id) => db.select({ c: referrals.clientId }).from(referrals).where(eq(referrals.id, id)).get()?.c,
  attachment: (db, id) => db.select({ c: clientAttachments.clientId }).from(clientAttachments).where(eq(clientAttachments.id, id)).get()?.c,
};

const isWrite = (access: ClientAccess) => access === 'write' || access === 'health-write';
const isHealth = (access: ClientAccess) => access === 'health-read' || access === 'health-write';

/**
 * Resolves a call's client from its validated input and checks the user's right: NOT_FOUND outside the user's
 * reach (never revealing that the client exists), REFUSED for a change to a handed-over (read-only) case.
 */
export function resolveClientScope(
  db: Db,
  viewer: Viewer,
  scope: Exclude<ClientScope, 'none'>,
  input: Record<string, unknown>,
  grants?: HealthGrants,
  nowMs?: number,
): Client | null {
  const via = scope.via ?? 'client';
  const raw = input[scope.from];
  if (raw === undefined || raw === null || raw === '') {
    if (scope.optional) return null;
    throw notFound[via]();
  }
  if (typeof raw !== 'string') throw notFound[via]();
  const clientId = clientIdOf[via](db, raw);
  const client = clientId ? findClientById(db, clientId) : undefined;
  if (!client || !mayReachClient(db, viewer, client)) throw notFound[via]();
  if (isHealth(scope.access)) {
    // Writing health data needs a care relation; break-the-glass only ever reads.
    const health = healthAccessOf(db, viewer, client, grants, nowMs);
    if (health === 'none' || (isWrite(scope.access) && health !== 'care')) throw healthRefused();
  }
  if (isWrite(scope.access)) assertHeldHere(client);
  return client;
}

/**
 * After custody moved with a handover the sending side keeps a read-only copy, so two workers never edit the
 * same case in parallel (W8).
 */
export function assertHeldHere(client: Client): Client {
  if (client.custody === 'handedOver') {
    throw apiError('REFUSED', `This case was handed over to ${client.handedOverTo ?? 'another worker'} and is read-only here.`, 'errors.clientHandedOver', {
      to: client.handedOverTo ?? '',
    });
  }
  return client;
}

/** For a second client reference inside one call (e.g. the other assessment of a comparison): NOT_FOUND unless reachable. */
export function reachableClient(db: Db, viewer: Viewer, clientId: string): Client {
  const client = findClientById(db, clientId);
  if (!client || !mayReachClient(db, viewer, client)) throw notFound.client();
  return client;
}

/** A client within the user's reach, else NOT_FOUND (for code that is handed a client id beyond the call's own scope). */
export function assertClientReadable(db: Db, viewer: Viewer, clientId: string): Client {
  return reachableClient(db, viewer, clientId);
}

/** A client that exists and is held here (not handed over), else NOT_FOUND / REFUSED. */
export function assertClientWritable(db: Db, clientId: string): Client {
  const client = findClientById(db, clientId);
  if (!client) throw notFound.client();
  return assertHeldHere(client);
}
