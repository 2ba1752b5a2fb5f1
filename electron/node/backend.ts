import { existsSync, mkdirSync, appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  ApiError,
  apiContract,
  apiError,
  isCallName,
  issuesFromZod,
  type ApiErrorPayload,
  type ApiResult,
  type AnyCallDefinition,
} from '../../shared/api';
import type { Role, SessionUser } from '../../shared/schemas/user';
import { localDate } from '../../shared/plan';
import { AUTO_LOCK_DEFAULT_MINUTES } from '../../shared/schemas/settings';
import { openStore, type Db, type Store } from './store/open';
import { StoreError } from './store/errors';
import { settings } from './store/schema';
import { KEY_SLOT_FILE_NAME, readKeySlotFile, writeKeySlotFile, type KeySlotFile } from './keyslots/keySlots';
import { appendAudit, type AuditEvent } from './audit/auditLog';
import { LoginThrottle } from './session/loginThrottle';
import { handlers } from './api/handlers';
import type { Clock, InstallationPort, SessionContext, SessionPort } from './api/context';
import { createUserCallContext } from './api/callContext';
import { resolveClientScope } from './clients/clientAccess';
import { log } from './log';
import { inspectWal, isDamageError, quickCheck } from './store/integrity';
import { integrityError } from './backup/backupError';

export const DB_FILE_NAME = 'throughcare.db';
const PENDING_AUDIT_FILE = 'pending-audit.jsonl';

export type AppStateName = 'uninitialized' | 'locked' | 'recovery' | 'unlocked';

export interface OpenSession {
  store: Store;
  dataKey: Buffer;
  /** null in a recovery session, until an admin password has been set. */
  user: SessionUser | null;
  lastActivity: number;
}

export interface BackendOptions {
  dataDir: string;
  now?: () => number;
}

/**
 * One installation: a data folder with the encrypted database and its key-slot file, and at most one open
 * session. Both transports (Electron IPC, loopback bridge) call `invoke`; nothing else reaches the data.
 */
export class Backend implements SessionPort {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly keySlotPath: string;
  readonly throttle: LoginThrottle;
  readonly now: () => number;
  session: OpenSession | null = null;
  recoveryMode = false;
  autoLockMinutes = AUTO_LOCK_DEFAULT_MINUTES;

  constructor(opts: BackendOptions) {
    this.dataDir = opts.dataDir;
    this.dbPath = path.join(opts.dataDir, DB_FILE_NAME);
    this.keySlotPath = path.join(opts.dataDir, KEY_SLOT_FILE_NAME);
    this.now = opts.now ?? Date.now;
    this.throttle = new LoginThrottle(this.now);
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  }

  state(): AppStateName {
    if (this.session) return this.session.user ? 'unlocked' : 'recovery';
    return this.isInitialized() ? 'locked' : 'uninitialized';
  }

  /** Initialised as soon as either file exists: we never create over a database or key slots we cannot open. */
  isInitialized(): boolean {
    return existsSync(this.keySlotPath) || existsSync(this.dbPath);
  }

  readKeySlots(): KeySlotFile {
    if (!existsSync(this.keySlotPath) && existsSync(this.dbPath)) {
      throw new StoreError('keySlotsMissing', 'The key-slot file is missing beside the database; it cannot be unlocked. Restore the key-slot file from a backup.');
    }
    return readKeySlotFile(this.keySlotPath);
  }

  writeKeySlots(file: KeySlotFile): void {
    writeKeySlotFile(this.keySlotPath, file);
  }

  /** Opens the database with the data key and starts a session; flushes audit events recorded while locked. */
  openSession(dataKey: Buffer, user: SessionUser | null): OpenSession {
    this.closeSession();
    const store = this.openCheckedStore(dataKey);
    const session: OpenSession = { store, dataKey, user, lastActivity: this.now() };
    this.session = session;
    this.loadAutoLock(store.db);
    this.flushPendingAudit(store.db);
    return session;
  }

  /**
   * Opens the database after checking what SQLite would silently skip (a damaged write-ahead log) and then runs the
   * quick integrity check. The data key has just unwrapped an authenticated slot, so a file it cannot read is damaged.
   */
  private openCheckedStore(dataKey: Buffer): Store {
    const wal = inspectWal(`${this.dbPath}-wal`);
    if (wal?.kind === 'walDamaged') throw integrityError('walDamaged', { count: wal.lostTransactions });
    let store: Store;
    try {
      store = openStore(this.dbPath, dataKey);
    } catch (e) {
      if (isDamageError(e) || (e instanceof StoreError && e.kind === 'notOurs')) throw integrityError('damaged');
      throw e;
    }
    const problem = quickCheck(store.sqlite);
    if (problem) {
      store.close();
      log.error('integrity check failed at unlock', { kind: problem.kind });
      throw integrityError('damaged');
    }
    return store;
  }

  closeSession(): void {
    if (!this.session) return;
    this.session.store.close();
    this.session.dataKey.fill(0);
    this.session = null;
  }

  private loadAutoLock(db: Db): void {
    const row = db.select().from(settings).where(eq(settings.key, 'autoLockMinutes')).get();
    this.autoLockMinutes = row ? Number(JSON.parse(row.value)) : AUTO_LOCK_DEFAULT_MINUTES;
  }

  /** Failed logins happen while the database is locked; they wait in a side file (no personal data) until unlock. */
  recordWhileLocked(event: AuditEvent): void {
    appendFileSync(path.join(this.dataDir, PENDING_AUDIT_FILE), `${JSON.stringify({ ...event, at: new Date(this.now()).toISOString() })}\n`, { mode: 0o600 });
  }

