import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import type { InputOf } from '../../shared/api';

let inst: TempInstallation;
let praha: string;
let brno: string;
let clientId: string;

const WORKER = { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker' as const, password: 'jana password 123' };
const CLINICIAN = { username: 'karel', displayName: 'MUDr. Karel Dvořák', role: 'clinician' as const, password: 'karel password 123' };
const EVALUATOR = { username: 'eva', displayName: 'Eva Hodnotitelová', role: 'evaluator' as const, password: 'eva password 1234' };

async function loginAs(user: { username: string; password: string }): Promise<void> {
  await inst.call('session.lock', { reason: 'user' });
  await inst.call('session.login', { username: user.username, password: user.password });
}

function service(over: Partial<InputOf<'directory.create'>> = {}): InputOf<'directory.create'> {
  return {
    name: 'Azylový dům Naděje',
    type: 'shelter',
    regionId: praha,
    address: 'Na Slupi 1, 128 00 Praha 2',
    contactPerson: 'Jana Veselá',
    phone: '+420 222 333 444',
    email: 'nadeje@example.cz',
    openingHours: 'nonstop',
    intakeCriteria: 'muži 18+',
    ...over,
  };
}

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  praha = (await inst.call('reference.create', { kind: 'region', name: 'Hlavní město Praha' })).id;
  brno = (await inst.call('reference.create', { kind: 'region', name: 'Jihomoravský kraj' })).id;
  const prison = (await inst.call('reference.create', { kind: 'prison', name: 'Věznice Pankrác' })).id;
  const workerId = (await inst.call('users.create', WORKER)).id;
  await inst.call('users.create', CLINICIAN);
  await inst.call('users.create', EVALUATOR);
  const base = { dateOfBirth: '1988-04-12', sex: 'male' as const, prisonId: prison, regionId: praha, earliestRelease: '2027-01-15', assignedWorkerId: workerId };
  clientId = (await inst.call('clients.create', { client: { ...base, firstName: 'Jiří', lastName: 'Žlutý' } })).id;
});
afterAll(() => inst?.dispose());

