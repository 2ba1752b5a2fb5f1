import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TempInstallation } from '../helpers/tempInstallation';
import type { InputOf } from '../../shared/api';

let inst: TempInstallation;
let prisonId: string;
let regionId: string;
let adminId: string;
let workerId: string;

function newClient(over: Partial<InputOf<'clients.create'>['client']> = {}): InputOf<'clients.create'>['client'] {
  return {
    firstName: 'Jiří',
    lastName: 'Žlutý',
    dateOfBirth: '1988-04-12',
    sex: 'male',
    nationality: 'CZ',
    prisonId,
    sentenceStart: '2023-02-01',
    earliestRelease: '2027-01-15',
    latestRelease: '2027-08-01',
    regionId,
    municipality: 'Kladno',
    assignedWorkerId: workerId,
    notes: 'Chce pracovat jako truhlář.',
    ...over,
  };
}

/** Inserts a contact note the way the contact log does, so the search sees real rows. */
function addNote(clientId: string, text: string): void {
  inst.backend.session!.store.sqlite
    .prepare("INSERT INTO contact_notes (id, client_id, at, channel, phase, participants, notes, author_id, created_at) VALUES (?, ?, ?, 'phone', 'custody', '', ?, ?, ?)")
    .run(randomUUID(), clientId, '2026-11-01T10:00:00.000Z', text, adminId, new Date().toISOString());
}

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  prisonId = (await inst.call('reference.create', { kind: 'prison', name: 'Věznice Pankrác' })).id;
  regionId = (await inst.call('reference.create', { kind: 'region', name: 'Středočeský kraj' })).id;
  adminId = inst.backend.session!.user!.id;
  workerId = (await inst.call('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'jana password 123' })).id;
});
afterAll(() => inst.dispose());

describe('client record', () => {
  it('registers a client with a generated human-friendly code and audits the creation', async () => {
    const c = await inst.call('clients.create', { client: newClient() });
    expect(c.code).toMatch(/^[A-HJ-NP-Z]{3}-\d{4}$/);
    expect(c).toMatchObject({ firstName: 'Jiří', prisonName: 'Věznice Pankrác', regionName: 'Středočeský kraj', assignedWorkerName: 'Jana Nováková', status: 'intake', custody: 'held', revision: 1 });
    const audit = await inst.call('audit.list', { action: 'client.created' });
    expect(audit.entries.some((e) => e.entityId === c.id)).toBe(true);
    // personal data never lands in the audit trail
    expect(JSON.stringify(audit)).not.toContain('Žlutý');
  });

  it('every read of a record is audited', async () => {
    const c = await inst.call('clients.create', { client: newClient({ firstName: 'Petr', dateOfBirth: '1990-01-01' }) });
    await inst.call('clients.get', { id: c.id });
    const audit = await inst.call('audit.list', { action: 'client.read' });
    expect(audit.entries[0]?.entityId).toBe(c.id);
  });

  it.each([
    ['earliest release after end of sentence', { earliestRelease: '2028-01-01', latestRelease: '2027-01-01' }, 'earliestRelease'],
    ['date of birth not a date', { dateOfBirth: '12.4.1988' }, 'dateOfBirth'],
    ['empty surname', { lastName: '  ' }, 'lastName'],
    ['code with spaces', { code: 'AB 12' }, 'code'],
    ['unknown sex', { sex: 'x' as never }, 'sex'],
  ])('refuses %s with a field error and changes nothing', async (_name, over, field) => {
    const before = inst.snapshot();
    const r = await inst.raw('clients.create', { client: newClient(over) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.issues?.map((i) => i.path)).toContain(`client.${field}`);
    }
    expect(inst.snapshot()).toEqual(before);
  });

  it('refuses an unknown prison or worker and changes nothing', async () => {
    const before = inst.snapshot();
    for (const over of [{ prisonId: 'nope' }, { assignedWorkerId: 'nobody' }, { regionId: prisonId }]) {
      const r = await inst.raw('clients.create', { client: newClient({ dateOfBirth: '1970-01-01', ...over }) });
      expect(r.ok).toBe(false);
    }
    expect(inst.snapshot()).toEqual(before);
  });

  it('flags duplicates: same code refused, same name and birth date only after confirmation', async () => {
    const first = await inst.call('clients.create', { client: newClient({ firstName: 'Šárka', lastName: 'Černá', sex: 'female', dateOfBirth: '1995-05-05' }) });
    const before = inst.snapshot();
    const sameCode = await inst.raw('clients.create', { client: newClient({ code: first.code.toLowerCase(), dateOfBirth: '1960-01-01' }) });
    expect(!sameCode.ok && sameCode.error.messageKey).toBe('errors.clientCodeTaken');
    // spelled without diacritics: still the same person as far as the duplicate check goes
    const sameName = await inst.raw('clients.create', { client: newClient({ firstName: 'Sarka', lastName: 'CERNA', sex: 'female', dateOfBirth: '1995-05-05' }) });
    expect(!sameName.ok && sameName.error.messageKey).toBe('errors.possibleDuplicate');
    expect(inst.snapshot()).toEqual(before);
    const dups = await inst.call('clients.checkDuplicates', { firstName: 'sarka', lastName: 'cerna', dateOfBirth: '1995-05-05' });
    expect(dups).toEqual([expect.objectContaining({ id: first.id, reason: 'sameNameAndBirth' })]);
    const second = await inst.call('clients.create', { client: newClient({ firstName: 'Sarka', lastName: 'Cerna', sex: 'female', dateOfBirth: '1995-05-05' }), confirmDuplicate: true });
    expect(second.id).not.toBe(first.id);
  });

  it('edits with the revision it was loaded from; a stale revision is a conflict that changes nothing', async () => {
    const c = await inst.call('clients.create', { client: newClient({ firstName: 'Karel', dateOfBirth: '1980-02-02' }) });
    const edited = await inst.call('clients.update', { id: c.id, revision: 1, municipality: 'Beroun', actualRelease: '2025-01-20' });
    expect(edited).toMatchObject({ municipality: 'Beroun', actualRelease: '2025-01-20', revision: 2 });
    // a partial update leaves every field it does not name as it was
    const partial = await inst.call('clients.update', { id: c.id, revision: 2, nationality: 'SK' });
    expect(partial).toMatchObject({ nationality: 'SK', municipality: 'Beroun', prisonId, regionId, earliestRelease: '2027-01-15', notes: 'Chce pracovat jako truhlář.', revision: 3 });
    const before = inst.snapshot();
    const stale = await inst.raw('clients.update', { id: c.id, revision: 1, municipality: 'Praha' });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    expect(inst.snapshot()).toEqual(before);
    const status = await inst.call('clients.setStatus', { id: c.id, status: 'active', revision: 3 });
    expect(status.status).toBe('active');
    const reassigned = await inst.call('clients.reassign', { id: c.id, workerId: adminId, revision: 4 });
    expect(reassigned.assignedWorkerId).toBe(adminId);
  });

  it('a handed-over case is read-only', async () => {
    const c = await inst.call('clients.create', { client: newClient({ firstName: 'Ondřej', dateOfBirth: '1981-03-03' }) });
    inst.backend.session!.store.sqlite.prepare("UPDATE clients SET custody = 'handedOver', handed_over_to = 'K-centrum Kladno' WHERE id = ?").run(c.id);
    const before = inst.snapshot();
    const r = await inst.raw('clients.update', { id: c.id, revision: 1, municipality: 'Praha' });
    expect(!r.ok && r.error.messageKey).toBe('errors.clientHandedOver');
    expect(inst.snapshot()).toEqual(before);
  });
});

