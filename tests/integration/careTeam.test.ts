import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation } from '../helpers/tempInstallation';

/**
 * Care teams (issue 10 item 2): a team member reaches the client through every list and scoped call at once;
 * the responsible worker or an admin manages the team, each change audited; the office-wide caseload list shows
 * rows outside one's team that still cannot be opened.
 */

const PASSWORD = 'team password 123';
let inst: TempInstallation;
const users = { alena: '', bruno: '', klara: '', eva: '' };
let clientId = '';
let otherClientId = '';

async function as(username: string): Promise<void> {
  const r = await inst.raw('session.login', { username, password: username === 'admin' ? 'correct horse battery' : PASSWORD });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

async function errorOf(name: string, input: unknown): Promise<string> {
  const r = await inst.raw(name, input);
  return r.ok ? 'ok' : r.error.code;
}

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  users.alena = (await inst.call('users.create', { username: 'alena', displayName: 'Alena Odpovědná', role: 'caseworker', password: PASSWORD })).id;
  users.bruno = (await inst.call('users.create', { username: 'bruno', displayName: 'Bruno Kolega', role: 'caseworker', password: PASSWORD })).id;
  users.klara = (await inst.call('users.create', { username: 'klara', displayName: 'Klára Adiktoložka', role: 'clinician', password: PASSWORD })).id;
  users.eva = (await inst.call('users.create', { username: 'eva', displayName: 'Eva Hodnotitelka', role: 'evaluator', password: PASSWORD })).id;
  const client = await inst.call('clients.create', {
    client: { firstName: 'Jiří', lastName: 'Žlutý', dateOfBirth: '1988-04-12', sex: 'male', earliestRelease: '2027-01-15', assignedWorkerId: users.alena, notes: 'Tajnéslovo v poznámce.' },
  });
  clientId = client.id;
  otherClientId = (await inst.call('clients.create', { client: { firstName: 'Petr', lastName: 'Modrý', dateOfBirth: '1979-02-03', sex: 'male', assignedWorkerId: users.bruno } })).id;
});
afterAll(() => inst?.dispose());

describe('care team', () => {
  it('a clinician not on the team cannot reach the client; once added, every list and call follows', async () => {
    await as('klara');
    expect(await errorOf('clients.get', { id: clientId })).toBe('NOT_FOUND');
    expect((await inst.call('clients.caseload', { search: '' })).rows.map((r) => r.id)).not.toContain(clientId);

    await as('alena');
    const team = await inst.call('careTeam.add', { clientId, userId: users.klara });
    expect(team.members.map((m) => [m.displayName, m.role])).toEqual([['Klára Adiktoložka', 'clinician']]);
    expect(team.mayManage).toBe(true);

    await as('klara');
    expect((await inst.call('clients.get', { id: clientId })).lastName).toBe('Žlutý');
    const page = await inst.call('clients.caseload', { search: '' });
    expect(page.rows.map((r) => [r.id, r.openable])).toEqual([[clientId, true]]);
    expect((await inst.call('clients.caseload', { search: 'Tajnéslovo' })).rows.map((r) => r.id)).toEqual([clientId]);
    expect((await inst.call('releases.upcoming', { days: 90 })).map((r) => r.clientId)).not.toContain(otherClientId);
    expect((await inst.call('assessments.list', { clientId })).length).toBe(0);
    // A member does not manage the team.
    const refused = await inst.raw('careTeam.add', { clientId, userId: users.bruno });
    expect(refused.ok ? '' : refused.error.messageKey).toBe('errors.careTeam.notManager');
  });

  it('each change is audited with who and whom, and no personal data', async () => {
    await as('admin');
    const entries = (await inst.call('audit.list', { action: 'careTeam.added' })).entries;
    expect(entries.find((e) => e.entityId === clientId)).toMatchObject({ actorName: 'alena' });
    expect(JSON.stringify(entries)).toContain(users.klara);
    expect(JSON.stringify(entries)).not.toContain('Žlutý');
  });

  it('refuses, with a specific reason and nothing changed, an evaluator, the responsible worker, a duplicate and an unknown user', async () => {
    await as('admin');
    const before = inst.snapshot();
    for (const [userId, key] of [
      [users.eva, 'errors.careTeam.notEligible'],
      [users.alena, 'errors.careTeam.isResponsible'],
      [users.klara, 'errors.careTeam.alreadyMember'],
      ['00000000-0000-4000-8000-000000000000', 'errors.careTeam.notEligible'],
    ] as const) {
      const r = await inst.raw('careTeam.add', { clientId, userId });
      expect(r.ok ? 'ok' : r.error.messageKey).toBe(key);
    }
    expect(await errorOf('careTeam.remove', { clientId, userId: users.bruno })).toBe('NOT_FOUND');
    expect(inst.snapshot()).toEqual(before);
  });

  it('removing a member ends their reach at once', async () => {
    await as('admin');
    await inst.call('careTeam.add', { clientId, userId: users.bruno });
    await as('bruno');
    expect((await inst.call('clients.get', { id: clientId })).id).toBe(clientId);
    await as('alena');
    const team = await inst.call('careTeam.remove', { clientId, userId: users.bruno });
    expect(team.members.map((m) => m.userId)).toEqual([users.klara]);
    await as('bruno');
    expect(await errorOf('clients.get', { id: clientId })).toBe('NOT_FOUND');
    expect(await errorOf('careTeam.get', { clientId })).toBe('NOT_FOUND');
  });
});

describe('office-wide caseload list (installation setting)', () => {
  it('is off by default; on, a caseworker lists every client but opens only their own and team ones', async () => {
    await as('admin');
    expect((await inst.call('settings.get', {})).officeWideCaseload).toBe(false);
    await as('bruno');
    expect((await inst.call('clients.caseload', { search: '' })).rows.map((r) => r.id)).toEqual([otherClientId]);
    expect(await errorOf('settings.update', { officeWideCaseload: true })).toBe('FORBIDDEN');

    await as('admin');
    await inst.call('settings.update', { officeWideCaseload: true });
    expect((await inst.call('audit.list', { action: 'settings.updated' })).entries[0]?.details).toMatchObject({ officeWideCaseload: true });

    await as('bruno');
    const rows = (await inst.call('clients.caseload', { search: '', sort: 'name' })).rows;
    expect(rows.map((r) => [r.lastName, r.openable, r.assignedWorkerName])).toEqual([
      ['Modrý', true, 'Bruno Kolega'],
      ['Žlutý', false, 'Alena Odpovědná'],
    ]);
    // Listed, never opened.
    expect(await errorOf('clients.get', { id: clientId })).toBe('NOT_FOUND');
    expect(await errorOf('assessments.list', { clientId })).toBe('NOT_FOUND');
    // Outside one's team a row is found by name or code, never by the words of its notes.
    expect((await inst.call('clients.caseload', { search: 'zluty' })).rows.map((r) => r.id)).toEqual([clientId]);
    expect((await inst.call('clients.caseload', { search: 'Tajnéslovo' })).rows.map((r) => r.id)).toEqual([]);
    // The other lists keep to need to know.
    expect((await inst.call('releases.upcoming', { days: 90 })).map((r) => r.clientId)).not.toContain(clientId);

    await as('admin');
    await inst.call('settings.update', { officeWideCaseload: false });
    await as('bruno');
    expect((await inst.call('clients.caseload', { search: '' })).rows.map((r) => r.id)).toEqual([otherClientId]);
  });
});
