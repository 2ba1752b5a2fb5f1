import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients } from '../../electron/node/store/schema';
import { ADMIN, TempInstallation } from '../helpers/tempInstallation';

let inst: TempInstallation;
let janaId: string;
let keptCode: string;
let erasedId: string;

/** A real installation where a worker registered two clients, one of whom an admin later erased. */
beforeAll(async () => {
  inst = await new TempInstallation().setup();
  janaId = (await inst.call('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'jana password 123' })).id;
  const adminId = inst.backend.session!.user!.id;
  const kept = await inst.call('clients.create', { client: { firstName: 'Petr', lastName: 'Dvořák', dateOfBirth: '1985-05-05', sex: 'male', assignedWorkerId: janaId } });
  keptCode = kept.code;
  await inst.call('clients.get', { id: kept.id });
  const erased = await inst.call('clients.create', { client: { firstName: 'Eva', lastName: 'Malá', dateOfBirth: '1979-03-03', sex: 'female', assignedWorkerId: adminId } });
  erasedId = erased.id;
  await inst.call('clients.get', { id: erased.id });
  await inst.call('clients.setStatus', { id: erased.id, status: 'closed', revision: erased.revision });
  await inst.call('retention.setMonths', { months: 12 });
  // The closed case was last touched 13 months ago, so its retention has run out.
  const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
  inst.backend.session!.store.db.update(clients).set({ updatedAt: longAgo, lastContactAt: longAgo }).where(eq(clients.id, erased.id)).run();
  await inst.call('retention.erase', { clientId: erased.id, confirmCode: erased.code, reason: 'Uplynula skartační lhůta.' });
}, 120_000);
afterAll(() => inst?.dispose());

describe('the audit log as people read it (W11)', () => {
  it('names the actor by display name, the client by code, and an erased client as erased, never by id', async () => {
    const { entries } = await inst.call('audit.list', { action: 'client.read' });
    const kept = entries.find((e) => e.clientCode === keptCode)!;
    expect(kept).toMatchObject({ actorDisplayName: ADMIN.displayName, clientErased: false });
    const erased = entries.find((e) => e.entityId === erasedId)!;
    expect(erased).toMatchObject({ clientCode: null, clientErased: true, actorDisplayName: ADMIN.displayName });
    const created = (await inst.call('audit.list', { action: 'user.created' })).entries[0]!;
    expect(created.subjectName).toBe('Jana Nováková');
  });

  it('filters by client code (entries about the client only), by person and by date', async () => {
    const byClient = (await inst.call('audit.list', { clientCode: keptCode.toLowerCase() })).entries;
    expect(byClient.map((e) => e.action).sort()).toEqual(['client.created', 'client.read']);
    expect(byClient.every((e) => e.clientCode === keptCode)).toBe(true);
    const byJana = (await inst.call('audit.list', { actorId: janaId })).entries;
    expect(byJana).toEqual([]);
    const byAdmin = (await inst.call('audit.list', { actorId: inst.backend.session!.user!.id, action: 'client.created' })).entries;
    expect(byAdmin).toHaveLength(2);
    const future = (await inst.call('audit.list', { from: '2999-01-01' })).entries;
    expect(future).toEqual([]);
    const unknown = await inst.raw('audit.list', { clientCode: 'ZZZ-0000' });
    expect(!unknown.ok && unknown.error.messageKey).toBe('page.unknownClient');
  });

  it('exports the filtered view as CSV for Czech Excel (BOM, semicolons, sentences), and records the export', async () => {
    const before = (await inst.call('audit.list', { action: 'audit.exported' })).entries.length;
    const file = await inst.call('audit.export', { clientCode: keptCode, language: 'cs' });
    expect(file.fileName).toMatch(/^auditni-zaznam-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    const lines = file.content.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Číslo záznamu;Datum a čas;Kdo;Událost;Klient;Kód akce');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^\\d+;\\d{1,2}\\. \\d{1,2}\\. \\d{4} \\d{2}:\\d{2}:\\d{2};Alena Správcová;Registrace klienta ${keptCode};${keptCode};client\\.created$`));
    expect(lines[2]).toContain(`Otevření záznamu klienta ${keptCode}`);
    expect(file.rows).toBe(2);
    const exported = (await inst.call('audit.list', { action: 'audit.exported' })).entries;
    expect(exported).toHaveLength(before + 1);
    // The entry says what shaped the export, not the client code itself.
    expect(exported[0]!.details).toEqual({ rows: 2, filtered: 'clientCode' });

    const erasedRows = await inst.call('audit.export', { action: 'client.read', language: 'en' });
    expect(erasedRows.content).toContain(';Opened the record of client erased client;erased client;client.read');
    expect(erasedRows.content).not.toContain(erasedId);
  });
});
