import { accessSync, constants as fsConstants, existsSync, mkdirSync, appendFileSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import canonicalize from 'canonicalize';
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
import { StoreError, storeErrorFromFs, storeErrorKindOf } from './store/errors';
import { settings } from './store/schema';
import { acquireFolderLock, type FolderLock } from './store/folderLock';
import {
  KEY_SLOT_FILE_NAME,
  contentOf,
  macIsValid,
  sameSlot,
  sealKeySlotFile,
  type AuditAnchor,
  type KeySlotContent,
  type Unwrapped,
} from './keyslots/keySlots';
import { keySlotPaths, readKeySlotCandidates, removeStaleKeySlotTemps, writeKeySlotFile, type KeySlotCandidates } from './keyslots/keySlotFile';
import { readKeySlotCopy, writeKeySlotCopy } from './keyslots/keySlotCopy';
import { appendAudit, auditHeadOf, compareWithAnchor, type AuditEvent } from './audit/auditLog';
import type { AuditAnchorStatus } from '../../shared/schemas/audit';
import { LoginThrottle } from './session/loginThrottle';
import { handlers } from './api/handlers';
import type { Clock, InstallationPort, SessionContext } from './api/context';
import { createUserCallContext } from './api/callContext';
import { healthAccessOf, resolveClientScope } from './clients/clientAccess';
import { log } from './log';
import { inspectWal, isDamageError, quickCheck } from './store/integrity';
import { integrityError } from './backup/backupError';

export const DB_FILE_NAME = 'throughcare.db';
const PENDING_AUDIT_FILE = 'pending-audit.jsonl';
/** Present while `setup.initialize` runs: its leftovers after a crash are a half-made installation. */
export { SETUP_MARKER_FILE } from './store/setupMarker';
import { SETUP_MARKER_FILE } from './store/setupMarker';
/** The last pending-audit line already in the database, so a crash between commit and delete flushes nothing twice. */
const PENDING_FLUSHED_KEY = 'audit.pendingFlushedThrough';

export type AppStateName = 'uninitialized' | 'locked' | 'recovery' | 'unlocked';

export interface OpenSession {
  store: Store;
  dataKey: Buffer;
  /** null in a recovery session, until an admin password has been set. */
  user: SessionUser | null;
  lastActivity: number;
  /** The audit chain against its anchor outside the database, as found at unlock. */
  anchorStatus: AuditAnchorStatus;
  /** The anchor found beside the database at unlock (null when no authenticated one was there). */
  anchor: AuditAnchor | null;
  /** Kept as the anchor while history is missing, so the evidence is not overwritten by the next lock. */
  keptAnchor: AuditAnchor | null;
  /** Break-the-glass grants (client id → until, ms): they end with the session, at the latest when it locks. */
  healthGrants?: Map<string, number>;
}

export interface BackendOptions {
  dataDir: string;
  now?: () => number;
  /** Named to a second process that finds the folder in use, e.g. "Throughcare app", "CLI (users add)". */
  program?: string;
}

/**
 * One installation: a data folder with the encrypted database and its key-slot file, and at most one open
 * session. Both transports (Electron IPC, loopback bridge) call `invoke`; nothing else reaches the data.
 */
/** The rule behind a refusal when every issue is a named rule (`ruleIssue` in shared/schemas/client.ts). */
function ruleOf(issues: readonly { code: string; message: string; params?: Record<string, unknown> }[]): { key: string; message: string } | null {
  const keys = issues.map((i) => (i.code === 'custom' && typeof i.params?.i18n === 'string' ? i.params.i18n : null));
  const first = keys[0];
  if (!first || keys.some((k) => k === null)) return null;
  return { key: first.includes(':') ? first.slice(first.indexOf(':') + 1).replace(/^validation\./, '') : first, message: issues[0]!.message };
}

export class Backend {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly keySlotPath: string;
  readonly throttle: LoginThrottle;
  readonly now: () => number;
  session: OpenSession | null = null;
  recoveryMode = false;
  autoLockMinutes = AUTO_LOCK_DEFAULT_MINUTES;
  private readonly folderLock: FolderLock;

  constructor(opts: BackendOptions) {
    this.dataDir = opts.dataDir;
    this.dbPath = path.join(opts.dataDir, DB_FILE_NAME);
    this.keySlotPath = path.join(opts.dataDir, KEY_SLOT_FILE_NAME);
    this.now = opts.now ?? Date.now;
    this.throttle = new LoginThrottle(this.now);
    try {
      mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
      // A read-only stick or folder is named as such now, not as a failure to decrypt later.
      accessSync(opts.dataDir, fsConstants.W_OK);
    } catch (e) {
      throw storeErrorKindOf(e) ? storeErrorFromFs(e, 'The data folder cannot be used.') : e;
    }
    this.folderLock = acquireFolderLock(opts.dataDir, opts.program ?? defaultProgramName(), new Date(this.now()));
    removeStaleKeySlotTemps(opts.dataDir);
  }

  state(): AppStateName {
    if (this.session) return this.session.user ? 'unlocked' : 'recovery';
    return this.isInitialized() ? 'locked' : 'uninitialized';
  }

  /**
   * Initialised when there are installation files and no set-up was interrupted half-way. A database without
   * key slots (or the reverse) counts as initialised, so unlocking names the missing file and the restore;
   * set-up may still start again over it (`isHalfMade`), moving the leftovers aside.
   */
  isInitialized(): boolean {
    return this.hasInstallationFiles() && !existsSync(path.join(this.dataDir, SETUP_MARKER_FILE));
  }

  private hasInstallationFiles(): boolean {
    const { current, previous } = keySlotPaths(this.dataDir);
    return existsSync(current) || existsSync(previous) || existsSync(this.dbPath);
  }

  /**
   * A set-up that never finished (its marker is still there), or one file without the other: no user can
   * ever have got in, so it may be set up again. The leftovers are moved aside, never deleted.
   */
  isHalfMade(): boolean {
    if (existsSync(path.join(this.dataDir, SETUP_MARKER_FILE))) return true;
    const { current, previous } = keySlotPaths(this.dataDir);
    const slots = existsSync(current) || existsSync(previous);
    return slots !== existsSync(this.dbPath);
  }

  /** Moves a half-made installation's files into `abandoned-setup-<time>/` so set-up can start clean. */
  setAsideHalfMade(): void {
    const aside = path.join(this.dataDir, `abandoned-setup-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(aside, { recursive: true, mode: 0o700 });
    const { current, previous } = keySlotPaths(this.dataDir);
    for (const file of [this.dbPath, `${this.dbPath}-wal`, `${this.dbPath}-shm`, current, previous, path.join(this.dataDir, PENDING_AUDIT_FILE)]) {
      if (existsSync(file)) renameSync(file, path.join(aside, path.basename(file)));
    }
    rmSync(path.join(this.dataDir, SETUP_MARKER_FILE), { force: true });
  }

  /** Every usable key-slot file beside the database (current, then the previous generation). */
  readKeySlotCandidates(): KeySlotCandidates {
    return readKeySlotCandidates(this.dataDir);
  }

  /** Slots and installation names: the authoritative copy when unlocked, otherwise the best file beside it. */
  readKeySlots(): KeySlotContent {
    const inside = this.session ? readKeySlotCopy(this.session.store.db) : null;
    return inside ?? contentOf(this.readKeySlotCandidates().files[0]!);
  }

  /**
   * Changes the key slots: `fn` (the rows that go with it), the new copy inside the database (generation + 1),
   * its audit entry and the file beside it, all in one transaction that rolls back if the file cannot be written.
   * Synchronous from reading the copy to writing the file, so two changes in this process never interleave;
   * the folder lock keeps other processes out.
   */
  changeKeySlots<T>(event: AuditEvent, edit: (content: KeySlotContent) => KeySlotContent, fn: (db: Db) => T = () => undefined as T): T {
    const session = this.session;
    if (!session) throw apiError('LOCKED', 'The app is locked. Log in to continue.', 'errors.locked');
    const db = session.store.db;
    // The committed head before this change: the anchor may lag behind the head, never run ahead of it.
    const anchor = this.anchorToRecord(session);
    const at = new Date(this.now());
    return db.transaction((tx) => {
      const result = fn(tx);
      const inside = readKeySlotCopy(tx);
      if (!inside) throw new StoreError('damaged', 'The copy of the key slots inside the database is missing.');
      const next = { ...edit(inside), generation: inside.generation + 1 };
      writeKeySlotCopy(tx, next, at);
      appendAudit(tx, event, at);
      writeKeySlotFile(this.dataDir, sealKeySlotFile(next, anchor, session.dataKey));
      return result;
    });
  }

  private anchorToRecord(session: OpenSession): AuditAnchor {
    return session.keptAnchor ?? auditHeadOf(session.store.db);
  }

  /**
   * After a slot unwrapped the data key: opens the database and checks, in this order, that the database still
   * knows the slot (a removed user's or replaced password's slot from an old file is refused and nothing is
   * opened for them), that no acknowledged audit history is missing, and repairs the file beside it.
   */
  openWithSlot(found: Unwrapped, candidates: KeySlotCandidates, user: SessionUser | null): OpenSession {
    this.closeSession();
    // The slot authenticated this key: a database it does not open is damaged, not someone else's.
    const store = this.openCheckedStore(found.dataKey);
    try {
      const db = store.db;
      const at = new Date(this.now());
      let inside = readKeySlotCopy(db);
      if (!inside) {
        // First unlock since the database keeps the copy: adopt the file the data key authenticates.
        const trusted = candidates.files.find((f) => f.databaseId === found.file.databaseId && macIsValid(f, found.dataKey));
        const source = trusted ?? found.file;
        inside = { ...contentOf(source), generation: Math.max(1, source.generation) };
        const adopted = inside;
        db.transaction((tx) => {
          writeKeySlotCopy(tx, adopted, at);
          appendAudit(tx, { actorId: null, actorName: null, action: 'keySlots.copyCreated', details: { generation: adopted.generation, verified: Boolean(trusted) } }, at);
        });
      }
      const anchors = candidates.files.filter((f) => f.databaseId === inside.databaseId && f.anchor && macIsValid(f, found.dataKey)).map((f) => f.anchor!);
      const anchor = anchors.reduce<AuditAnchor | null>((best, a) => (!best || a.seq > best.seq ? a : best), null);
      const anchorStatus = compareWithAnchor(db, anchor);
      const keptAnchor = anchorStatus.state === 'lost' || anchorStatus.state === 'replaced' ? anchor : null;
      const session: OpenSession = { store, dataKey: found.dataKey, user, lastActivity: this.now(), anchor, anchorStatus, keptAnchor };

      if (!inside.slots.some((s) => sameSlot(s, found.slot))) {
        this.repairKeySlotFile(session, inside, candidates);
        appendAudit(db, { actorId: null, actorName: null, action: 'session.revokedSlotRefused', details: { slotKind: found.slot.kind } }, at);
        store.close();
        throw apiError('UNAUTHENTICATED', 'This password or key is no longer valid on this workstation (the account was removed or its password replaced).', 'errors.store.keySlotRevoked');
      }
      this.session = session;
      if (anchorStatus.state === 'lost' || anchorStatus.state === 'replaced') {
        appendAudit(db, { actorId: null, actorName: null, action: 'audit.historyLost', details: { missing: anchorStatus.missing, anchorSeq: anchorStatus.anchorSeq, state: anchorStatus.state } }, at);
      }
      this.repairKeySlotFile(session, inside, candidates);
      this.loadAutoLock(db);
      this.flushPendingAudit(db);
      return session;
    } catch (e) {
      if (this.session?.store === store) this.session = null;
      try {
        store.close();
      } catch {
        // already closed
      }
      found.dataKey.fill(0);
      throw e;
    }
  }

  /** Rewrites the file beside the database from the inside copy when it is missing, damaged, stale or ahead. */
  private repairKeySlotFile(session: OpenSession, inside: KeySlotContent, candidates: KeySlotCandidates): void {
    const current = candidates.current;
    let reason: string | null = null;
    if (!current) reason = 'missing';
    else if (!candidates.currentIntact || current.databaseId !== inside.databaseId || !macIsValid(current, session.dataKey)) reason = 'damaged';
    else if (current.generation < inside.generation) reason = 'stale';
    else if (current.generation > inside.generation) reason = 'ahead';
    else if (canonicalize(contentOf(current)) !== canonicalize(inside)) reason = 'differs';
    if (!reason) return;
    const details = { reason, outsideGeneration: current?.generation ?? null, insideGeneration: inside.generation };
    try {
      writeKeySlotFile(this.dataDir, sealKeySlotFile(inside, this.anchorToRecord(session), session.dataKey));
      appendAudit(session.store.db, { actorId: null, actorName: null, action: 'keySlots.repaired', details });
    } catch (e) {
      // A folder we cannot write does not stop anyone from working; the next unlock tries again.
      log.error('key-slot repair failed', { kind: e instanceof StoreError ? e.kind : 'unknown' });
      try {
        appendAudit(session.store.db, { actorId: null, actorName: null, action: 'keySlots.repairFailed', details });
      } catch {
        // disk full: the next unlock records it
      }
    }
  }

  /** The anchor status found at unlock, for `doctor` and `audit verify`; null while locked. */
  auditAnchorStatus(): AuditAnchorStatus | null {
    return this.session?.anchorStatus ?? null;
  }

  /** Records the audit head beside the database (clean lock or close); never throws. */
  private recordAnchor(session: OpenSession): void {
    try {
      const inside = readKeySlotCopy(session.store.db);
      if (inside) writeKeySlotFile(this.dataDir, sealKeySlotFile(inside, this.anchorToRecord(session), session.dataKey));
    } catch (e) {
      log.error('recording the audit anchor failed', { kind: e instanceof StoreError ? e.kind : 'unknown' });
    }
  }

  /** Records the lock (or, when the database cannot take it, in the pending file), then drops the key. Never throws. */
  lockSession(reason: string): void {
    const session = this.session;
    if (session) {
      const event = { actorId: session.user?.id ?? null, actorName: session.user?.username ?? null, action: 'session.lock', details: { reason } };
      try {
        appendAudit(session.store.db, event, new Date(this.now()));
      } catch {
        try {
          this.recordWhileLocked(event);
        } catch {
          // Disk full even for one line: locking matters more than its record.
        }
      }
    }
    this.closeSession();
    this.recoveryMode = false;
  }

  /** Drops the key and closes the database; records the audit anchor first. Never throws. */

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
    const session = this.session;
    if (!session) return;
    this.session = null;
    this.recordAnchor(session);
    try {
      session.store.close();
    } catch (e) {
      log.error('closing the database failed', { code: (e as { code?: string }).code ?? null });
    }
    session.dataKey.fill(0);
  }

  private loadAutoLock(db: Db): void {
    const row = db.select().from(settings).where(eq(settings.key, 'autoLockMinutes')).get();
    this.autoLockMinutes = row ? Number(JSON.parse(row.value)) : AUTO_LOCK_DEFAULT_MINUTES;
  }

  /** Failed logins happen while the database is locked; they wait in a side file (no personal data) until unlock. */
  recordWhileLocked(event: AuditEvent): void {
    const line = { ...event, at: new Date(this.now()).toISOString(), pendingId: randomUUID() };
    appendFileSync(path.join(this.dataDir, PENDING_AUDIT_FILE), `${JSON.stringify(line)}\n`, { mode: 0o600 });
  }

  /** One transaction for all pending lines and the marker of the last one, so a crash never flushes a line twice. */
  private flushPendingAudit(db: Db): void {
    const file = path.join(this.dataDir, PENDING_AUDIT_FILE);
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const flushed = db.select().from(settings).where(eq(settings.key, PENDING_FLUSHED_KEY)).get()?.value;
    const ids = lines.map((line) => {
      try {
        return (JSON.parse(line) as { pendingId?: string }).pendingId ?? null;
      } catch {
        return null;
      }
    });
    const start = flushed ? ids.indexOf(JSON.parse(flushed) as string) + 1 : 0;
    const lastId = ids.findLast((id) => id !== null) ?? null;
    db.transaction((tx) => {
      for (const line of lines.slice(start)) {
        try {
          const { at, pendingId: _id, ...event } = JSON.parse(line) as AuditEvent & { at: string; pendingId?: string };
          appendAudit(tx, event, new Date(at));
        } catch {
          appendAudit(tx, { actorId: null, actorName: null, action: 'audit.pendingEntryUnreadable' });
        }
      }
      if (lastId) {
        tx.insert(settings)
          .values({ key: PENDING_FLUSHED_KEY, value: JSON.stringify(lastId) })
          .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(lastId) } })
          .run();
      }
    });
    rmSync(file, { force: true });
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
      changeKeySlots: (event, edit, fn) => this.changeKeySlots(event, edit, fn),
      dataKey: () => session.dataKey,
      auditAnchor: () => session.anchor,
      get autoLockMinutes() {
        return getMinutes();
      },
      set autoLockMinutes(minutes: number) {
        setMinutes(minutes);
      },
      grantHealthAccess: (clientId, untilMs) => {
        (session.healthGrants ??= new Map()).set(clientId, untilMs);
      },
      healthGrantUntil: (clientId) => session.healthGrants?.get(clientId),
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
        // A broken cross-field rule (e.g. "earliest release after the end of sentence") is named, not "invalid fields".
        const rule = ruleOf(parsed.error.issues);
        throw new ApiError({
          code: 'VALIDATION',
          message: rule?.message ?? 'Some fields are not valid.',
          messageKey: rule ? `validation.${rule.key}` : 'errors.validation',
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
        const grants = { until: (clientId: string) => session.healthGrants?.get(clientId) };
        const client = def.client === 'none' ? undefined : resolveClientScope(session.store.db, session.user, def.client, parsed.data as Record<string, unknown>, grants, ms);
        const health = client ? healthAccessOf(session.store.db, session.user, client, grants, ms) : 'none';
        ctx = createUserCallContext({ store: session.store, user: session.user, mutates: def.mutates, clock, installation: this.installationPort(session), client, health });
      }
      const handler = handlers[name] as (input: unknown, ctx: unknown) => unknown;
      const value = await handler(parsed.data, ctx);
      if (this.session) this.session.lastActivity = this.now();
      return { ok: true, value: def.output.parse(value) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e, name) };
    }
  }

  /** Locks (audited, never failing) and releases the data folder for other programs. */
  close(): void {
    if (this.session) this.lockSession('close');
    this.folderLock.release();
  }
}

function defaultProgramName(): string {
  return `Throughcare (${path.basename(process.argv[1] ?? process.argv0)})`;
}

function toErrorPayload(e: unknown, name: string): ApiErrorPayload {
  if (e instanceof ApiError) return e.toPayload();
  if (e instanceof StoreError) return { code: 'STORAGE', message: e.message, messageKey: `errors.store.${e.kind}`, ...(e.params ? { params: e.params } : {}) };
  if (e instanceof z.ZodError) {
    log.error('output validation failed', { call: name });
    return { code: 'INTERNAL', message: 'Internal error: the answer did not match the contract.', messageKey: 'errors.internal' };
  }
  const err = e as { code?: string; name?: string };
  if (isDamageError(e)) {
    log.error('database damaged', { call: name, code: err.code ?? null });
    return integrityError('damaged').toPayload();
  }
  const fault = storeErrorKindOf(e);
  if (fault === 'diskFull') return { code: 'STORAGE', message: 'The disk is full. Nothing was saved.', messageKey: 'errors.store.diskFull' };
  if (fault === 'readOnly') return { code: 'STORAGE', message: 'The data folder cannot be written (read-only folder or USB stick, or missing permission). Nothing was saved.', messageKey: 'errors.store.readOnly' };
  if (fault === 'damaged') return { code: 'STORAGE', message: 'The data is damaged (a damaged page or file). Run `doctor` and restore from a backup.', messageKey: 'errors.store.damaged' };
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
