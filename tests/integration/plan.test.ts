import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import { addDays, localDate } from '../../shared/plan';
import { CHECKLIST_ITEMS } from '../../shared/schemas/plan';
import { markChecklistItem } from '../../electron/node/plan/checklistRepository';

const JANA = { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker' as const, password: 'jana password 123' };
const PETR = { username: 'petr', displayName: 'Petr Dvořák', role: 'caseworker' as const, password: 'petr password 123' };

let inst: TempInstallation;
let janaId: string;
let today: string;

async function loginAs(user: { username: string; password: string }) {
  await inst.call('session.lock', { reason: 'user' });
  await inst.call('session.login', { username: user.username, password: user.password });
}

async function newClient(firstName: string, earliestRelease: string | null) {
  return inst.call('clients.create', {
    client: { firstName, lastName: 'Šťastný', dateOfBirth: '1990-04-12', sex: 'male', assignedWorkerId: janaId, earliestRelease, status: 'active' },
  });
}

/** Audit entries filed under the client, oldest first, without reads. */
function changesOf(clientId: string) {
  const sqlite = inst.backend.session!.store.sqlite;
  return sqlite
    .prepare("SELECT action, actor_name AS actor, details FROM audit_log WHERE entity_id = ? AND action NOT LIKE '%.read' AND action != 'client.created' ORDER BY seq")
    .all(clientId) as { action: string; actor: string; details: string }[];
}

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  janaId = (await inst.call('users.create', JANA)).id;
  await inst.call('users.create', PETR);
  await loginAs(JANA);
  today = localDate(Date.now());
});
afterAll(() => inst?.dispose());

describe('release plan: goals and tasks', () => {
  it('every plan and task change is audited under the client, with names and codes only', async () => {
    const client = await newClient('Karel', addDays(today, 10));
    const goal = await inst.call('plan.addGoal', { clientId: client.id, domain: 'housing', title: 'Bydlení v azylovém domě Naděje' });
    const second = await inst.call('plan.addGoal', { clientId: client.id, domain: 'housing', title: 'Podat žádost o sociální byt' });
    const task = await inst.call('plan.addTask', {
      clientId: client.id,
      goalId: goal.id,
      title: 'Zavolat do azylového domu',
      dueDate: addDays(today, 3),
      responsibleKind: 'worker',
      responsibleName: '',
    });
    const other = await inst.call('plan.addTask', {
      clientId: client.id,
      goalId: goal.id,
      title: 'Domluvit nástup',
      dueDate: null,
      responsibleKind: 'service',
      responsibleName: 'Azylový dům Naděje',
    });
    await inst.call('plan.updateTask', { clientId: client.id, taskId: task.id, title: 'Zavolat do azylového domu Naděje', dueDate: addDays(today, 2), responsibleKind: 'client', responsibleName: '' });
    const done = await inst.call('plan.setTaskStatus', { clientId: client.id, taskId: task.id, status: 'done' });
    expect(done.completedAt).not.toBeNull();
    expect(done.updatedByName).toBe(JANA.displayName);
    const reopened = await inst.call('plan.setTaskStatus', { clientId: client.id, taskId: task.id, status: 'open' });
    expect(reopened.completedAt).toBeNull();
    const reordered = await inst.call('plan.reorderTasks', { clientId: client.id, goalId: goal.id, taskIds: [other.id, task.id] });
    expect(reordered.map((t) => t.id)).toEqual([other.id, task.id]);
    const goals = await inst.call('plan.reorderGoals', { clientId: client.id, domain: 'housing', goalIds: [second.id, goal.id] });
    expect(goals.map((g) => g.id)).toEqual([second.id, goal.id]);
    await inst.call('plan.updateGoal', { clientId: client.id, goalId: second.id, status: 'achieved' });
    await inst.call('plan.removeTask', { clientId: client.id, taskId: other.id });

    const plan = await inst.call('plan.get', { clientId: client.id });
    expect(plan.goals.map((g) => [g.title, g.status, g.tasks.length])).toEqual([
      ['Podat žádost o sociální byt', 'achieved', 0],
      ['Bydlení v azylovém domě Naděje', 'open', 1],
    ]);
    expect(plan.goals[1]?.tasks[0]).toMatchObject({ title: 'Zavolat do azylového domu Naděje', responsibleKind: 'client', dueDate: addDays(today, 2), status: 'open' });

    const trail = changesOf(client.id);
    expect(trail.map((e) => e.action)).toEqual([
      'plan.goalAdded',
      'plan.goalAdded',
      'plan.taskAdded',
      'plan.taskAdded',
      'plan.taskUpdated',
      'plan.taskStatusChanged',
      'plan.taskStatusChanged',
      'plan.tasksReordered',
      'plan.goalsReordered',
      'plan.goalUpdated',
      'plan.taskRemoved',
    ]);
    expect(trail.every((e) => e.actor === JANA.username)).toBe(true);
    expect(JSON.parse(trail[5]!.details)).toEqual({ taskId: task.id, from: 'open', to: 'done' });
    // No personal data in the trail: titles and service names stay out of it.
    const all = trail.map((e) => e.details).join(' ');
    for (const secret of ['azyl', 'Naděje', 'sociální', 'Domluvit']) expect(all).not.toContain(secret);

    // The history a user sees comes from the same trail, newest first, with display names.
    const history = await inst.call('plan.history', { clientId: client.id });
    expect(history[0]).toMatchObject({ action: 'plan.taskRemoved', actorName: JANA.displayName });
    expect(history.map((h) => h.action)).not.toContain('plan.read');
  });
});

