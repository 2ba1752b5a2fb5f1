import { eq, type SQL } from 'drizzle-orm';
import { apiError, type ApiError, type ClientAccess, type ClientScope, type ClientVia } from '../../../shared/api';
import type { Client } from '../../../shared/schemas/client';
import type { SessionUser } from '../../../shared/schemas/user';
import type { Db } from '../store/open';
import { assessments, clientAttachments, clients, consents, referrals } from '../store/schema';
import { findClientById } from './clientRepository';

/**
 * Need to know (SPEC §4), in one place: who may reach which client. The dispatcher applies it to every
 * client-scoped call before the handler runs; lists (caseload, releases, my tasks) filter with `reachCondition`.
 */

type Viewer = Pick<SessionUser, 'id' | 'role'>;

/** Admins reach every client; other staff the clients they are responsible for. Evaluators never any. */
export function mayReachClient(viewer: Viewer, client: Pick<Client, 'assignedWorkerId'>): boolean {
  if (viewer.role === 'evaluator') return false;
  return viewer.role === 'admin' || client.assignedWorkerId === viewer.id;
}

/** The same rule as a SQL condition on `clients`, for lists; undefined = no restriction. */
export function reachCondition(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'admin') return undefined;
  return eq(clients.assignedWorkerId, viewer.id);
}

/** Health sections (screenings, OAT, BBV tests, overdoses, the assessment's health domains). */
export function mayReadHealth(viewer: Viewer, client: Pick<Client, 'assignedWorkerId'>): boolean {
  return mayReachClient(viewer, client);
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
export function resolveClientScope(db: Db, viewer: Viewer, scope: Exclude<ClientScope, 'none'>, input: Record<string, unknown>): Client | null {
  const via = scope.via ?? 'client';
  const raw = input[scope.from];
  if (raw === undefined || raw === null || raw === '') {
    if (scope.optional) return null;
    throw notFound[via]();
  }
  if (typeof raw !== 'string') throw notFound[via]();
  const clientId = clientIdOf[via](db, raw);
  const client = clientId ? findClientById(db, clientId) : undefined;
  if (!client || !mayReachClient(viewer, client)) throw notFound[via]();
  if (isHealth(scope.access) && !mayReadHealth(viewer, client)) throw notFound[via]();
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
  if (!client || !mayReachClient(viewer, client)) throw notFound.client();
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
