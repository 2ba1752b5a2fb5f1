
import { apiError } from '../../../../shared/api';
import type { sessionCalls } from '../../../../shared/api/calls/session';
import type { HandlersFor } from './types';
import { openStore } from '../../store/open';
import { settings } from '../../store/schema';
import { RECEIPT_OVERDUE_KEY, readReceiptOverdueDays } from '../../handover/handoverSettings';
import { appendAudit } from '../../audit/auditLog';
import {
  newKeySlotFile,
  unlockWithPassword,
  unlockWithRecovery,
  withInstallation,
  withPasswordSlot,
  withRecoverySlot,
} from '../../keyslots/keySlots';
import { generateRecoveryKey, parseRecoveryKey } from '../../keyslots/recoveryKey';
import { findUserById, insertUser, listUsers, toSessionUser } from '../../users/userRepository';
import type { SessionPort } from '../context';

function wrongPassword(backend: SessionPort, username: string): never {
  const wait = backend.throttle.recordFailure(username);
  backend.recordWhileLocked({ actorId: null, actorName: username, action: 'session.loginFailed' });
  throw apiError('UNAUTHENTICATED', `Wrong username or password. You can try again in ${wait} s.`, 'errors.wrongPassword', { seconds: wait });
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

  'setup.initialize': async (input, { backend, now }) => {
    if (backend.isInitialized()) throw apiError('REFUSED', 'This workstation is already set up.', 'errors.alreadySetUp');
    const installation = { organisation: input.organisation, workstation: input.workstation };
    const created = newKeySlotFile(installation);
    const recovery = generateRecoveryKey();
    const store = openStore(backend.dbPath, created.dataKey, { create: true, readConnection: false });
    let admin;
    try {
      admin = store.db.transaction((tx) => {
        const user = insertUser(tx, { username: input.admin.username, displayName: input.admin.displayName, role: 'admin' }, now);
        tx.insert(settings).values({ key: 'autoLockMinutes', value: JSON.stringify(5) }).run();
        appendAudit(tx, { actorId: user.id, actorName: user.username, action: 'setup.initialized', entityType: 'user', entityId: user.id }, now);
        return user;
      });
    } finally {
      store.close();
    }
    let file = await withPasswordSlot(created.file, created.dataKey, admin, input.admin.password);
    file = await withRecoverySlot(file, created.dataKey, recovery.secret);
    backend.writeKeySlots(file);
    backend.openSession(created.dataKey, toSessionUser(admin));
    return { recoveryKey: recovery.display, user: toSessionUser(admin) };
  },

  'session.login': async (input, { backend }) => {
    if (!backend.isInitialized()) throw apiError('REFUSED', 'This workstation is not set up yet.', 'errors.notSetUp');
    const wait = backend.throttle.waitSeconds(input.username);
    if (wait > 0) throw apiError('RATE_LIMITED', `Too many wrong passwords. Wait ${wait} s before trying again.`, 'errors.loginWait', { seconds: wait });
    const file = backend.readKeySlots();
    const unlocked = await unlockWithPassword(file, input.username, input.password);
    if (!unlocked) wrongPassword(backend, input.username);
    const session = backend.openSession(unlocked.dataKey, null);
    const user = findUserById(session.store.db, unlocked.userId);
    if (!user || user.removedAt) {
      backend.closeSession();
      wrongPassword(backend, input.username);
    }
    session.user = toSessionUser(user);
    backend.recoveryMode = false;
    backend.throttle.recordSuccess(input.username);
    appendAudit(session.store.db, { actorId: user.id, actorName: user.username, action: 'session.login' });
    return { user: session.user };
  },

  'session.unlockWithRecoveryKey': async (input, { backend }) => {
    const secret = parseRecoveryKey(input.recoveryKey);
    const wait = backend.throttle.waitSeconds('#recovery');
    if (wait > 0) throw apiError('RATE_LIMITED', `Too many wrong attempts. Wait ${wait} s.`, 'errors.loginWait', { seconds: wait });
    const file = backend.readKeySlots();
    const dataKey = secret ? await unlockWithRecovery(file, secret) : null;
    if (!dataKey) {
      const seconds = backend.throttle.recordFailure('#recovery');
      backend.recordWhileLocked({ actorId: null, actorName: null, action: 'session.recoveryFailed' });
      throw apiError('UNAUTHENTICATED', `This recovery key does not open this database. You can try again in ${seconds} s.`, 'errors.wrongRecoveryKey', { seconds });
    }
    backend.throttle.recordSuccess('#recovery');
    const session = backend.openSession(dataKey, null);
    backend.recoveryMode = true;
    appendAudit(session.store.db, { actorId: null, actorName: null, action: 'session.recoveryUnlock' });
    return { admins: listUsers(session.store.db, false).filter((u) => u.role === 'admin').map(toSessionUser) };
  },

  'session.recoverySetPassword': async (input, { backend }) => {
    const session = backend.session;
    if (!session) throw apiError('LOCKED', 'The app is locked.', 'errors.locked');
    const db = session.store.db;
    const user = findUserById(db, input.userId);
    if (!user || user.removedAt || user.role !== 'admin') throw apiError('NOT_FOUND', 'No such administrator.', 'errors.notFound');
    const file = await withPasswordSlot(backend.readKeySlots(), session.dataKey, user, input.newPassword);
    db.transaction((tx) => {
      appendAudit(tx, { actorId: user.id, actorName: user.username, action: 'user.passwordResetByRecovery', entityType: 'user', entityId: user.id });
      backend.writeKeySlots(file);
    });
    session.user = toSessionUser(user);
    backend.recoveryMode = false;
    return { user: session.user };
  },

  'session.lock': (input, { backend }) => {
    const session = backend.session;
    if (session) {
      appendAudit(session.store.db, { actorId: session.user?.id ?? null, actorName: session.user?.username ?? null, action: 'session.lock', details: { reason: input.reason } });
      backend.closeSession();
    }
    backend.recoveryMode = false;
    return {};
  },

  'session.activity': () => ({}),

  'session.changeOwnPassword': async (input, ctx) => {
    const file = ctx.installation.readKeySlots();
    const check = await unlockWithPassword(file, ctx.user.username, input.currentPassword);
    if (!check || check.userId !== ctx.user.id) {
      throw apiError('VALIDATION', 'The current password is wrong.', 'errors.currentPasswordWrong');
    }
    const next = await withPasswordSlot(file, ctx.installation.dataKey(), ctx.user, input.newPassword);
    ctx.change({ action: 'user.passwordChanged', entityType: 'user', entityId: ctx.user.id }, () => ctx.installation.writeKeySlots(next));
    return {};
  },

  'settings.get': (_input, ctx) => {
    const file = ctx.installation.readKeySlots();
    return { ...file.installation, autoLockMinutes: ctx.installation.autoLockMinutes, receiptOverdueDays: readReceiptOverdueDays(ctx.db) };
  },

  'settings.update': (input, ctx) => {
    const file = ctx.installation.readKeySlots();
    const installation = {
      organisation: input.organisation ?? file.installation.organisation,
      workstation: input.workstation ?? file.installation.workstation,
    };
    const autoLockMinutes = input.autoLockMinutes ?? ctx.installation.autoLockMinutes;
    const receiptOverdueDays = input.receiptOverdueDays ?? readReceiptOverdueDays(ctx.db);
    ctx.change({ action: 'settings.updated', details: { autoLockMinutes, receiptOverdueDays } }, (tx) => {
      tx.insert(settings)
        .values({ key: RECEIPT_OVERDUE_KEY, value: JSON.stringify(receiptOverdueDays) })
        .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(receiptOverdueDays) } })
        .run();
      tx.insert(settings)
        .values({ key: 'autoLockMinutes', value: JSON.stringify(autoLockMinutes) })
        .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(autoLockMinutes) } })
        .run();
      ctx.installation.writeKeySlots(withInstallation(file, ctx.installation.dataKey(), installation));
    });
    ctx.installation.autoLockMinutes = autoLockMinutes;
    return { ...installation, autoLockMinutes, receiptOverdueDays };
  },
};

