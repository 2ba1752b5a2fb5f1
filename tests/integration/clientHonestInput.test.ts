import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation } from '../helpers/tempInstallation';
import { addDays, localDate } from '../../shared/plan';
import { common } from '../../shared/i18n/locales/common';

/** Honest input: impossible dates and names are refused with a sentence in both languages, and change nothing. */
let inst: TempInstallation;
let adminId: string;
let today: string;

const yearsAgo = (years: number, days = 0) => addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`, days);
const client = (fields: Record<string, unknown>) => ({ firstName: 'Marie', lastName: 'Svobodová', dateOfBirth: '1990-04-12', sex: 'female' as const, assignedWorkerId: adminId, ...fields });

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  adminId = (await inst.call('app.status', {})).user!.id;
  today = localDate(Date.now());
});
afterAll(() => inst?.dispose());

async function refused(name: string, input: unknown, key: string, field: string) {
  const before = inst.snapshot();
  const out = await inst.raw(name, input);
  expect(out.ok).toBe(false);
  if (out.ok) return;
  expect(out.error).toMatchObject({ code: 'VALIDATION', messageKey: `validation.${key}` });
  expect(out.error.issues?.map((i) => i.path)).toContain(field);
  // Both languages have the sentence the screen shows.
  expect(common.cs.validation).toHaveProperty(key);
  expect(common.en.validation).toHaveProperty(key);
  expect(inst.snapshot()).toEqual(before);
}

describe('a client record refuses impossible dates and names, on the server', () => {
  it('a date of birth in the future, or one making the client younger than 15 or older than 100, is refused', async () => {
    await refused('clients.create', { client: client({ dateOfBirth: addDays(today, 1) }) }, 'birthInFuture', 'client.dateOfBirth');
    await refused('clients.create', { client: client({ dateOfBirth: yearsAgo(15, 1) }) }, 'clientTooYoung', 'client.dateOfBirth');
    await refused('clients.create', { client: client({ dateOfBirth: yearsAgo(101) }) }, 'clientTooOld', 'client.dateOfBirth');
    // The edges are accepted: 15 today, 100 today.
    await inst.call('clients.create', { client: client({ firstName: 'Patnáct', dateOfBirth: yearsAgo(15) }) });
    await inst.call('clients.create', { client: client({ firstName: 'Sto', dateOfBirth: yearsAgo(100) }) });
  });

  it('an actual release in the future is refused on registration and on edit; today is accepted', async () => {
    await refused('clients.create', { client: client({ actualRelease: addDays(today, 1) }) }, 'releaseInFuture', 'client.actualRelease');
    const c = await inst.call('clients.create', { client: client({ firstName: 'Eva' }) });
    await refused('clients.update', { id: c.id, revision: c.revision, actualRelease: addDays(today, 3) }, 'releaseInFuture', 'actualRelease');
    const released = await inst.call('clients.update', { id: c.id, revision: c.revision, actualRelease: today });
    expect(released.actualRelease).toBe(today);
  });

  it('a name made only of emoji or symbols is refused; a name with letters is kept as typed', async () => {
    for (const name of ['😀😀', '*** ---', '123']) {
      const before = inst.snapshot();
      const out = await inst.raw('clients.create', { client: client({ firstName: name }) });
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.error.issues?.map((i) => i.path)).toContain('client.firstName');
      expect(inst.snapshot()).toEqual(before);
    }
    const ok = await inst.call('clients.create', { client: client({ firstName: 'Žofie 🌻', lastName: "O'Neill-Nováková" }) });
    expect(ok.firstName).toBe('Žofie 🌻');
  });

  it('the earliest release after the end of sentence is refused', async () => {
    await refused('clients.create', { client: client({ earliestRelease: addDays(today, 30), latestRelease: addDays(today, 10) }) }, 'earliestAfterLatest', 'client.earliestRelease');
  });
});