describe('the service directory', () => {
  it('adds, edits, filters by region and type, searches without diacritics, and removes entries', async () => {
    const shelter = await inst.call('directory.create', service());
    expect(shelter).toMatchObject({ name: 'Azylový dům Naděje', regionName: 'Hlavní město Praha', removedAt: null, website: '' });
    const detox = await inst.call('directory.create', service({ name: 'Detox Brno', type: 'detox', regionId: brno, email: '' }));
    await inst.call('directory.update', { ...service({ name: 'Detox Brno – Černovice', type: 'detox', regionId: brno, email: '' }), id: detox.id });

    expect((await inst.call('directory.list', { regionId: brno })).map((s) => s.name)).toEqual(['Detox Brno – Černovice']);
    expect((await inst.call('directory.list', { type: 'shelter' })).map((s) => s.name)).toEqual(['Azylový dům Naděje']);
    expect((await inst.call('directory.list', { search: 'nadeje' })).map((s) => s.id)).toEqual([shelter.id]);

    await inst.call('directory.remove', { id: detox.id });
    expect((await inst.call('directory.list', {})).map((s) => s.id)).toEqual([shelter.id]);
    expect((await inst.call('directory.list', { includeRemoved: true })).length).toBe(2);
    const audit = await inst.call('audit.list', { action: 'service.removed' });
    expect(audit.entries[0]?.entityId).toBe(detox.id);
  });

  it('refuses an unknown region, a bad e-mail and an empty name with specific errors, writing nothing', async () => {
    const before = inst.snapshot();
    const unknownRegion = await inst.raw('directory.create', service({ regionId: 'no-such-region' }));
    expect(unknownRegion).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.unknownRegion' } });
    const badEmail = await inst.raw('directory.create', service({ email: 'not an e-mail' }));
    expect(badEmail.ok || badEmail.error.issues?.map((i) => i.path)).toEqual(['email']);
    const noName = await inst.raw('directory.create', service({ name: '  ' }));
    expect(noName.ok || noName.error.issues?.map((i) => i.path)).toEqual(['name']);
    expect(inst.snapshot()).toEqual(before);
  });

  it('lets caseworkers edit, clinicians and evaluators only read', async () => {
    await loginAs(WORKER);
    expect((await inst.call('directory.create', service({ name: 'Kontaktní centrum' }))).name).toBe('Kontaktní centrum');
    for (const user of [CLINICIAN, EVALUATOR]) {
      await loginAs(user);
      expect((await inst.call('directory.list', {})).length).toBeGreaterThan(0);
      const before = inst.snapshot();
      expect(await inst.raw('directory.create', service())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await inst.raw('directory.previewImport', { format: 'csv', content: 'name,type,region\n' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(inst.snapshot()).toEqual(before);
    }
    await loginAs(ADMIN);
  });
});

const CSV_WITH_BAD_ROWS = [
  '\uFEFFname;type;region;address;phone;opening_hours;intake_criteria',
  'Substituční centrum Drop In;oat_provider;Hlavní město Praha;"Karoliny Světlé 18; Praha 1";+420 222 221 431;po–pá 8–16;"klienti s OAT,\nnavazující péče"',
  ';detox;Hlavní město Praha;;;;', // line 4: no name
  'Terapeutická komunita Karlov;therapeutic community;Jihomoravský kraj;;;;',
  'Hostel Ráj;hostel;Hlavní město Praha;;;;', // line 6: unknown type
  'Poradna Brno;debt_counselling;Vysočina;;;;', // line 7: unknown region
].join('\r\n');

describe('import: preview writes nothing, confirm imports the good rows', () => {
  it('reports every bad row by line and reason, and nothing is written until confirmed', async () => {
    const before = inst.snapshot();
    const countBefore = (await inst.call('directory.list', {})).length;
    const preview = await inst.call('directory.previewImport', { format: 'csv', content: CSV_WITH_BAD_ROWS });
    expect(preview.rows.map((r) => [r.at, r.action, r.service.name, r.service.regionName])).toEqual([
      [2, 'create', 'Substituční centrum Drop In', 'Hlavní město Praha'],
      [5, 'create', 'Terapeutická komunita Karlov', 'Jihomoravský kraj'],
    ]);
    expect(preview.errors.map((e) => [e.at, e.reason, e.field])).toEqual([
      [4, 'required', 'name'],
      [6, 'unknownType', 'type'],
      [7, 'unknownRegion', 'region'],
    ]);
    expect(preview.errors[2]!.message).toBe('Line 7: region "Vysočina" is not a region of the reference list.');
    expect(inst.snapshot()).toEqual(before); // not a row, not an audit entry

    const result = await inst.call('directory.confirmImport', { format: 'csv', content: CSV_WITH_BAD_ROWS });
    expect(result).toMatchObject({ created: 2, updated: 0 });
    expect(result.errors.map((e) => e.at)).toEqual([4, 6, 7]);
    const after = await inst.call('directory.list', {});
    expect(after.length).toBe(countBefore + 2);
    expect(after.find((s) => s.name === 'Substituční centrum Drop In')).toMatchObject({ address: 'Karoliny Světlé 18; Praha 1', intakeCriteria: 'klienti s OAT,\nnavazující péče', type: 'oat_provider' });
    const audit = await inst.call('audit.list', { action: 'directory.imported' });
    expect(audit.entries[0]?.details).toEqual({ format: 'csv', created: 2, updated: 0, skipped: 3 });
  });

  it('refuses files that are not directories as a whole, with a specific reason, writing nothing', async () => {
    const before = inst.snapshot();
    const cases: [InputOf<'directory.previewImport'>, string][] = [
      [{ format: 'csv', content: '' }, 'errors.file.empty'],
      [{ format: 'csv', content: 'název,adresa\nA,B' }, 'errors.file.missingColumns'],
      [{ format: 'json', content: '{"format":' }, 'errors.file.invalidJson'],
      [{ format: 'json', content: '{"services":[]}' }, 'errors.file.notADirectoryFile'],
      [{ format: 'csv', content: `name,type,region\n${'x,detox,Hlavní město Praha\n'.repeat(5001)}` }, 'errors.file.tooManyRows'],
    ];
    for (const [input, key] of cases) {
      for (const call of ['directory.previewImport', 'directory.confirmImport'] as const) {
        expect(await inst.raw(call, input), `${call} ${key}`).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: key } });
      }
    }
    expect(inst.snapshot()).toEqual(before);
  });

  it('a file with only bad rows imports nothing and records nothing', async () => {
    const before = inst.snapshot();
    const result = await inst.call('directory.confirmImport', { format: 'csv', content: 'name,type,region\nA,nonsense,Hlavní město Praha\n' });
    expect(result).toMatchObject({ created: 0, updated: 0, errors: [{ at: 2, reason: 'unknownType' }] });
    expect(inst.snapshot()).toEqual(before);
  });
});

