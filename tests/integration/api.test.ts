import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { apiContract, type CallDefinition } from '../../shared/api';
import type { Role } from '../../shared/schemas/user';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';

const CALLS = Object.keys(apiContract) as (keyof typeof apiContract)[];
const ACCESS_ERRORS = ['FORBIDDEN', 'LOCKED', 'UNAUTHENTICATED'];
const access = (name: string) => (apiContract[name as keyof typeof apiContract] as CallDefinition).access;

const USERS = {
  caseworker: { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker' as Role, password: 'jana password 123' },
  evaluator: { username: 'eva', displayName: 'Eva Hodnotitelová', role: 'evaluator' as Role, password: 'eva password 1234' },
};

/** Inputs that no call accepts: unknown keys, wrong top-level types. */
const GENERIC_BAD_INPUTS: unknown[] = [{ bogus: 1 }, 'a string', 42, true, [1, 2, 3], { __proto__: { admin: true }, bogus: [] }];

/** For every declared field: the same field with a value of a type no field accepts. */
function wrongTypedInputs(def: CallDefinition): unknown[] {
  const schema = def.input as z.ZodType;
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : {};
  return Object.keys(shape).flatMap((key) => [{ [key]: [[]] }, { [key]: { nested: { deeply: 1 } } }]);
}

/** Everything in the data folder, hashed: equal means the locked installation was not touched. */
function folderDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (statSync(p).isFile()) out[f] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

let inst: TempInstallation;
beforeAll(async () => {
  inst = await new TempInstallation().setup();
  await inst.call('users.create', USERS.caseworker);
  await inst.call('users.create', USERS.evaluator);
});
afterAll(() => inst?.dispose());

async function loginAs(user: { username: string; password: string }): Promise<void> {
  await inst.call('session.lock', { reason: 'user' });
  await inst.call('session.login', { username: user.username, password: user.password });
}

describe('the contract', () => {
  it('declares the calls this suite iterates over', () => {
    expect(CALLS.length).toBeGreaterThan(10);
    for (const name of CALLS) expect(access(name), name).toBeDefined();
  });
});

describe('invalid input is rejected and changes nothing', () => {
  it('every call, as an admin: VALIDATION (or an access error), snapshot unchanged', async () => {
    await loginAs(ADMIN);
    for (const name of CALLS) {
      const def = apiContract[name] as CallDefinition;
      for (const input of [...GENERIC_BAD_INPUTS, ...wrongTypedInputs(def)]) {
        const before = inst.snapshot();
        const r = await inst.raw(name, input);
        const label = `${name} ${JSON.stringify(input)}`;
        expect(r.ok, label).toBe(false);
        if (r.ok) continue;
        expect(['VALIDATION', ...ACCESS_ERRORS], label).toContain(r.error.code);
        if (r.error.code === 'VALIDATION') {
          expect(r.error.issues?.length, label).toBeGreaterThan(0);
          expect(r.error.messageKey).toBe('errors.validation');
        }
        expect(inst.snapshot(), label).toEqual(before);
        expect(inst.backend.state(), label).toBe('unlocked');
      }
    }
  });

  it('a validation issue names the field', async () => {
    await loginAs(ADMIN);
    const r = await inst.raw('users.create', { username: 'ok.name', displayName: 'X', role: 'janitor', password: 'long enough password' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'role' }] } });
  });
});

