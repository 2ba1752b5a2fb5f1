
import { readOfficeWideCaseload, writeOfficeWideCaseload } from '../../careTeam/caseloadVisibility';
import { randomUUID } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { apiError, ApiError } from '../../../../shared/api';
import type { sessionCalls } from '../../../../shared/api/calls/session';
import type { HandlersFor } from './types';
import { openStore, type Db } from '../../store/open';
import { settings } from '../../store/schema';
import { storeErrorFromFs } from '../../store/errors';
import { RECEIPT_OVERDUE_KEY, readReceiptOverdueDays } from '../../handover/handoverSettings';
import { appendAudit } from '../../audit/auditLog';
import {
  newKeySlotContent,
  newPasswordSlot,
  newRecoverySlot,
  sealKeySlotFile,
  unlockWithPassword,
  unlockWithRecovery,
  withInstallation,
  withSlot,
} from '../../keyslots/keySlots';
import { writeKeySlotFile } from '../../keyslots/keySlotFile';
import { writeKeySlotCopy } from '../../keyslots/keySlotCopy';
import { generateRecoveryKey, parseRecoveryKey } from '../../keyslots/recoveryKey';
import { findUserById, insertUser, listUsers, toSessionUser } from '../../users/userRepository';
import { SETUP_MARKER_FILE } from '../../store/setupMarker';
import type { SessionPort as Backend } from '../context';

function wrongPassword(backend: Backend, username: string): never {
  const wait = backend.throttle.recordFailure(username);
  backend.recordWhileLocked({ actorId: null, actorName: username, action: 'session.loginFailed' });
  throw apiError('UNAUTHENTICATED', `Wrong username or password. You can try again in ${wait} s.`, 'errors.wrongPassword', { seconds: wait });
}

/** A slot the database no longer knows counts as a failed attempt too (growing delay). */
function countRevoked(backend: Backend, throttleKey: string, e: unknown): never {
  if (e instanceof ApiError && e.messageKey === 'errors.store.keySlotRevoked') backend.throttle.recordFailure(throttleKey);
  throw e;
}

