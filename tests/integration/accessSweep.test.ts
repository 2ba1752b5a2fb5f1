import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract, type AnyCallDefinition, type CallName } from '../../shared/api';
import { TempInstallation } from '../helpers/tempInstallation';
import { emptyAssessmentContent, LIFE_DOMAINS } from '../../shared/schemas/assessment';

/**
 * Need to know, enforced by the dispatcher: every client-scoped call of the contract, made by a caseworker outside
 * the client's care team against a real client (and its real assessment, consent and referral), answers NOT_FOUND
 * and changes nothing: every table's full content is byte-for-byte the same.
 */

const PASSWORD = 'sweep password 123';
let inst: TempInstallation;
let folder: string;
const ids = { client: '', assessment: '', consent: '', referral: '', attachment: '' };

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  folder = mkdtempSync(path.join(tmpdir(), 'throughcare-sweep-'));
  const owner = await inst.call('users.create', { username: 'alena', displayName: 'Alena Vlastní', role: 'caseworker', password: PASSWORD });
  await inst.call('users.create', { username: 'bruno', displayName: 'Bruno Cizí', role: 'caseworker', password: PASSWORD });
  const region = (await inst.call('reference.create', { kind: 'region', name: 'Středočeský kraj' })).id;
  const service = await inst.call('directory.create', { name: 'Azylový dům Naděje', type: 'shelter', regionId: region, address: '', contactPerson: '', phone: '', email: '', website: '', openingHours: '', intakeCriteria: '' });
  const client = await inst.call('clients.create', {
    client: { firstName: 'Jiří', lastName: 'Žlutý', dateOfBirth: '1988-04-12', sex: 'male', nationality: 'CZ', earliestRelease: '2027-01-15', assignedWorkerId: owner.id, notes: 'Chce pracovat jako truhlář.' },
  });
  ids.client = client.id;
  ids.assessment = (await inst.call('assessments.create', { clientId: client.id, kind: 'intake', assessedOn: '2026-03-05' })).id;
  ids.consent = (await inst.call('consent.add', { clientId: client.id, consent: { kind: 'sharing', organisation: 'Drop In, o.p.s.', sections: ['record', 'plan'], givenOn: '2026-03-05' } })).id;
  ids.referral = (await inst.call('referrals.create', { clientId: client.id, serviceId: service.id, reason: 'Bydlení po propuštění' })).id;
  ids.attachment = (await inst.call('attachments.add', { clientId: client.id, kind: 'idDocument', fileName: 'obcanka.png', contentBase64: PNG_BASE64 })).id;
  await inst.call('contactLog.add', { clientId: client.id, at: '2026-03-05T10:00', channel: 'prisonVisit', phase: 'custody', participants: '', notes: 'První návštěva.' });
  await inst.call('session.lock', { reason: 'user' });
  await inst.call('session.login', { username: 'bruno', password: PASSWORD });
});

afterAll(() => {
  inst?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

/** Every life domain rated: what `assessments.complete` accepts. */
function ratedContent() {
  const content = emptyAssessmentContent();
  for (const domain of LIFE_DOMAINS) content[domain]!.need = 1;
  return content;
}

const any = '00000000-0000-4000-8000-000000000000';
const PNG_BASE64 = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]).toString('base64');