describe('wrong roles are refused and change nothing', () => {
  for (const role of ['caseworker', 'evaluator'] as const) {
    it(`as a ${role}: every role-restricted call without ${role} → FORBIDDEN, snapshot unchanged`, async () => {
      await loginAs(USERS[role]);
      const restricted = CALLS.filter((n) => {
        const a = access(n);
        return Array.isArray(a) && !a.includes(role);
      });
      expect(restricted.length).toBeGreaterThan(0);
      for (const name of restricted) {
        // Plausible, even valid, input: the role check comes first.
        for (const input of [{}, { id: 'x', includeRemoved: true }]) {
          const before = inst.snapshot();
          const r = await inst.raw(name, input);
          expect(r, `${name} as ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(inst.snapshot(), name).toEqual(before);
        }
      }
      // Valid input to a call that changes data: still refused, nothing written.
      const before = inst.snapshot();
      const r = await inst.raw('users.create', { username: 'sneaky', displayName: 'Sneaky', role: 'admin', password: 'sneaky password 1' });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(inst.snapshot()).toEqual(before);
      // The recovery-only call is refused in a normal session.
      expect(await inst.raw('session.recoverySetPassword', { userId: 'x', newPassword: 'some new password' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  }
});

describe('calls before login', () => {
  it('locked: every non-public call → LOCKED (recovery-only → FORBIDDEN), nothing in the data folder changes', async () => {
    await inst.call('session.lock', { reason: 'user' });
    expect(inst.backend.state()).toBe('locked');
    const digest = folderDigest(inst.dir);
    for (const name of CALLS) {
      const a = access(name);
      if (a === 'public') continue;
      const r = await inst.raw(name, {});
      expect(r, name).toMatchObject({ ok: false, error: { code: a === 'recovery' ? 'FORBIDDEN' : 'LOCKED' } });
    }
    expect(folderDigest(inst.dir)).toEqual(digest);
  });

  it('uninitialised: every non-public call → UNAUTHENTICATED (recovery-only → FORBIDDEN)', async () => {
    const fresh = new TempInstallation();
    try {
      for (const name of CALLS) {
        const a = access(name);
        if (a === 'public') continue;
        const r = await fresh.raw(name, {});
        expect(r, name).toMatchObject({ ok: false, error: { code: a === 'recovery' ? 'FORBIDDEN' : 'UNAUTHENTICATED' } });
      }
      // nothing but the folder lock (and its holder's name) while this backend runs
      expect(readdirSync(fresh.dir).filter((f) => !f.startsWith('throughcare.lock'))).toEqual([]);
    } finally {
      fresh.dispose();
    }
  });
});

describe('malformed envelopes', () => {
  it('an unknown call name → BAD_REQUEST, logged in or not', async () => {
    await loginAs(ADMIN);
    const before = inst.snapshot();
    for (const name of ['users.drop', '', 'constructor', '__proto__', 'toString', 'x'.repeat(1000)]) {
      expect(await inst.raw(name, {}), name).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await inst.backend.invoke(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(inst.snapshot()).toEqual(before);
    await inst.call('session.lock', { reason: 'user' });
    expect(await inst.raw('users.drop', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('business rules', () => {
  it('users.create with a duplicate username → CONFLICT, nothing changed (case-insensitive)', async () => {
    await loginAs(ADMIN);
    for (const username of [USERS.caseworker.username, 'JANA', ' admin ']) {
      const before = inst.snapshot();
      const r = await inst.raw('users.create', { username, displayName: 'Duplicate', role: 'clinician', password: 'duplicate password 1' });
      expect(r, username).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.usernameTaken' } });
      expect(inst.snapshot()).toEqual(before);
    }
  });

  it('users.remove of oneself → REFUSED; the last admin cannot lose the role; nothing changed', async () => {
    await loginAs(ADMIN);
    const me = (await inst.call('app.status', {})).user!;
    const before = inst.snapshot();
    expect(await inst.raw('users.remove', { id: me.id })).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: 'errors.removeSelf' } });
    expect(await inst.raw('users.update', { id: me.id, role: 'caseworker' })).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: 'errors.lastAdmin' } });
    expect(inst.snapshot()).toEqual(before);
    expect(await inst.raw('users.remove', { id: 'no-such-user' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(inst.snapshot()).toEqual(before);
  });

  it('setup.initialize on an installed workstation → REFUSED, nothing changed', async () => {
    await loginAs(ADMIN);
    const before = inst.snapshot();
    const r = await inst.raw('setup.initialize', { organisation: 'Other', workstation: 'Other', admin: { ...ADMIN, username: 'other' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(inst.snapshot()).toEqual(before);
  });
});