describe('export and exchange', () => {
  it('JSON round trip is lossless: export, import into a second installation, export again gives the same entries', async () => {
    const exported = await inst.call('directory.export', { format: 'json' });
    expect(exported.fileName).toMatch(/^service-directory-\d{4}-\d{2}-\d{2}\.json$/);
    const services = (JSON.parse(exported.content) as { services: unknown[] }).services;
    expect(services.length).toBe(exported.count);
    expect(services.length).toBeGreaterThanOrEqual(4);

    const second = await new TempInstallation().setup();
    try {
      await second.call('reference.create', { kind: 'region', name: 'Jihomoravský kraj' });
      await second.call('reference.create', { kind: 'region', name: 'Hlavní město Praha' });
      const preview = await second.call('directory.previewImport', { format: 'json', content: exported.content });
      expect(preview.errors).toEqual([]);
      expect((await second.call('directory.confirmImport', { format: 'json', content: exported.content })).created).toBe(services.length);
      const again = await second.call('directory.export', { format: 'json' });
      expect(JSON.parse(again.content).services).toEqual(services);
      // Importing the same file again updates the same entries instead of duplicating them.
      expect(await second.call('directory.confirmImport', { format: 'json', content: exported.content })).toMatchObject({ created: 0, updated: services.length });
      expect((await second.call('directory.list', {})).length).toBe(services.length);
    } finally {
      second.dispose();
    }
  });

  it('CSV export reads back into the same entries', async () => {
    const csv = await inst.call('directory.export', { format: 'csv', regionId: praha });
    expect(csv.content.startsWith('\uFEFFid,name,type,region,')).toBe(true);
    const preview = await inst.call('directory.previewImport', { format: 'csv', content: csv.content });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.every((r) => r.action === 'update')).toBe(true);
    const listed = await inst.call('directory.list', { regionId: praha });
    expect(preview.rows.map((r) => r.service.name).sort()).toEqual(listed.map((s) => s.name).sort());
  });
});

