import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, TempInstallation } from '../helpers/tempInstallation';

// The key derivation runs in the job pool (electron/node/jobs): while one runs, other calls are still served.
// Asserted as ordering, never as wall-clock time: every read finishes before the Argon2id-bound call does.
let inst: TempInstallation;
beforeAll(async () => {
  inst = await new TempInstallation().setup();
});
afterAll(() => inst.dispose());

describe('job pool', () => {
  it('serves 20 reads while an Argon2id unlock of a key slot is running', async () => {
    const order: string[] = [];
    // changeOwnPassword first unlocks the user's key slot with the current password (Argon2id), then wraps a new one.
    const unlock = inst.raw('session.changeOwnPassword', { currentPassword: ADMIN.password, newPassword: 'a new horse battery 42' }).then((r) => {
      order.push('unlock');
      return r;
    });
    for (let i = 0; i < 20; i++) {
      // Each read arrives as a new message would (a later turn of the event loop), one after the other.
      await new Promise((resolve) => setImmediate(resolve));
      const users = await inst.call('users.list', { includeRemoved: false });
      expect(users.map((u) => u.username)).toEqual([ADMIN.username]);
      order.push(`read ${i + 1}`);
    }
    const result = await unlock;
    expect(result.ok).toBe(true);
    expect(order).toEqual([...Array.from({ length: 20 }, (_, i) => `read ${i + 1}`), 'unlock']);
    // The derivations really happened: the new password opens the slot, the old one no longer does
    // (in this order: a wrong password starts the login throttle).
    await inst.call('session.lock', { reason: 'user' });
    expect((await inst.raw('session.login', { username: ADMIN.username, password: 'a new horse battery 42' })).ok).toBe(true);
    await inst.call('session.lock', { reason: 'user' });
    expect((await inst.raw('session.login', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(false);
  });
});