  private flushPendingAudit(db: Db): void {
    const file = path.join(this.dataDir, PENDING_AUDIT_FILE);
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    db.transaction((tx) => {
      for (const line of lines) {
        try {
          const { at, ...event } = JSON.parse(line) as AuditEvent & { at: string };
          appendAudit(tx, event, new Date(at));
        } catch {
          appendAudit(tx, { actorId: null, actorName: null, action: 'audit.pendingEntryUnreadable' });
        }
      }
    });
    rmSync(file);
  }

  /** What user calls may know of the installation around the database. */
  private installationPort(session: OpenSession): InstallationPort {
    const getMinutes = () => this.autoLockMinutes;
    const setMinutes = (minutes: number) => {
      this.autoLockMinutes = minutes;
    };
    return {
      dataDir: this.dataDir,
      dbPath: this.dbPath,
      keySlotPath: this.keySlotPath,
      organisation: () => this.readKeySlots().installation.organisation,
      readKeySlots: () => this.readKeySlots(),
      writeKeySlots: (file) => this.writeKeySlots(file),
      dataKey: () => session.dataKey,
      get autoLockMinutes() {
        return getMinutes();
      },
      set autoLockMinutes(minutes: number) {
        setMinutes(minutes);
      },
    };
  }

  private checkAccess(def: AnyCallDefinition): void {
    const access = def.access;
    if (access === 'public') return;
    if (access === 'recovery') {
      if (this.state() !== 'recovery') throw apiError('FORBIDDEN', 'Only possible after unlocking with the recovery key.', 'errors.forbidden');
      return;
    }
    const session = this.session;
    if (!session?.user) {
      throw this.recoveryMode || this.isInitialized()
        ? apiError('LOCKED', 'The app is locked. Log in to continue.', 'errors.locked')
        : apiError('UNAUTHENTICATED', 'Please log in.', 'errors.unauthenticated');
    }
    // Backstop for the renderer's idle timer: a session idle past the timeout (plus grace) is locked here too.
    if (this.now() - session.lastActivity > (this.autoLockMinutes * 60 + 60) * 1000) {
      this.closeSession();
      throw apiError('LOCKED', 'The app locked itself after inactivity. Log in to continue.', 'errors.locked');
    }
    if (access !== 'user' && !(access as readonly Role[]).includes(session.user.role)) {
      throw apiError('FORBIDDEN', 'Your role does not allow this.', 'errors.forbidden');
    }
  }

  async invoke(name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
    try {
      if (typeof name !== 'string' || !isCallName(name)) {
        throw apiError('BAD_REQUEST', `Unknown call "${String(name).slice(0, 100)}".`, 'errors.badRequest');
      }
      const def: AnyCallDefinition = apiContract[name];
      this.checkAccess(def);
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        throw new ApiError({
          code: 'VALIDATION',
          message: 'Some fields are not valid.',
          messageKey: 'errors.validation',
          issues: issuesFromZod(parsed.error),
        });
      }
      const ms = this.now();
      const clock: Clock = { now: new Date(ms), today: localDate(ms) };
      let ctx: unknown;
      if (def.access === 'public' || def.access === 'recovery') {
        ctx = { backend: this, ...clock } satisfies SessionContext;
      } else {
        const session = this.session as OpenSession & { user: SessionUser };
        // The client is resolved and the user's right checked before the handler runs (the contract's `client`).
        const client = def.client === 'none' ? undefined : resolveClientScope(session.store.db, session.user, def.client, parsed.data as Record<string, unknown>);
        ctx = createUserCallContext({ store: session.store, user: session.user, mutates: def.mutates, clock, installation: this.installationPort(session), client });
      }
      const handler = handlers[name] as (input: unknown, ctx: unknown) => unknown;
      const value = await handler(parsed.data, ctx);
      if (this.session) this.session.lastActivity = this.now();
      return { ok: true, value: def.output.parse(value) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e, name) };
    }
  }

  close(): void {
    this.closeSession();
  }
}

function toErrorPayload(e: unknown, name: string): ApiErrorPayload {
  if (e instanceof ApiError) return e.toPayload();
  if (e instanceof StoreError) return { code: 'STORAGE', message: e.message, messageKey: `errors.store.${e.kind}` };
  if (e instanceof z.ZodError) {
    log.error('output validation failed', { call: name });
    return { code: 'INTERNAL', message: 'Internal error: the answer did not match the contract.', messageKey: 'errors.internal' };
  }
  const err = e as { code?: string; name?: string };
  if (isDamageError(e)) {
    log.error('database damaged', { call: name, code: err.code ?? null });
    return integrityError('damaged').toPayload();
  }
  if (err?.code === 'SQLITE_FULL') return { code: 'STORAGE', message: 'The disk is full. Nothing was saved.', messageKey: 'errors.store.diskFull' };
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: 'This conflicts with existing data.', messageKey: 'errors.conflict' };
  }
  // Application logs carry the call name and error class only: never inputs, which may hold personal data.
  log.error('call failed', { call: name, error: err?.name ?? 'unknown', code: err?.code ?? null });
  return { code: 'INTERNAL', message: 'Internal error. Nothing was changed.', messageKey: 'errors.internal' };
}

export function createBackend(opts: BackendOptions): Backend {
  return new Backend(opts);
}