describe('pre-release checklist', () => {
  it('is there for every client, due dates follow the earliest release date, counts feed the caseload', async () => {
    const client = await newClient('Lukáš', addDays(today, 10));
    let plan = await inst.call('plan.get', { clientId: client.id });
    expect(plan.checklist).toHaveLength(CHECKLIST_ITEMS.length);
    expect(plan.checklist.find((i) => i.key === 'firstNightHousing')?.dueDate).toBe(addDays(today, -4));
    expect(plan.alert).toMatchObject({ level: 't14', daysToRelease: 10, openItems: 9, overdueItems: 5 });

    await inst.call('plan.setChecklistItem', { clientId: client.id, itemKey: 'identityDocument', status: 'done', note: 'OP platný do 2031', notApplicableReason: '' });
    await inst.call('plan.setChecklistItem', { clientId: client.id, itemKey: 'oatBridging', status: 'notApplicable', note: '', notApplicableReason: 'Není v substituční léčbě' });
    const item = (await inst.call('plan.get', { clientId: client.id })).checklist.find((i) => i.key === 'oatBridging');
    expect(item).toMatchObject({ status: 'notApplicable', notApplicableReason: 'Není v substituční léčbě', updatedByName: JANA.displayName });

    const row = () => inst.backend.session!.store.sqlite.prepare('SELECT checklist_done AS done, checklist_total AS total FROM clients WHERE id = ?').get(client.id);
    expect(row()).toEqual({ done: 1, total: CHECKLIST_ITEMS.length - 1 });

    // The release date moves: every due date moves with it, and the alert window changes.
    const moved = await inst.call('clients.update', { id: client.id, revision: client.revision, earliestRelease: addDays(today, 40) });
    plan = await inst.call('plan.get', { clientId: client.id });
    expect(moved.earliestRelease).toBe(addDays(today, 40));
    expect(plan.checklist.find((i) => i.key === 'firstNightHousing')?.dueDate).toBe(addDays(today, 26));
    expect(plan.alert?.level).toBe('none');

    // Completing every applicable item clears the alert; the checklist-change trail names item and states only.
    await inst.call('clients.update', { id: client.id, revision: moved.revision, earliestRelease: addDays(today, 7) });
    for (const { key } of CHECKLIST_ITEMS) {
      if (key === 'oatBridging' || key === 'identityDocument') continue;
      await inst.call('plan.setChecklistItem', { clientId: client.id, itemKey: key, status: 'done', note: '', notApplicableReason: '' });
    }
    plan = await inst.call('plan.get', { clientId: client.id });
    expect(plan.alert).toMatchObject({ level: 'none', openItems: 0, daysToRelease: 7 });
    expect(plan.progress).toMatchObject({ checklistDone: 8, checklistTotal: 8, percent: 100 });
    expect(row()).toEqual({ done: 8, total: 8 });
    const ticks = changesOf(client.id).filter((e) => e.action === 'plan.checklistItemChanged');
    expect(ticks).toHaveLength(CHECKLIST_ITEMS.length);
    expect(JSON.parse(ticks[1]!.details)).toEqual({ itemKey: 'oatBridging', from: 'open', to: 'notApplicable' });
    expect(ticks.map((t) => t.details).join(' ')).not.toContain('substituční');

    // Reopening an item brings it back into the counts.
    await inst.call('plan.setChecklistItem', { clientId: client.id, itemKey: 'receiptReceived', status: 'open', note: '', notApplicableReason: '' });
    expect(row()).toEqual({ done: 7, total: 8 });
  });

  it('the handover can tick "handover file sent" on a case it just made read-only', async () => {
    const client = await newClient('Ondřej', addDays(today, 5));
    const store = inst.backend.session!.store;
    store.sqlite.prepare("UPDATE clients SET custody = 'handedOver', handed_over_to = 'Mgr. Veselá' WHERE id = ?").run(client.id);
    store.db.transaction((tx) => markChecklistItem(tx, client.id, 'handoverSent', { status: 'done', userId: janaId, now: new Date() }));
    const plan = await inst.call('plan.get', { clientId: client.id });
    expect(plan.checklist.find((i) => i.key === 'handoverSent')?.status).toBe('done');
    expect(store.sqlite.prepare('SELECT checklist_done AS d FROM clients WHERE id = ?').get(client.id)).toEqual({ d: 1 });
  });
});

