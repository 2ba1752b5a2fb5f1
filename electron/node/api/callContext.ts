import type { Client } from '../../../shared/schemas/client';
import type { SessionUser } from '../../../shared/schemas/user';
import { appendAudit } from '../audit/auditLog';
import type { HealthAccess } from '../clients/clientAccess';
import type { Store } from '../store/open';
import type { Clock, InstallationPort, ReadContext, ReadDb, WriteContext, WriteDb } from './context';

export interface UserCallContextOptions {
  store: Store;
  user: SessionUser;
  /** From the contract: a write handle only for calls that change data. */
  mutates: boolean;
  clock: Clock;
  installation: InstallationPort;
  /** The client the dispatcher resolved and checked; undefined for calls without a client scope. */
  client?: Client | null | undefined;
  /** The user's right to the client's health sections (clientAccess.ts), for calls that return a mix and strip them. */
  health?: HealthAccess;
}

/** Builds the context of a logged-in user's call (the dispatcher's half of the contract). */
export function createUserCallContext(opts: UserCallContextOptions): (ReadContext | WriteContext) & { client?: Client | null; health?: HealthAccess } {
  const { store, user, clock } = opts;
  const writeDb = store.db as WriteDb;
  const actor = { actorId: user.id, actorName: user.username };
  const base = {
    user,
    installation: opts.installation,
    now: clock.now,
    today: clock.today,
    // Reads of client data are audited too (SPEC W11): the audit trail is the one thing a read call writes.
    audit: (event: Parameters<ReadContext['audit']>[0]) => appendAudit(writeDb, { ...actor, ...event }, clock.now),
    ...(opts.client === undefined ? {} : { client: opts.client, health: opts.health ?? 'none' }),
  };
  if (!opts.mutates) {
    // The read-only connection (the plain benchmark twin has none and shares the main one).
    return { ...base, db: (store.readDb ?? store.db) as ReadDb, sqlite: store.readSqlite ?? store.sqlite };
  }
  return {
    ...base,
    db: writeDb,
    sqlite: store.sqlite,
    change: (event, fn) =>
      writeDb.transaction((tx) => {
        const result = fn(tx as unknown as WriteDb);
        appendAudit(tx, { ...actor, ...event }, clock.now);
        return result;
      }),
  } satisfies WriteContext;
}
