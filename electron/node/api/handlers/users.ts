import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiError } from '../../../../shared/api';
import type { usersCalls } from '../../../../shared/api/calls/users';
import type { HandlersFor } from './types';
import { users } from '../../store/schema';
import { newPasswordSlot, withSlot, withoutUserSlot } from '../../keyslots/keySlots';
import { activeAdminCount, findActiveUserByUsername, findUserById, insertUser, listUsers } from '../../users/userRepository';

export const usersHandlers: HandlersFor<typeof usersCalls> = {
  'users.list': (input, ctx) => listUsers(ctx.db, input.includeRemoved),

  'users.directory': (_input, ctx) =>
    listUsers(ctx.db, false).map(({ id, displayName, role }) => ({ id, displayName, role })),

  'users.create': async (input, ctx) => {
    if (findActiveUserByUsername(ctx.db, input.username)) {
      throw apiError('CONFLICT', `The username "${input.username}" is already taken.`, 'errors.usernameTaken', { username: input.username });
    }
    // Argon2id first (async), then the row, its audit entry and the slot (inside copy and file) in one
    // transaction: if writing the slot file fails, the row is rolled back and no user without a password remains.
    const id = randomUUID();
    const slot = await newPasswordSlot(ctx.installation.readKeySlots(), ctx.installation.dataKey(), { id, username: input.username }, input.password);
    const now = ctx.now;
    const event = { actorId: ctx.user.id, actorName: ctx.user.username, action: 'user.created' as const, entityType: 'user', entityId: id, details: { role: input.role } };
    return ctx.installation.changeKeySlots(event, (c) => withSlot(c, slot), (tx) =>
      insertUser(tx, { id, username: input.username, displayName: input.displayName, role: input.role }, now),
    );
  },

  'users.update': (input, ctx) => {
    const user = findUserById(ctx.db, input.id);
    if (!user || user.removedAt) throw apiError('NOT_FOUND', 'No such user.', 'errors.notFound');
    if (input.role && input.role !== 'admin' && user.role === 'admin' && activeAdminCount(ctx.db) <= 1) {
      throw apiError('REFUSED', 'The last administrator cannot lose the admin role.', 'errors.lastAdmin');
    }
    const patch = { ...(input.displayName ? { displayName: input.displayName } : {}), ...(input.role ? { role: input.role } : {}) };
    ctx.change({ action: 'user.updated', entityType: 'user', entityId: user.id, details: { role: input.role ?? null } }, (tx) => {
      if (Object.keys(patch).length) tx.update(users).set(patch).where(eq(users.id, user.id)).run();
    });
    return findUserById(ctx.db, user.id)!;
  },

  'users.resetPassword': async (input, ctx) => {
    const user = findUserById(ctx.db, input.id);
    if (!user || user.removedAt) throw apiError('NOT_FOUND', 'No such user.', 'errors.notFound');
    const slot = await newPasswordSlot(ctx.installation.readKeySlots(), ctx.installation.dataKey(), user, input.newPassword);
    ctx.installation.changeKeySlots({ actorId: ctx.user.id, actorName: ctx.user.username, action: 'user.passwordReset', entityType: 'user', entityId: user.id }, (c) => withSlot(c, slot));
    return {};
  },

  'users.remove': (input, ctx) => {
    const user = findUserById(ctx.db, input.id);
    if (!user || user.removedAt) throw apiError('NOT_FOUND', 'No such user.', 'errors.notFound');
    if (user.id === ctx.user.id) throw apiError('REFUSED', 'You cannot remove your own account.', 'errors.removeSelf');
    if (user.role === 'admin' && activeAdminCount(ctx.db) <= 1) throw apiError('REFUSED', 'The last administrator cannot be removed.', 'errors.lastAdmin');
    const removedAt = ctx.now.toISOString();
    const event = { actorId: ctx.user.id, actorName: ctx.user.username, action: 'user.removed' as const, entityType: 'user', entityId: user.id };
    ctx.installation.changeKeySlots(event, (c) => withoutUserSlot(c, user.id), (tx) => {
      tx.update(users).set({ removedAt }).where(eq(users.id, user.id)).run();
    });
    return { ...user, removedAt };
  },
};