describe('caseload and search', () => {
  let zluty: string;
  beforeAll(async () => {
    zluty = (await inst.call('clients.create', { client: newClient({ firstName: 'Tomáš', lastName: 'Šťastný', dateOfBirth: '1979-09-09', earliestRelease: '2026-12-01', notes: '' }) })).id;
    addNote(zluty, 'Domluvena schůzka v K-centru, přinese žlutý formulář od probační služby.');
  });

  const search = async (text: string) => (await inst.call('clients.caseload', { search: text, limit: 200 })).rows.map((r) => r.id);

  it('finds a client by a word from a contact note, ignoring diacritics and case', async () => {
    expect(await search('zluty formular')).toContain(zluty);
    expect(await search('ŽLUTÝ')).toContain(zluty);
  });

  it('finds by name prefix without diacritics and by code', async () => {
    const client = await inst.call('clients.get', { id: zluty });
    expect(await search('stast')).toContain(zluty);
    expect(await search('tomas stastny')).toContain(zluty);
    expect(await search(client.code)).toContain(zluty);
    expect(await search('neexistujicislovo')).toEqual([]);
  });

  it('treats FTS syntax as plain text', async () => {
    for (const hostile of ['"', 'NEAR(', '*', 'a OR b', '-', '^x', '()']) {
      const r = await inst.raw('clients.caseload', { search: hostile });
      expect(r.ok).toBe(true);
    }
  });

  it('sorts, filters and pages; flags a release within 30 days with an incomplete checklist', async () => {
    const page = await inst.call('clients.caseload', { sort: 'earliestRelease', limit: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const all = (await inst.call('clients.caseload', { sort: 'name', direction: 'desc', limit: 200 })).rows;
    const names = all.map((r) => `${r.lastName}`);
    expect(names[0]).toBe('Žlutý'); // z after s: folded sort, not byte order
    const soon = all.find((r) => r.id === zluty)!;
    const clock = inst.backend as { now: () => number };
    clock.now = () => Date.parse('2026-11-20T09:00:00Z');
    const flagged = (await inst.call('clients.caseload', { search: 'stastny' })).rows[0]!;
    expect(flagged.daysToRelease).toBe(11);
    expect(flagged.flags).toContain('releaseSoonChecklistIncomplete');
    expect(soon.lastContactAt).toBe('2026-11-01T10:00:00.000Z');
    clock.now = () => Date.now();
    inst.backend.session!.lastActivity = Date.now();
    const filtered = await inst.call('clients.caseload', { status: ['closed'] });
    expect(filtered.total).toBe(0);
  });

  it('a caseworker sees only their own caseload and cannot open other clients', async () => {
    const other = await inst.call('clients.create', { client: newClient({ firstName: 'Adam', dateOfBirth: '1999-09-09', assignedWorkerId: adminId }) });
    await inst.call('session.lock', {});
    await inst.call('session.login', { username: 'jana', password: 'jana password 123' });
    const mine = await inst.call('clients.caseload', { limit: 200, workerId: adminId });
    expect(mine.rows.every((r) => r.assignedWorkerName === 'Jana Nováková')).toBe(true);
    const r = await inst.raw('clients.get', { id: other.id });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});