describe('services log', () => {
  it('records what was delivered, keeping only the details of its kind', async () => {
    const client = await newClient('Radek', addDays(today, 20));
    await inst.call('plan.addService', {
      clientId: client.id, kind: 'oatDose', deliveredOn: today, oatMedication: 'methadone', oatDose: '60 mg denně', prescriber: 'MUDr. Hájková',
      disease: 'hcv', testResult: null, programme: 'x', attended: true, note: '',
    });
    await inst.call('plan.addService', {
      clientId: client.id, kind: 'naloxoneKit', deliveredOn: addDays(today, -1), oatMedication: null, oatDose: '', prescriber: '', disease: null, testResult: null, programme: '', attended: null, note: 'Nasální sprej',
    });
    const log = await inst.call('plan.listServices', { clientId: client.id });
    expect(log.map((s) => s.kind)).toEqual(['oatDose', 'naloxoneKit']);
    expect(log[0]).toMatchObject({ oatMedication: 'methadone', oatDose: '60 mg denně', prescriber: 'MUDr. Hájková', disease: null, programme: null, attended: null });
    expect(changesOf(client.id).map((e) => e.action)).toEqual(['plan.serviceAdded', 'plan.serviceAdded']);
  });
});

describe('contact log and follow-up', () => {
  it('logs contacts (searchable from the caseload), then follows up from the actual release date', async () => {
    const client = await newClient('Zdeněk', addDays(today, -3));
    const note = await inst.call('contactLog.add', {
      clientId: client.id, at: `${addDays(today, -5)}T10:30`, channel: 'prisonVisit', phase: 'custody', participants: 'klient, matka', notes: 'Probrali jsme bydlení u sestry v Kladně.',
    });
    expect(note).toMatchObject({ channel: 'prisonVisit', authorName: JANA.displayName });
    const found = await inst.call('clients.caseload', { search: 'kladne' });
    expect(found.rows.map((r) => r.id)).toContain(client.id);
    const list = await inst.call('contactLog.list', { clientId: client.id });
    expect(list.total).toBe(1);

    // Not released yet: no schedule, and a follow-up cannot be recorded.
    expect((await inst.call('followUp.list', { clientId: client.id })).followUps).toEqual([]);
    const refused = await inst.raw('followUp.record', followUpInput(client.id, 'day1', today));
    expect(refused.ok === false && refused.error.messageKey).toBe('errors.followUpNotReleased');

    // Released 3 days ago: day 1 is missed unless recorded, day 3 is due, week 1 upcoming.
    await inst.call('clients.update', { id: client.id, revision: client.revision, actualRelease: addDays(today, -3) });
    let schedule = await inst.call('followUp.list', { clientId: client.id });
    expect(schedule.followUps.map((f) => f.milestone)).toEqual(['day1', 'day3', 'week1', 'week2', 'month1', 'month3', 'month6']);
    expect(schedule.followUps.slice(0, 3).map((f) => f.state)).toEqual(['missed', 'due', 'upcoming']);
    expect(schedule.missed).toBe(1);

    const recorded = await inst.call('followUp.record', { ...followUpInput(client.id, 'day1', addDays(today, -2)), housing: 'temporary', treatmentAttendance: 'attending' });
    expect(recorded).toMatchObject({ state: 'recorded', dueDate: addDays(today, -2), record: { reached: true, housing: 'temporary', updatedByName: JANA.displayName } });
    schedule = await inst.call('followUp.list', { clientId: client.id });
    expect(schedule.missed).toBe(0);
    // Correcting a recorded follow-up updates it; there is still one per milestone.
    await inst.call('followUp.record', { ...followUpInput(client.id, 'day1', addDays(today, -2)), reached: false });
    expect(inst.backend.session!.store.sqlite.prepare('SELECT count(*) AS n FROM follow_ups WHERE client_id = ?').get(client.id)).toEqual({ n: 1 });

    const mine = await inst.call('tasks.mine', { days: 7 });
    expect(mine.filter((i) => i.clientId === client.id && i.kind === 'followUp').map((i) => i.kind === 'followUp' && i.milestone)).toEqual(['day3', 'week1']);
    expect(changesOf(client.id).map((e) => e.action)).toEqual(['contactLog.added', 'client.updated', 'followUp.recorded', 'followUp.recorded']);
  });
});