export const sessionHandlers: HandlersFor<typeof sessionCalls> = {
  'app.status': (_input, { backend }) => {
    const state = backend.state();
    let installation: { organisation: string; workstation: string } | null = null;
    if (state !== 'uninitialized') {
      try {
        installation = backend.readKeySlots().installation;
      } catch {
        installation = null; // the unlock attempt reports the storage problem in words
      }
    }
    return {
      state,
      organisation: installation?.organisation ?? null,
      workstation: installation?.workstation ?? null,
      user: backend.session?.user ?? null,
      autoLockMinutes: backend.autoLockMinutes,
    };
  },

  /**
   * All or nothing: Argon2id first, then a marker, the database, the key slots, and the marker removed last.
   * A crash at any point leaves a half-made installation that `isHalfMade` recognises and set-up clears.
   */
  'setup.initialize': async (input, { backend }) => {
    if (backend.isInitialized() && !backend.isHalfMade()) throw apiError('REFUSED', 'This workstation is already set up.', 'errors.alreadySetUp');
    const installation = { organisation: input.organisation, workstation: input.workstation };
    const created = newKeySlotContent(installation);
    const recovery = generateRecoveryKey();
    const now = new Date(backend.now());
    const adminId = randomUUID();
    let content = withSlot(created.content, await newPasswordSlot(created.content, created.dataKey, { id: adminId, username: input.admin.username }, input.admin.password));
    content = withSlot(content, await newRecoverySlot(content, created.dataKey, recovery.secret));
    if (backend.isInitialized() && !backend.isHalfMade()) throw apiError('REFUSED', 'This workstation is already set up.', 'errors.alreadySetUp');
    if (backend.isHalfMade()) backend.setAsideHalfMade();
    const marker = path.join(backend.dataDir, SETUP_MARKER_FILE);
    try {
      writeFileSync(marker, `${now.toISOString()}\n`, { mode: 0o600 });
    } catch (e) {
      throw storeErrorFromFs(e, 'The data folder cannot be written.');
    }
    const store = openStore(backend.dbPath, created.dataKey, { create: true });
    let admin;
    try {
      admin = store.db.transaction((tx) => {
        const user = insertUser(tx, { id: adminId, username: input.admin.username, displayName: input.admin.displayName, role: 'admin' }, now);
        tx.insert(settings).values({ key: 'autoLockMinutes', value: JSON.stringify(5) }).run();
        writeKeySlotCopy(tx, content, now);
        appendAudit(tx, { actorId: user.id, actorName: user.username, action: 'setup.initialized', entityType: 'user', entityId: user.id }, now);
        return user;
      });
    } finally {
      store.close();
    }
    writeKeySlotFile(backend.dataDir, sealKeySlotFile(content, null, created.dataKey));
    rmSync(marker, { force: true });
    const candidates = backend.readKeySlotCandidates();
    const slot = content.slots.find((s) => s.userId === admin.id)!;
    backend.openWithSlot({ dataKey: created.dataKey, slot, file: candidates.files[0]! }, candidates, toSessionUser(admin));
    return { recoveryKey: recovery.display, user: toSessionUser(admin) };
  },

  'session.login': async (input, { backend }) => {
    if (!backend.isInitialized()) throw apiError('REFUSED', 'This workstation is not set up yet.', 'errors.notSetUp');
    const wait = backend.throttle.waitSeconds(input.username);
    if (wait > 0) throw apiError('RATE_LIMITED', `Too many wrong passwords. Wait ${wait} s before trying again.`, 'errors.loginWait', { seconds: wait });
    const candidates = backend.readKeySlotCandidates();
    const unlocked = await unlockWithPassword(candidates.files, input.username, input.password);
    if (!unlocked) wrongPassword(backend, input.username);
    let session;
    try {
      session = backend.openWithSlot(unlocked, candidates, null);
    } catch (e) {
      countRevoked(backend, input.username, e);
    }
    const user = findUserById(session.store.db, unlocked.userId);
    if (!user || user.removedAt) {
      backend.closeSession();
      wrongPassword(backend, input.username);
    }
    session.user = toSessionUser(user);
    backend.recoveryMode = false;
    backend.throttle.recordSuccess(input.username);
    appendAudit(session.store.db, { actorId: user.id, actorName: user.username, action: 'session.login' });
    return { user: session.user, auditAnchor: session.anchorStatus };
  },

  'session.unlockWithRecoveryKey': async (input, { backend }) => {
    const secret = parseRecoveryKey(input.recoveryKey);
    const wait = backend.throttle.waitSeconds('#recovery');
    if (wait > 0) throw apiError('RATE_LIMITED', `Too many wrong attempts. Wait ${wait} s.`, 'errors.loginWait', { seconds: wait });
    const candidates = backend.readKeySlotCandidates();
    const found = secret ? await unlockWithRecovery(candidates.files, secret) : null;
    if (!found) {
      const seconds = backend.throttle.recordFailure('#recovery');
      backend.recordWhileLocked({ actorId: null, actorName: null, action: 'session.recoveryFailed' });
      throw apiError('UNAUTHENTICATED', `This recovery key does not open this database. You can try again in ${seconds} s.`, 'errors.wrongRecoveryKey', { seconds });
    }
    let session;
    try {
      session = backend.openWithSlot(found, candidates, null);
    } catch (e) {
      countRevoked(backend, '#recovery', e);
    }
    backend.throttle.recordSuccess('#recovery');
    backend.recoveryMode = true;
    appendAudit(session.store.db, { actorId: null, actorName: null, action: 'session.recoveryUnlock' });
    return { admins: listUsers(session.store.db, false).filter((u) => u.role === 'admin').map(toSessionUser), auditAnchor: session.anchorStatus };
  },

  'session.recoverySetPassword': async (input, { backend }) => {
    const session = backend.session;
    if (!session) throw apiError('LOCKED', 'The app is locked.', 'errors.locked');
    const db = session.store.db;
    const user = findUserById(db, input.userId);
    if (!user || user.removedAt || user.role !== 'admin') throw apiError('NOT_FOUND', 'No such administrator.', 'errors.notFound');
    const slot = await newPasswordSlot(backend.readKeySlots(), session.dataKey, user, input.newPassword);
    backend.changeKeySlots({ actorId: user.id, actorName: user.username, action: 'user.passwordResetByRecovery', entityType: 'user', entityId: user.id }, (c) => withSlot(c, slot));
    session.user = toSessionUser(user);
    backend.recoveryMode = false;
    return { user: session.user };
  },

  'session.lock': (input, { backend }) => {
    backend.lockSession(input.reason);
    return {};
  },

  'session.activity': () => ({}),

  'session.changeOwnPassword': async (input, ctx) => {
    // Checked against the authoritative copy: an old slot revived in the file beside it does not count.
    const content = ctx.installation.readKeySlots();
    const check = await unlockWithPassword({ ...sealKeySlotFile(content, null, ctx.installation.dataKey()) }, ctx.user.username, input.currentPassword);
    if (!check || check.userId !== ctx.user.id) {
      throw apiError('VALIDATION', 'The current password is wrong.', 'errors.currentPasswordWrong');
    }
    const slot = await newPasswordSlot(content, ctx.installation.dataKey(), ctx.user, input.newPassword);
    ctx.installation.changeKeySlots({ actorId: ctx.user.id, actorName: ctx.user.username, action: 'user.passwordChanged', entityType: 'user', entityId: ctx.user.id }, (c) => withSlot(c, slot));
    return {};
  },

  'settings.get': (_input, ctx) => {
    const file = ctx.installation.readKeySlots();
    return { ...file.installation, autoLockMinutes: ctx.installation.autoLockMinutes, receiptOverdueDays: readReceiptOverdueDays(ctx.db), officeWideCaseload: readOfficeWideCaseload(ctx.db) };
  },

  'settings.update': (input, ctx) => {
    const current = ctx.installation.readKeySlots().installation;
    const installation = {
      organisation: input.organisation ?? current.organisation,
      workstation: input.workstation ?? current.workstation,
    };
    const autoLockMinutes = input.autoLockMinutes ?? ctx.installation.autoLockMinutes;
    const receiptOverdueDays = input.receiptOverdueDays ?? readReceiptOverdueDays(ctx.db);
    const officeWideCaseload = input.officeWideCaseload ?? readOfficeWideCaseload(ctx.db);
    const event = { action: 'settings.updated', details: { autoLockMinutes, receiptOverdueDays, officeWideCaseload } };
    const namesChanged = installation.organisation !== current.organisation || installation.workstation !== current.workstation;
    // The names live in the key slots (shown before unlock), so changing them is a key-slot change.
    const write = namesChanged
      ? (fn: (tx: Db) => void) => ctx.installation.changeKeySlots({ actorId: ctx.user.id, actorName: ctx.user.username, ...event }, (c) => withInstallation(c, installation), fn)
      : (fn: (tx: Db) => void) => ctx.change(event, fn);
    write((tx) => {
      tx.insert(settings)
        .values({ key: RECEIPT_OVERDUE_KEY, value: JSON.stringify(receiptOverdueDays) })
        .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(receiptOverdueDays) } })
        .run();
      tx.insert(settings)
        .values({ key: 'autoLockMinutes', value: JSON.stringify(autoLockMinutes) })
        .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(autoLockMinutes) } })
        .run();
      writeOfficeWideCaseload(tx, officeWideCaseload);
    });
    ctx.installation.autoLockMinutes = autoLockMinutes;
    return { ...installation, autoLockMinutes, receiptOverdueDays, officeWideCaseload };
  },
};

