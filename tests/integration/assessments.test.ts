import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';
import { createBackend } from '../../electron/node/backend';
import { emptyAssessmentContent, LIFE_DOMAINS, type AssessmentContent } from '../../shared/schemas/assessment';
import type { InputOf, OutputOf } from '../../shared/api';

let inst: TempInstallation;
let clientId: string;
let otherClientId: string;
let adminId: string;

const WORKER = { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker' as const, password: 'jana password 123' };

function client(over: Partial<InputOf<'clients.create'>['client']> = {}): InputOf<'clients.create'>['client'] {
  return { firstName: 'Jiří', lastName: 'Žlutý', dateOfBirth: '1988-04-12', sex: 'male', assignedWorkerId: adminId, ...over };
}

/** Content with every life domain rated and a few answers, as a finished intake would look. */
function ratedContent(need: number, over: (c: AssessmentContent) => void = () => undefined): AssessmentContent {
  const content = emptyAssessmentContent();
  for (const domain of LIFE_DOMAINS) content[domain]!.need = need;
  content.substanceUse!.rows = [
    { substance: 'heroin', frequency: 'daily', route: 'injecting', injecting: 'current', lastUse: '2024-03-01', overdoses: 2, lastOverdose: '2023-11-20' },
    { substance: 'alcohol', frequency: 'weekly', route: 'oral', injecting: 'never', lastUse: '2024-03-01', overdoses: 0, lastOverdose: null },
  ];
  content.housing!.beforeCustody = 'homeless';
  content.housing!.notes = 'Před nástupem spal v ubytovně na Smíchově.';
  content.infectiousDiseases!.hcvTestedOn = '2024-01-10';
  content.infectiousDiseases!.hcvResult = 'positive';
  over(content);
  return content;
}

async function auditActions(): Promise<string[]> {
  return (await inst.call('audit.list', { limit: 500 })).entries.map((e) => e.action);
}

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  adminId = inst.backend.session!.user!.id;
  clientId = (await inst.call('clients.create', { client: client() })).id;
  otherClientId = (await inst.call('clients.create', { client: client({ firstName: 'Karel', dateOfBirth: '1979-02-03' }) })).id;
});
afterAll(() => inst?.dispose());