describe('overviews', () => {
  it('upcoming releases within 7 / 30 / 90 days and "my tasks", only for one\'s own caseload', async () => {
    const soon = await newClient('Blízký', addDays(today, 6));
    const later = await newClient('Pozdější', addDays(today, 60));
    const in7 = await inst.call('releases.upcoming', { days: 7 });
    expect(in7.map((r) => r.clientId)).toContain(soon.id);
    expect(in7.map((r) => r.clientId)).not.toContain(later.id);
    expect(in7.find((r) => r.clientId === soon.id)?.alert.level).toBe('t7');
    expect((await inst.call('releases.upcoming', { days: 90 })).map((r) => r.clientId)).toContain(later.id);
    const mine = await inst.call('tasks.mine', { days: 7 });
    const soonItems = mine.filter((i) => i.clientId === soon.id);
    expect(soonItems.every((i) => i.kind === 'checklist')).toBe(true);
    expect(soonItems.length).toBe(CHECKLIST_ITEMS.length);
    expect(mine[0]?.overdue).toBe(true); // overdue first

    await loginAs(PETR);
    expect(await inst.call('releases.upcoming', { days: 90 })).toEqual([]);
    const hidden = await inst.raw('plan.get', { clientId: soon.id });
    expect(hidden.ok === false && hidden.error.code).toBe('NOT_FOUND');
    await loginAs(JANA);
  });
});

function followUpInput(clientId: string, milestone: 'day1' | 'day3', contactedOn: string) {
  return {
    clientId, milestone, reached: true, contactedOn,
    housing: 'unknown', employment: 'unknown', substanceUse: 'unknown', treatmentAttendance: 'unknown', rearrest: 'no', overdose: 'no', note: '',
  } as const;
}

