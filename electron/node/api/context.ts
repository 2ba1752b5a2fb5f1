import type Database from 'better-sqlite3';
import type { AnyCallDefinition } from '../../../shared/api/contract';
import type { Client } from '../../../shared/schemas/client';
import type { HealthAccess } from '../clients/clientAccess';
import type { SessionUser } from '../../../shared/schemas/user';
import type { AuditEvent } from '../audit/auditLog';
import type { Backend } from '../backend';
import type { AuditAnchor, KeySlotContent } from '../keyslots/keySlots';
import type { Db } from '../store/open';

/**
 * What a handler is given. The dispatcher (backend.ts) builds it from the call's contract entry: the user, the
 * client it already resolved and checked, a database handle of the kind the call declared, and one clock.
 * Handlers import only this module's types, never the backend, so there is no backend ↔ handlers cycle.
 */

declare const dbAccess: unique symbol;
/**
 * A handle on the read-only connection (SQLite opened read-only): what calls that do not change data get.
 * Branded so that it cannot be passed where a write handle is required, and read-only at run time as well.
 */
export type ReadDb = Db & { readonly [dbAccess]: 'read' };
/** A handle on the read-write connection: only calls declared `mutates: true` get one. */
export type WriteDb = Db & { readonly [dbAccess]: 'write' };

export type AuditInput = Omit<AuditEvent, 'actorId' | 'actorName'>;

/** The installation around the database, as far as user calls need it (organisation name, key slots). */
export interface InstallationPort {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly keySlotPath: string;
  organisation(): string;
  readKeySlots(): KeySlotContent;
  /** Key-slot changes: the copy inside the database, its audit entry and the file beside it in one transaction. */
  changeKeySlots<T>(event: AuditEvent, edit: (content: KeySlotContent) => KeySlotContent, fn?: (db: Db) => T): T;
  /** The open session's data key: to wrap it for a new or changed password. */
  dataKey(): Buffer;
  /** The audit anchor found beside the database at unlock. */
  auditAnchor(): AuditAnchor | null;
  autoLockMinutes: number;
  /** Break the glass: lets this session's admin read one client's health sections until `untilMs`. */
  grantHealthAccess(clientId: string, untilMs: number): void;
  /** Until when this session holds a break-the-glass grant for the client (ms), if it does. */
  healthGrantUntil(clientId: string): number | undefined;
}

/** ONE clock per call: `now` for timestamps, `today` the workstation's local calendar date (YYYY-MM-DD). */
export interface Clock {
  readonly now: Date;
  readonly today: string;
}

export interface ReadContext extends Clock {
  readonly user: SessionUser;
  readonly db: ReadDb;
  /** The read-only connection itself, for queries written in raw SQL (reports). */
  readonly sqlite: Database.Database;
  readonly installation: InstallationPort;
  /** Records a read of client data (SPEC W11), stamped with the call's clock. */
  audit(event: AuditInput): void;
}

export interface WriteContext extends Clock {
  readonly user: SessionUser;
  readonly db: WriteDb;
  readonly installation: InstallationPort;
  audit(event: AuditInput): void;
  /** Runs `fn` in one transaction together with its audit entry. */
  change<T>(event: AuditInput, fn: (tx: WriteDb) => T): T;
  /** The write connection itself, for the few bulk loads that need raw SQL (e.g. pausing search triggers during an import). */
  readonly sqlite: Database.Database;
}

/**
 * Session management before login and in recovery (setup, login, unlock): the only calls that open the store, so
 * they get the backend itself. A type-only import: erased at run time, so the backend and handlers form no cycle.
 */
export type SessionPort = Backend;

export interface SessionContext extends Clock {
  readonly backend: SessionPort;
}

type BaseContextFor<D extends AnyCallDefinition> = D['mutates'] extends true ? WriteContext : ReadContext;

/** The context type of one contract entry: public calls get the session port; user calls a read or write context, plus their client. */
export type ContextFor<D extends AnyCallDefinition> = D['access'] extends 'public' | 'recovery'
  ? SessionContext
  : D['client'] extends { optional: true }
    ? BaseContextFor<D> & { readonly client: Client | null; readonly health: HealthAccess }
    : D['client'] extends { access: string }
      ? BaseContextFor<D> & { readonly client: Client; readonly health: HealthAccess }
      : BaseContextFor<D>;

/** Any user context, for helpers shared by read and write calls. */
export type UserCallContext = ReadContext | WriteContext;