describe('assessments', () => {
  let intake: OutputOf<'assessments.create'>;

  it('starts an intake assessment, empty and in progress, and audits it', async () => {
    intake = await inst.call('assessments.create', { clientId, kind: 'intake', assessedOn: '2024-03-05' });
    expect(intake).toMatchObject({ clientId, kind: 'intake', status: 'inProgress', assessedOn: '2024-03-05', revision: 1, author: { id: adminId, name: ADMIN.displayName } });
    expect(intake.content.housing).toEqual({ beforeCustody: null, afterRelease: null, need: null, notes: '' });
    const list = await inst.call('assessments.list', { clientId });
    expect(list.map((a) => a.id)).toEqual([intake.id]);
    expect(await auditActions()).toEqual(expect.arrayContaining(['assessment.created', 'assessment.listed']));
  });

  it('saves progress with a new revision; a stale revision is refused', async () => {
    const saved = await inst.call('assessments.save', { id: intake.id, revision: 1, assessedOn: '2024-03-05', content: ratedContent(2) });
    expect(saved.revision).toBe(2);
    expect(saved.needs.housing).toBe(2);
    expect(saved.content.substanceUse!.rows).toHaveLength(2);
    const before = inst.snapshot();
    const stale = await inst.raw('assessments.save', { id: intake.id, revision: 1, assessedOn: '2024-03-05', content: ratedContent(3) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.staleRevision' } });
    expect(inst.snapshot()).toEqual(before);
    intake = saved;
  });

  it.each([
    ['a need rating of 4', (c: AssessmentContent) => void (c.housing!.need = 4), 'content.housing.need'],
    ['an unknown choice', (c: AssessmentContent) => void (c.housing!.beforeCustody = 'castle'), 'content.housing.beforeCustody'],
    ['a last use in the future', (c: AssessmentContent) => void (c.substanceUse!.rows = [{ substance: 'heroin', lastUse: '2999-01-01' }]), 'content.substanceUse.rows.0.lastUse'],
    ['a malformed test date', (c: AssessmentContent) => void (c.infectiousDiseases!.hivTestedOn = '10. 1. 2024'), 'content.infectiousDiseases.hivTestedOn'],
    ['a negative number of children', (c: AssessmentContent) => void (c.family!.children = -1), 'content.family.children'],
    ['an unknown field', (c: AssessmentContent) => void (c.housing!.castle = 'yes'), 'content.housing'],
    ['an unknown section', (c: AssessmentContent) => void (c.horoscope = { notes: '' }), 'content'],
  ])('refuses %s with a field-specific error and changes nothing', async (_name, spoil, path) => {
    const before = inst.snapshot();
    const result = await inst.raw('assessments.save', { id: intake.id, revision: intake.revision, assessedOn: '2024-03-05', content: ratedContent(2, spoil) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.issues?.map((i) => i.path)).toContain(path);
    expect(inst.snapshot()).toEqual(before);
    expect((await inst.call('assessments.get', { id: intake.id })).revision).toBe(intake.revision);
  });

  it('refuses to complete while a life domain has no need rating, naming each one', async () => {
    const before = inst.snapshot();
    const content = ratedContent(2, (c) => {
      c.legal!.need = null;
      c.documents!.need = null;
    });
    const result = await inst.raw('assessments.complete', { id: intake.id, revision: intake.revision, assessedOn: '2024-03-05', content });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.issues?.map((i) => i.path)).toEqual(['content.legal.need', 'content.documents.need']);
    expect(inst.snapshot()).toEqual(before);
  });

  it('completes the intake; a completed assessment can no longer be changed or discarded', async () => {
    const done = await inst.call('assessments.complete', { id: intake.id, revision: intake.revision, assessedOn: '2024-03-06', content: ratedContent(2) });
    expect(done).toMatchObject({ status: 'completed', assessedOn: '2024-03-06', completedBy: { id: adminId } });
    expect(done.completedAt).not.toBeNull();
    const before = inst.snapshot();
    for (const [name, input] of [
      ['assessments.save', { id: done.id, revision: done.revision, assessedOn: '2024-03-06', content: ratedContent(1) }],
      ['assessments.discard', { id: done.id, revision: done.revision }],
    ] as const) {
      expect(await inst.raw(name, input)).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: 'errors.assessmentCompleted' } });
    }
    expect(inst.snapshot()).toEqual(before);
    expect(await auditActions()).toContain('assessment.completed');
    intake = done;
  });

  it('starts a review prefilled from the intake and compares the two side by side', async () => {
    const review = await inst.call('assessments.create', { clientId, kind: 'review', assessedOn: '2024-06-01', prefillFromId: intake.id });
    expect(review.basedOnId).toBe(intake.id);
    expect(review.content).toEqual(intake.content);
    const changed = ratedContent(2, (c) => {
      c.housing!.need = 1;
      c.housing!.afterRelease = 'arranged';
      c.substanceUse!.rows = [
        // alcohol now listed first: rows are matched by substance, not by position
        { substance: 'alcohol', frequency: 'weekly', route: 'oral', injecting: 'never', lastUse: '2024-03-01', overdoses: 0, lastOverdose: null },
        { substance: 'heroin', frequency: 'notUsed', route: 'injecting', injecting: 'past', lastUse: '2024-03-01', overdoses: 2, lastOverdose: '2023-11-20' },
        { substance: 'cannabis', frequency: 'monthly', route: 'smoking', injecting: 'never', lastUse: '2024-05-20', overdoses: null, lastOverdose: null },
      ];
    });
    await inst.call('assessments.complete', { id: review.id, revision: review.revision, assessedOn: '2024-06-01', content: changed });

    const { before, after, comparison } = await inst.call('assessments.compare', { beforeId: intake.id, afterId: review.id });
    expect([before.kind, after.kind]).toEqual(['intake', 'review']);
    const housing = comparison.sections.find((s) => s.sectionId === 'housing')!;
    expect(housing.fields.filter((f) => f.changed)).toEqual([
      { fieldId: 'afterRelease', before: null, after: 'arranged', changed: true },
      { fieldId: 'need', before: 2, after: 1, changed: true },
    ]);
    const rows = comparison.sections.find((s) => s.sectionId === 'substanceUse')!.rows;
    expect(rows.map((r) => [r.key, r.status, r.changed])).toEqual([
      ['heroin', 'both', true],
      ['alcohol', 'both', false],
      ['cannabis', 'added', true],
    ]);
    expect(rows[0]!.fields.filter((f) => f.changed).map((f) => [f.fieldId, f.before, f.after])).toEqual([
      ['frequency', 'daily', 'notUsed'],
      ['injecting', 'current', 'past'],
    ]);
    // 2 housing + 2 heroin + 5 answered fields of the new cannabis row
    expect(comparison.changedCount).toBe(9);
    expect(await auditActions()).toContain('assessment.compared');

    const list = await inst.call('assessments.list', { clientId });
    expect(list.map((a) => a.kind)).toEqual(['review', 'intake']); // newest first
  });

  it('refuses to compare or prefill across clients', async () => {
    const other = await inst.call('assessments.create', { clientId: otherClientId, kind: 'intake', assessedOn: '2024-03-05' });
    const before = inst.snapshot();
    expect(await inst.raw('assessments.compare', { beforeId: intake.id, afterId: other.id })).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(await inst.raw('assessments.create', { clientId, kind: 'review', assessedOn: '2024-03-05', prefillFromId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', messageKey: 'errors.assessmentOtherClient' },
    });
    expect(inst.snapshot()).toEqual(before);
    await inst.call('assessments.discard', { id: other.id, revision: other.revision });
    expect(await inst.call('assessments.list', { clientId: otherClientId })).toEqual([]);
    expect(await auditActions()).toContain('assessment.discarded');
  });

  it('refuses a future assessment date, an unknown kind and an unknown client, changing nothing', async () => {
    const before = inst.snapshot();
    const future = await inst.raw('assessments.create', { clientId, kind: 'exit', assessedOn: '2999-01-01' });
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'assessedOn' }] } });
    expect(await inst.raw('assessments.create', { clientId, kind: 'weekly', assessedOn: '2024-01-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await inst.raw('assessments.create', { clientId: 'no-such-client', kind: 'exit', assessedOn: '2024-01-01' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(inst.snapshot()).toEqual(before);
  });

  it('a caseworker cannot see or change assessments of a client outside their caseload', async () => {
    const worker = await inst.call('users.create', WORKER);
    const theirs = (await inst.call('clients.create', { client: client({ firstName: 'Tomáš', dateOfBirth: '1995-05-05', assignedWorkerId: worker.id }) })).id;
    await inst.call('session.lock', { reason: 'user' });
    await inst.call('session.login', { username: WORKER.username, password: WORKER.password });
    try {
      expect(await inst.raw('assessments.get', { id: intake.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await inst.raw('assessments.list', { clientId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const own = await inst.call('assessments.create', { clientId: theirs, kind: 'intake', assessedOn: '2024-03-05' });
      expect(own.author.name).toBe(WORKER.displayName);
    } finally {
      await inst.call('session.lock', { reason: 'user' });
      await inst.call('session.login', { username: ADMIN.username, password: ADMIN.password });
    }
  });

  it('a handed-over (read-only) client: reads work, every change is refused and nothing changes', async () => {
    const heldElsewhere = (await inst.call('clients.create', { client: client({ firstName: 'Marek', dateOfBirth: '1991-09-09' }) })).id;
    const started = await inst.call('assessments.create', { clientId: heldElsewhere, kind: 'exit', assessedOn: '2024-03-05' });
    inst.backend.session!.store.sqlite.prepare("UPDATE clients SET custody = 'handedOver', handed_over_to = 'Sananim Kladno' WHERE id = ?").run(heldElsewhere);
    const before = inst.snapshot();
    const attempts: [string, unknown][] = [
      ['assessments.create', { clientId: heldElsewhere, kind: 'review', assessedOn: '2024-03-05' }],
      ['assessments.save', { id: started.id, revision: started.revision, assessedOn: '2024-03-05', content: ratedContent(1) }],
      ['assessments.complete', { id: started.id, revision: started.revision, assessedOn: '2024-03-05', content: ratedContent(1) }],
      ['assessments.discard', { id: started.id, revision: started.revision }],
      ['screenings.record', { clientId: heldElsewhere, instrumentId: 'audit', administeredOn: '2024-03-05', sex: 'male', answers: allAnswers('audit', '0') }],
    ];
    for (const [name, input] of attempts) {
      expect(await inst.raw(name, input), name).toMatchObject({ ok: false, error: { code: 'REFUSED', messageKey: 'errors.clientHandedOver' } });
    }
    expect(inst.snapshot()).toEqual(before);
    expect((await inst.call('assessments.get', { id: started.id })).status).toBe('inProgress');
  });
});

function allAnswers(instrument: 'audit' | 'dudit', option: string): Record<string, string> {
  const n = instrument === 'audit' ? 10 : 11;
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i + 1}`, option]));
}

describe('screenings', () => {
  it('records an AUDIT, scoring it on the Node side with its zone, date and author', async () => {
    const answers = { ...allAnswers('audit', '1'), q9: '2', q10: '4' }; // 8 × 1 + 2 + 4 = 14
    const result = await inst.call('screenings.record', { clientId, instrumentId: 'audit', administeredOn: '2024-03-05', sex: 'male', answers });
    expect(result).toMatchObject({ instrumentId: 'audit', instrumentVersion: 'who-2001', total: 14, zoneId: 'zone-2', administeredOn: '2024-03-05', author: { id: adminId } });
    const audit = await inst.call('audit.list', { action: 'screening.recorded' });
    expect(audit.entries[0]?.details).toEqual({ clientId, instrumentId: 'audit' }); // no score in the audit trail
  });

  it('gives DUDIT zones by sex: the same total 4 is below the cut-off for a man, above it for a woman', async () => {
    const answers = { ...allAnswers('dudit', '0'), q1: '2', q3: '2' };
    const man = await inst.call('screenings.record', { clientId, instrumentId: 'dudit', administeredOn: '2024-03-06', sex: 'male', answers });
    const woman = await inst.call('screenings.record', { clientId: otherClientId, instrumentId: 'dudit', administeredOn: '2024-03-06', sex: 'female', answers });
    const unknown = await inst.call('screenings.record', { clientId: otherClientId, instrumentId: 'dudit', administeredOn: '2024-03-07', sex: 'unknown', answers });
    expect([man.total, man.zoneId, woman.zoneId, unknown.zoneId]).toEqual([4, 'no-problems', 'problems', null]);
  });

  it('lists results oldest first, audited as a read', async () => {
    await inst.call('screenings.record', { clientId, instrumentId: 'audit', administeredOn: '2024-01-02', sex: 'male', answers: allAnswers('audit', '0') });
    const list = await inst.call('screenings.list', { clientId });
    expect(list.map((s) => [s.administeredOn, s.instrumentId, s.total])).toEqual([
      ['2024-01-02', 'audit', 0],
      ['2024-03-05', 'audit', 14],
      ['2024-03-06', 'dudit', 4],
    ]);
    expect(await auditActions()).toContain('screening.read');
  });

  it.each([
    ['a missing answer', { answers: { ...allAnswers('audit', '0'), q10: undefined } }, 'answers.q10'],
    ['an option the item does not have', { answers: { ...allAnswers('audit', '0'), q9: '1' } }, 'answers.q9'],
    ['a question the instrument does not have', { answers: { ...allAnswers('audit', '0'), q11: '0' } }, 'answers.q11'],
    ['an unknown instrument', { instrumentId: 'horoscope' }, 'instrumentId'],
    ['a date in the future', { administeredOn: '2999-01-01' }, 'administeredOn'],
  ])('refuses %s with a specific error and changes nothing', async (_name, over, path) => {
    const before = inst.snapshot();
    const input = { clientId, instrumentId: 'audit', administeredOn: '2024-03-05', sex: 'male', answers: allAnswers('audit', '0'), ...over };
    const result = await inst.raw('screenings.record', JSON.parse(JSON.stringify(input)));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.issues?.map((i) => i.path)).toContain(path);
    expect(inst.snapshot()).toEqual(before);
  });
});

describe('drafts of an assessment', () => {
  it('survive closing the database mid-edit and reopening it', async () => {
    const started = await inst.call('assessments.create', { clientId, kind: 'exit', assessedOn: '2024-07-01' });
    const formKey = `assessment:${started.id}`;
    const typing = { assessedOn: '2024-07-01', content: ratedContent(1, (c) => void (c.goals!.goals = 'Najít práci u truhláře a bydlet u sestry')) };
    await inst.call('drafts.save', { formKey, data: typing });

    inst.backend.close(); // the window closes or the app crashes mid-edit
    const reopened = createBackend({ dataDir: inst.dir });
    try {
      const login = await reopened.invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
      expect(login.ok).toBe(true);
      const draft = await reopened.invoke('drafts.get', { formKey });
      expect(draft).toMatchObject({ ok: true, value: { data: typing } });
      // the restored draft completes the assessment as it was typed
      const done = await reopened.invoke('assessments.complete', { id: started.id, revision: started.revision, ...(draft.ok ? (draft.value as { data: object }).data : {}) });
      expect(done).toMatchObject({ ok: true, value: { status: 'completed', content: { goals: { goals: 'Najít práci u truhláře a bydlet u sestry' } } } });
    } finally {
      reopened.close();
    }
  });
});
