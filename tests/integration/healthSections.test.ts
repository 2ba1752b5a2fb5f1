import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation } from '../helpers/tempInstallation';
import { emptyAssessmentContent, LIFE_DOMAINS } from '../../shared/schemas/assessment';

/**
 * Health sections (issue 10 item 3): the responsible worker and the clinicians on the care team read them; a
 * caseworker on the team gets the assessment with its health parts stripped and cannot wipe them by saving; an
 * admin outside the client's care breaks the glass with a required, audited reason.
 */

const PASSWORD = 'health password 123';
let inst: TempInstallation;
const ids = { alena: '', bruno: '', klara: '', client: '', assessment: '' };

async function as(username: string): Promise<void> {
  const r = await inst.raw('session.login', { username, password: username === 'admin' ? 'correct horse battery' : PASSWORD });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

const auditAnswers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, '0']));

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  ids.alena = (await inst.call('users.create', { username: 'alena', displayName: 'Alena Odpovědná', role: 'caseworker', password: PASSWORD })).id;
  ids.bruno = (await inst.call('users.create', { username: 'bruno', displayName: 'Bruno Kolega', role: 'caseworker', password: PASSWORD })).id;
  ids.klara = (await inst.call('users.create', { username: 'klara', displayName: 'Klára Adiktoložka', role: 'clinician', password: PASSWORD })).id;
  ids.client = (await inst.call('clients.create', { client: { firstName: 'Jiří', lastName: 'Žlutý', dateOfBirth: '1988-04-12', sex: 'male', assignedWorkerId: ids.alena } })).id;
  await inst.call('careTeam.add', { clientId: ids.client, userId: ids.bruno });
  await inst.call('careTeam.add', { clientId: ids.client, userId: ids.klara });
  await as('alena');
  const started = await inst.call('assessments.create', { clientId: ids.client, kind: 'intake', assessedOn: '2026-03-05' });
  const content = emptyAssessmentContent();
  for (const d of LIFE_DOMAINS) content[d]!.need = 1;
  content.treatment = { ...content.treatment, oat: 'current', oatDoseMg: 80, notes: 'Metadon 80 mg' };
  content.infectiousDiseases = { ...content.infectiousDiseases, hcvResult: 'positive' };
  content.substanceUse = { ...content.substanceUse, rows: [{ substance: 'heroin', frequency: 'daily', route: 'injecting', injecting: 'current', lastUse: null, overdoses: 2, lastOverdose: '2025-01-01' }] };
  content.housing = { ...content.housing, need: 2 };
  ids.assessment = (await inst.call('assessments.save', { id: started.id, revision: started.revision, assessedOn: '2026-03-05', content })).id;
});
afterAll(() => inst?.dispose());

describe('health sections', () => {
  it('a caseworker on the team sees the assessment without its health parts, and saving keeps them', async () => {
    await as('bruno');
    const seen = await inst.call('assessments.get', { id: ids.assessment });
    expect(seen.content.treatment).toMatchObject({ oat: null, oatDoseMg: null, notes: '' });
    expect(seen.content.infectiousDiseases).toMatchObject({ hcvResult: null });
    expect(seen.content.substanceUse!.rows).toEqual([expect.objectContaining({ substance: 'heroin', overdoses: null, lastOverdose: null })]);
    expect(seen.needs).toMatchObject({ physicalHealth: null, mentalHealth: null, housing: 2 });
    expect(JSON.stringify(await inst.call('assessments.list', { clientId: ids.client }))).not.toContain('"physicalHealth":1');
    // Screenings are health: refused with the specific reason, not "not found" (the client is within reach).
    const screenings = await inst.raw('screenings.list', { clientId: ids.client });
    expect(screenings.ok ? 'ok' : screenings.error.messageKey).toBe('errors.careTeam.healthNotAllowed');
    // Saving what was shown (health parts empty) changes housing and keeps the health parts.
    const changed = { ...seen.content, housing: { ...seen.content.housing, need: 3 } };
    const saved = await inst.call('assessments.save', { id: seen.id, revision: seen.revision, assessedOn: seen.assessedOn, content: changed });
    // Completing counts the stored health ratings the caseworker does not see.
    await inst.call('assessments.complete', { id: saved.id, revision: saved.revision, assessedOn: saved.assessedOn, content: saved.content });

    await as('alena');
    const full = await inst.call('assessments.get', { id: ids.assessment });
    expect(full.status).toBe('completed');
    expect(full.content.housing!.need).toBe(3);
    expect(full.content.treatment).toMatchObject({ oat: 'current', oatDoseMg: 80, notes: 'Metadon 80 mg' });
    expect(full.content.substanceUse!.rows).toEqual([expect.objectContaining({ overdoses: 2, lastOverdose: '2025-01-01' })]);
  });

  it('a clinician on the team reads the health parts and records an AUDIT', async () => {
    await as('klara');
    expect((await inst.call('assessments.get', { id: ids.assessment })).content.infectiousDiseases).toMatchObject({ hcvResult: 'positive' });
    const recorded = await inst.call('screenings.record', { clientId: ids.client, instrumentId: 'audit', administeredOn: '2026-03-05', sex: 'male', answers: auditAnswers });
    expect((await inst.call('screenings.list', { clientId: ids.client })).map((s) => s.id)).toEqual([recorded.id]);
  });

  it('an admin outside the care breaks the glass only with a reason; the grant reads, never writes, and is audited', async () => {
    await as('admin');
    expect((await inst.call('careTeam.get', { clientId: ids.client })).health).toBe('none');
    expect((await inst.call('assessments.get', { id: ids.assessment })).content.treatment).toMatchObject({ oat: null });
    const refused = await inst.raw('screenings.list', { clientId: ids.client });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');

    const before = inst.snapshot();
    const noReason = await inst.raw('careTeam.breakGlass', { clientId: ids.client, reason: 'krátce' });
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('VALIDATION');
    expect(inst.snapshot()).toEqual(before);

    const team = await inst.call('careTeam.breakGlass', { clientId: ids.client, reason: 'Záchranná služba potřebuje znát substituční léčbu.' });
    expect(team.health).toBe('breakGlass');
    expect(Date.parse(team.breakGlassUntil!)).toBeGreaterThan(Date.now());
    expect((await inst.call('screenings.list', { clientId: ids.client })).length).toBe(1);
    expect((await inst.call('assessments.get', { id: ids.assessment })).content.treatment).toMatchObject({ oatDoseMg: 80 });
    const write = await inst.raw('screenings.record', { clientId: ids.client, instrumentId: 'audit', administeredOn: '2026-03-06', sex: 'male', answers: auditAnswers });
    expect(write.ok ? 'ok' : write.error.code).toBe('FORBIDDEN');
    const entry = (await inst.call('audit.list', { action: 'health.breakGlass' })).entries[0];
    expect(entry).toMatchObject({ actorName: 'admin', entityId: ids.client });
    expect(JSON.stringify(entry?.details)).toContain('Záchranná služba potřebuje znát substituční léčbu.');

    // The grant belongs to the session: after the next login it is gone.
    await as('admin');
    expect((await inst.call('careTeam.get', { clientId: ids.client })).health).toBe('none');
  });
});