describe('bad input changes nothing', () => {
  it('each refused call: a specific error, and the database exactly as before', async () => {
    const client = await newClient('Vojtěch', addDays(today, 12));
    const other = await newClient('Cizí', addDays(today, 12));
    const goal = await inst.call('plan.addGoal', { clientId: client.id, domain: 'family', title: 'Obnovit kontakt s dcerou' });
    const otherGoal = await inst.call('plan.addGoal', { clientId: other.id, domain: 'family', title: 'Cizí cíl' });
    const task = await inst.call('plan.addTask', { clientId: client.id, goalId: goal.id, title: 'Dopis dceři', dueDate: null, responsibleKind: 'client', responsibleName: '' });
    const task2 = await inst.call('plan.addTask', { clientId: client.id, goalId: goal.id, title: 'Návštěva', dueDate: null, responsibleKind: 'worker', responsibleName: '' });
    const taskBase = { clientId: client.id, goalId: goal.id, title: 'Úkol', dueDate: null, responsibleKind: 'worker', responsibleName: '' };
    const future = addDays(today, 2);

    const cases: [string, unknown, string, string?][] = [
      ['plan.addTask', { ...taskBase, responsibleKind: 'service', responsibleName: '  ' }, 'VALIDATION', 'responsibleName'],
      ['plan.addTask', { ...taskBase, title: '   ' }, 'VALIDATION', 'title'],
      ['plan.addTask', { ...taskBase, dueDate: '2025-02-30' }, 'VALIDATION', 'dueDate'],
      ['plan.addTask', { ...taskBase, goalId: otherGoal.id }, 'NOT_FOUND'],
      ['plan.addGoal', { clientId: client.id, domain: 'holidays', title: 'x' }, 'VALIDATION', 'domain'],
      ['plan.addGoal', { clientId: 'no-such-client', domain: 'family', title: 'x' }, 'NOT_FOUND'],
      ['plan.updateGoal', { clientId: client.id, goalId: goal.id, title: 'Obnovit kontakt s dcerou' }, 'REFUSED'],
      ['plan.reorderTasks', { clientId: client.id, goalId: goal.id, taskIds: [task.id] }, 'VALIDATION'],
      ['plan.reorderTasks', { clientId: client.id, goalId: goal.id, taskIds: [task.id, task.id] }, 'VALIDATION'],
      ['plan.reorderTasks', { clientId: client.id, goalId: goal.id, taskIds: [task2.id, otherGoal.id] }, 'VALIDATION'],
      ['plan.setTaskStatus', { clientId: other.id, taskId: task.id, status: 'done' }, 'NOT_FOUND'],
      ['plan.setTaskStatus', { clientId: client.id, taskId: task.id, status: 'finished' }, 'VALIDATION', 'status'],
      ['plan.setChecklistItem', { clientId: client.id, itemKey: 'oatBridging', status: 'notApplicable', note: '', notApplicableReason: '' }, 'VALIDATION', 'notApplicableReason'],
      ['plan.setChecklistItem', { clientId: client.id, itemKey: 'passport', status: 'done' }, 'VALIDATION', 'itemKey'],
      ['plan.addService', { clientId: client.id, kind: 'oatDose', deliveredOn: today, oatMedication: null, oatDose: '', prescriber: '', disease: null, testResult: null, programme: '', attended: null, note: '' }, 'VALIDATION', 'oatMedication'],
      ['plan.addService', { clientId: client.id, kind: 'naloxoneKit', deliveredOn: future, oatMedication: null, oatDose: '', prescriber: '', disease: null, testResult: null, programme: '', attended: null, note: '' }, 'REFUSED'],
      ['contactLog.add', { clientId: client.id, at: `${future}T09:00`, channel: 'phone', phase: 'custody', participants: '', notes: 'x' }, 'REFUSED'],
      ['contactLog.add', { clientId: client.id, at: `${today}T09:00`, channel: 'pigeon', phase: 'custody', participants: '', notes: 'x' }, 'VALIDATION', 'channel'],
      ['contactLog.add', { clientId: client.id, at: `${today}T09:00`, channel: 'phone', phase: 'custody', participants: '', notes: '  ' }, 'VALIDATION', 'notes'],
      ['followUp.record', followUpInput(client.id, 'day1', today), 'REFUSED'],
      ['tasks.mine', { days: 12 }, 'VALIDATION', 'days'],
    ];
    for (const [name, input, code, field] of cases) {
      const before = inst.snapshot();
      const r = await inst.raw(name, input);
      const label = `${name} ${JSON.stringify(input)}`;
      expect(r.ok, label).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, label).toBe(code);
      if (field) expect(r.error.issues?.map((i) => i.path), label).toContain(field);
      expect(inst.snapshot(), label).toEqual(before);
    }
  });

  it('a handed-over (read-only) case refuses every change and stays as it was', async () => {
    const client = await newClient('Předaný', addDays(today, 3));
    const goal = await inst.call('plan.addGoal', { clientId: client.id, domain: 'legalProbation', title: 'Schůzka s PMS' });
    inst.backend.session!.store.sqlite.prepare("UPDATE clients SET custody = 'handedOver', handed_over_to = 'Mgr. Veselá' WHERE id = ?").run(client.id);
    const attempts: [string, unknown][] = [
      ['plan.addGoal', { clientId: client.id, domain: 'family', title: 'x' }],
      ['plan.addTask', { clientId: client.id, goalId: goal.id, title: 'x', dueDate: null, responsibleKind: 'worker', responsibleName: '' }],
      ['plan.removeGoal', { clientId: client.id, goalId: goal.id }],
      ['plan.setChecklistItem', { clientId: client.id, itemKey: 'identityDocument', status: 'done', note: '', notApplicableReason: '' }],
      ['contactLog.add', { clientId: client.id, at: `${today}T09:00`, channel: 'phone', phase: 'custody', participants: '', notes: 'x' }],
    ];
    for (const [name, input] of attempts) {
      const before = inst.snapshot();
      const r = await inst.raw(name, input);
      expect(r.ok === false && r.error.messageKey, name).toBe('errors.clientHandedOver');
      expect(inst.snapshot(), name).toEqual(before);
    }
    // Reading still works.
    expect((await inst.call('plan.get', { clientId: client.id })).goals).toHaveLength(1);
  });

  it('an evaluator cannot reach any plan call', async () => {
    await loginAs(ADMIN);
    await inst.call('users.create', { username: 'eva', displayName: 'Eva H.', role: 'evaluator', password: 'eva password 1234' });
    await loginAs({ username: 'eva', password: 'eva password 1234' });
    for (const name of ['plan.get', 'tasks.mine', 'releases.upcoming', 'contactLog.list', 'followUp.list']) {
      const r = await inst.raw(name, { clientId: 'x', days: 30 });
      expect(r.ok === false && r.error.code, name).toBe('FORBIDDEN');
    }
    await loginAs(JANA);
  });
});