describe('referrals', () => {
  let serviceId: string;
  beforeAll(async () => {
    serviceId = (await inst.call('directory.list', { type: 'oat_provider' }))[0]!.id;
  });

  it('refers a client with reason, appointment and status; every change and read is audited', async () => {
    const created = await inst.call('referrals.create', { clientId, serviceId, reason: 'Pokračování substituční léčby po propuštění', appointmentAt: '2027-01-16T09:30' });
    expect(created).toMatchObject({ status: 'proposed', appointmentAt: '2027-01-16T09:30', service: { name: 'Substituční centrum Drop In', type: 'oat_provider', regionName: 'Hlavní město Praha' }, createdByName: ADMIN.displayName });
    const updated = await inst.call('referrals.update', { id: created.id, serviceId, reason: created.reason, appointmentAt: '2027-01-16T10:00', status: 'accepted' });
    expect(updated).toMatchObject({ status: 'accepted', appointmentAt: '2027-01-16T10:00' });
    expect((await inst.call('referrals.list', { clientId })).map((r) => r.id)).toEqual([created.id]);

    const audit = await inst.call('audit.list', {});
    const mine = audit.entries.filter((e) => e.entityId === clientId && /^referral/.test(e.action)).map((e) => [e.action, e.details]);
    expect(mine).toEqual([
      ['referrals.read', {}],
      ['referral.updated', { referralId: created.id, serviceId, from: 'proposed', to: 'accepted', appointment: true }],
      ['referral.created', { serviceId, status: 'proposed', appointment: true }],
    ]);
    // No reason text, no names in the audit trail.
    expect(JSON.stringify(audit.entries)).not.toContain('substituční');
  });

  it('refuses bad input, removed services and other caseloads, writing nothing', async () => {
    const removed = await inst.call('directory.create', { name: 'Zrušená služba', type: 'detox', regionId: praha });
    await inst.call('directory.remove', { id: removed.id });
    const before = inst.snapshot();
    const bad = await inst.raw('referrals.create', { clientId, serviceId, reason: '', appointmentAt: '2027-02-30T09:00', status: 'maybe' });
    expect(bad.ok || bad.error.issues?.map((i) => i.path).sort()).toEqual(['appointmentAt', 'reason', 'status']);
    expect(await inst.raw('referrals.create', { clientId, serviceId: removed.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: 'errors.serviceRemoved' } });
    expect(await inst.raw('referrals.create', { clientId: 'nobody', serviceId, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(inst.snapshot()).toEqual(before);

    // Logging in and out is audited itself; what must not change is the referrals table.
    await loginAs(CLINICIAN); // not the assigned worker: the client is outside the caseload
    expect(await inst.raw('referrals.create', { clientId, serviceId, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.clientNotFound' } });
    await loginAs(EVALUATOR);
    expect(await inst.raw('referrals.list', { clientId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await loginAs(ADMIN);
    expect(inst.snapshot().referrals).toBe(before.referrals);
  });

  it('a handed-over case is read-only: create, update and remove are refused, listing still works', async () => {
    const existing = (await inst.call('referrals.list', { clientId }))[0]!;
    const sqlite = inst.backend.session!.store.sqlite;
    sqlite.prepare("UPDATE clients SET custody = 'handedOver', handed_over_to = 'Sananim Kladno' WHERE id = ?").run(clientId);
    try {
      const before = inst.snapshot();
      const attempts: [string, unknown][] = [
        ['referrals.create', { clientId, serviceId, reason: 'x' }],
        ['referrals.update', { id: existing.id, serviceId, reason: 'x', status: 'sent' }],
        ['referrals.remove', { id: existing.id }],
      ];
      for (const [name, input] of attempts) {
        expect(await inst.raw(name, input), name).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: 'errors.clientHandedOver' } });
      }
      expect(inst.snapshot()).toEqual(before);
      expect((await inst.call('referrals.list', { clientId })).map((r) => r.status)).toEqual([existing.status]);
    } finally {
      sqlite.prepare("UPDATE clients SET custody = 'held', handed_over_to = NULL WHERE id = ?").run(clientId);
    }
  });

  it('a referral entered by mistake can be deleted (audited); the service entry stays', async () => {
    const r = await inst.call('referrals.create', { clientId, serviceId, reason: 'omyl' });
    await inst.call('referrals.remove', { id: r.id });
    expect((await inst.call('referrals.list', { clientId })).some((x) => x.id === r.id)).toBe(false);
    const audit = await inst.call('audit.list', { action: 'referral.removed' });
    expect(audit.entries[0]?.details).toEqual({ referralId: r.id, status: 'proposed' });
    expect((await inst.call('directory.get', { id: serviceId })).removedAt).toBeNull();
  });
});