/** A valid input for each client-scoped call, pointing at the real client or its real records. */
function sampleInput(name: string): Record<string, unknown> | undefined {
  const c = ids.client;
  const samples: Record<string, Record<string, unknown>> = {
    'clients.get': { id: c },
    'clients.update': { id: c, revision: 1, notes: 'přepsáno' },
    'clients.setStatus': { id: c, status: 'closed', revision: 1 },
    'clients.reassign': { id: c, workerId: inst.backend.session!.user!.id, revision: 1 },
    'assessments.list': { clientId: c },
    'assessments.get': { id: ids.assessment },
    'assessments.create': { clientId: c, kind: 'review', assessedOn: '2026-03-06' },
    'assessments.save': { id: ids.assessment, revision: 1, assessedOn: '2026-03-06', content: {} },
    'assessments.complete': { id: ids.assessment, revision: 1, assessedOn: '2026-03-06', content: ratedContent() },
    'assessments.discard': { id: ids.assessment, revision: 1 },
    'assessments.compare': { beforeId: ids.assessment, afterId: ids.assessment },
    'screenings.list': { clientId: c },
    'screenings.record': { clientId: c, instrumentId: 'audit', administeredOn: '2026-03-05', sex: 'male', answers: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, '0'])) },
    'contactLog.list': { clientId: c },
    'contactLog.add': { clientId: c, at: '2026-03-05T11:00', channel: 'phone', phase: 'custody', participants: '', notes: 'Cizí zápis.' },
    'followUp.list': { clientId: c },
    'followUp.record': { clientId: c, milestone: 'day1', reached: true, contactedOn: '2026-03-05', housing: 'stable', employment: 'unknown', substanceUse: 'unknown', treatmentAttendance: 'unknown', rearrest: 'no', overdose: 'no', note: '' },
    'referrals.list': { clientId: c },
    'referrals.create': { clientId: c, serviceId: any, reason: 'Cizí doporučení' },
    'referrals.update': { id: ids.referral, serviceId: any, reason: 'Přepsáno' },
    'referrals.remove': { id: ids.referral },
    'print.clientPlan': { clientId: c },
    'print.caseSummary': { clientId: c },
    'consent.list': { clientId: c },
    'consent.add': { clientId: c, consent: { kind: 'processing', givenOn: '2026-03-05' } },
    'consent.withdraw': { id: ids.consent, withdrawnOn: '2026-03-06' },
    'consent.receiptPdf': { id: ids.consent },
    'handover.preview': { clientId: c, passphraseFor: { organisation: 'Drop In, o.p.s.', label: 'Drop In' }, sections: ['record'] },
    'handover.export': { clientId: c, passphraseFor: { organisation: 'Drop In, o.p.s.', label: 'Drop In' }, sections: ['record'], folder },
    'handover.exports': { clientId: c },
    'handover.import': { source: { contentBase64: 'AAAA' }, mode: 'into', intoClientId: c, receiptPath: path.join(folder, 'receipt') },
    'plan.get': { clientId: c },
    'plan.history': { clientId: c },
    'plan.addGoal': { clientId: c, domain: 'housing', title: 'Cizí cíl' },
    'plan.updateGoal': { clientId: c, goalId: any, title: 'Přepsáno' },
    'plan.removeGoal': { clientId: c, goalId: any },
    'plan.reorderGoals': { clientId: c, domain: 'housing', goalIds: [any] },
    'plan.addTask': { clientId: c, goalId: any, title: 'Cizí úkol', dueDate: null, responsibleKind: 'worker', responsibleName: '' },
    'plan.updateTask': { clientId: c, taskId: any, title: 'Přepsáno', dueDate: null, responsibleKind: 'worker', responsibleName: '' },
    'plan.setTaskStatus': { clientId: c, taskId: any, status: 'done' },
    'plan.reorderTasks': { clientId: c, goalId: any, taskIds: [any] },
    'plan.removeTask': { clientId: c, taskId: any },
    'plan.setChecklistItem': { clientId: c, itemKey: 'identityDocument', status: 'done' },
    'plan.listServices': { clientId: c },
    'plan.addService': { clientId: c, kind: 'naloxoneKit', deliveredOn: '2026-03-05', oatMedication: null, oatDose: '', prescriber: '', disease: null, testResult: null, programme: '', attended: true, note: '' },
    'plan.removeService': { clientId: c, serviceId: any },
    'careTeam.get': { clientId: c },
    'careTeam.add': { clientId: c, userId: inst.backend.session!.user!.id },
    'careTeam.remove': { clientId: c, userId: inst.backend.session!.user!.id },
    'careTeam.breakGlass': { clientId: c, reason: 'Lékař záchranky potřebuje znát medikaci.' },
    'attachments.list': { clientId: c },
    'attachments.add': { clientId: c, kind: 'other', fileName: 'cizi.png', contentBase64: PNG_BASE64 },
    'attachments.download': { id: ids.attachment },
    'attachments.remove': { id: ids.attachment },
    'retention.erase': { clientId: c, confirmCode: 'KZP-4821', reason: 'Uplynula skartační lhůta.' },
  };
  return samples[name];
}

const scoped = (Object.entries(apiContract) as [CallName, AnyCallDefinition][]).filter(([, def]) => def.client !== 'none');

describe('every client-scoped call refuses a caseworker outside the care team', () => {
  it('the contract has client-scoped calls of every kind', () => {
    const vias = new Set(scoped.map(([, def]) => (def.client === 'none' ? '' : (def.client.via ?? 'client'))));
    expect([...vias].sort()).toEqual(['assessment', 'attachment', 'client', 'consent', 'referral']);
  });

  it.each(scoped.map(([name]) => name))('%s answers NOT_FOUND and changes nothing', async (name) => {
    const input = sampleInput(name);
    // A new client-scoped call must be added here: the sweep covers the whole contract, not a list that ages.
    expect(input, `no sample input for ${name}`).toBeDefined();
    // The input is valid, so the refusal comes from the access check and not from validation.
    const parsed = apiContract[name].input.safeParse(input);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    const before = inst.snapshot();
    const result = await inst.raw(name, input);
    // A call the outsider's role may not make at all (admin-only) is refused for the role, before any client is
    // looked up: that reveals nothing about the client either.
    const access = apiContract[name].access;
    const roleAllowed = !Array.isArray(access) || access.includes('caseworker');
    expect(result.ok ? 'ok' : result.error.code).toBe(roleAllowed ? 'NOT_FOUND' : 'FORBIDDEN');
    expect(inst.snapshot()).toEqual(before);
  });

  it('the same client is there for its responsible worker (the sweep is not refusing everything)', async () => {
    await inst.call('session.login', { username: 'alena', password: PASSWORD });
    try {
      const client = await inst.call('clients.get', { id: ids.client });
      expect(client.lastName).toBe('Žlutý');
      expect((await inst.call('assessments.get', { id: ids.assessment })).clientId).toBe(ids.client);
      expect((await inst.call('referrals.list', { clientId: ids.client })).map((r) => r.id)).toEqual([ids.referral]);
      expect((await inst.call('attachments.download', { id: ids.attachment })).mediaType).toBe('image/png');
    } finally {
      await inst.call('session.login', { username: 'bruno', password: PASSWORD });
    }
  });

  it('lists show the outsider nothing of the client', async () => {
    const page = await inst.call('clients.caseload', { search: '' });
    expect(page.rows.map((r) => r.id)).not.toContain(ids.client);
    expect((await inst.call('handover.exports', { clientId: null })).map((e) => e.clientId)).not.toContain(ids.client);
    expect((await inst.call('releases.upcoming', { days: 90 })).map((r) => r.clientId)).not.toContain(ids.client);
  });
});
