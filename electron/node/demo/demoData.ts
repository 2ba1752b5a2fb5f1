import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sortNameOf, generateClientCode } from '../clients/clientRepository';
import { withBulkNoteLoad } from '../store/searchIndex';
import { ASSESSMENT_SECTIONS, emptyAssessmentContent, type AssessmentContent } from '../../../shared/schemas/assessment';
import { INSTRUMENTS, scoreInstrument } from '../../../shared/instruments';
import { CHECKLIST_ITEMS } from '../../../shared/schemas/plan';
import type { Db } from '../store/open';
import { FEMALE_FIRST, FEMALE_LAST, MALE_FIRST, MALE_LAST, NATIONALITIES, PRISONS, REGIONS, noteText, pick, seededRandom } from './demoText';

export interface DemoOptions {
  clients: number;
  notes: number;
  /** Assessments (intake, reviews, exit) spread over the clients, each with a screening. Default: 5 per client. */
  assessments?: number;
  seed?: number;
  /** Called every few thousand rows so the CLI can show progress. */
  progress?: (done: { clients: number; notes: number }) => void;
}

export interface DemoResult {
  clients: number;
  notes: number;
  assessments: number;
  prisons: number;
  regions: number;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const CHANNELS = ['prisonVisit', 'phone', 'video', 'letter', 'viaFamily', 'viaLawyer', 'outreach', 'office'] as const;

function ensureReference(sqlite: Database.Database, kind: 'prison' | 'region', names: string[]): string[] {
  const find = sqlite.prepare('SELECT id FROM reference_items WHERE kind = ? AND name = ?');
  const insert = sqlite.prepare('INSERT INTO reference_items (id, kind, name, active) VALUES (?, ?, ?, 1)');
  return names.map((name) => {
    const row = find.get(kind, name) as { id: string } | undefined;
    if (row) return row.id;
    const id = randomUUID();
    insert.run(id, kind, name);
    return id;
  });
}

/**
 * Synthetic but realistic data in the real encrypted database: clients spread over prisons, regions and
 * the given workers, release dates from last year to two years ahead, and contact notes of realistic
 * length spread over the clients. Bulk inserts through prepared statements in large transactions (the
 * search index triggers run as for any insert), so 10,000 clients and 500,000 notes take minutes.
 */
export function generateDemoData(db: Db, sqlite: Database.Database, workerIds: string[], opts: DemoOptions, now = Date.now()): DemoResult {
  const rnd = seededRandom(opts.seed ?? 20261123);
  const prisonIds = sqlite.transaction(() => ensureReference(sqlite, 'prison', PRISONS))();
  const regionIds = sqlite.transaction(() => ensureReference(sqlite, 'region', REGIONS.map(([r]) => r)))();
  const insertClient = sqlite.prepare(`INSERT INTO clients (id, code, first_name, last_name, sort_name, date_of_birth, sex, nationality, preferred_language,
    prison_id, sentence_start, earliest_release, latest_release, actual_release, region_id, municipality, assigned_worker_id, status, notes,
    checklist_done, checklist_total, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insertNote = sqlite.prepare(`INSERT INTO contact_notes (id, client_id, at, channel, phase, participants, notes, author_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const clientRows: Array<{ id: string; worker: string; released: number | null; start: number; earliest?: number; checklistDone?: number }> = [];
  const createdAt = new Date(now).toISOString();
  const BATCH = 2000;
  for (let done = 0; done < opts.clients; ) {
    const n = Math.min(BATCH, opts.clients - done);
    sqlite.transaction(() => {
      for (let i = 0; i < n; i++) {
        const female = rnd() < 0.18;
        const firstName = pick(rnd, female ? FEMALE_FIRST : MALE_FIRST);
        const lastName = pick(rnd, female ? FEMALE_LAST : MALE_LAST);
        const birth = now - (19 + rnd() * 40) * 365.25 * DAY;
        const start = now - (60 + rnd() * 1500) * DAY;
        const earliest = now + (-300 + rnd() * 1000) * DAY;
        const latest = earliest + rnd() * 700 * DAY;
        const released = earliest < now && rnd() < 0.8 ? earliest + rnd() * 30 * DAY : null;
        const status = released ? pick(rnd, ['released', 'followUp', 'closed'] as const) : pick(rnd, ['intake', 'active', 'active'] as const);
        const [regionName, towns] = pick(rnd, REGIONS);
        const id = randomUUID();
        const worker = pick(rnd, workerIds);
        const checklistTotal = CHECKLIST_ITEMS.length;
        let checklistDone = 0; // drawn in its old place among the arguments: the same seed gives the same clients
        insertClient.run(
          id, generateClientCode(db), firstName, lastName, sortNameOf(firstName, lastName), isoDay(birth), female ? 'female' : 'male',
          pick(rnd, NATIONALITIES), rnd() < 0.9 ? 'cs' : 'en', pick(rnd, prisonIds), isoDay(start), isoDay(earliest), isoDay(latest),
          released ? isoDay(released) : null, regionIds[REGIONS.findIndex(([r]) => r === regionName)], pick(rnd, towns), worker, status,
          rnd() < 0.3 ? noteText(rnd) : '', (checklistDone = Math.floor(rnd() * (checklistTotal + 1))), checklistTotal, createdAt, createdAt,
        );
        clientRows.push({ id, worker, released, start, earliest, checklistDone });
      }
    })();
    done += n;
    opts.progress?.({ clients: done, notes: 0 });
  }

  if (!clientRows.length) {
    for (const r of sqlite.prepare('SELECT id, assigned_worker_id AS worker, actual_release AS rel, sentence_start AS start FROM clients').all() as { id: string; worker: string; rel: string | null; start: string | null }[]) {
      clientRows.push({ id: r.id, worker: r.worker, released: r.rel ? Date.parse(r.rel) : null, start: r.start ? Date.parse(r.start) : now - 400 * DAY });
    }
  }
  withBulkNoteLoad(sqlite, () => {
    for (let done = 0; done < opts.notes && clientRows.length; ) {
      const n = Math.min(BATCH * 5, opts.notes - done);
      for (let i = 0; i < n; i++) {
        const c = clientRows[Math.floor(rnd() * clientRows.length)]!;
        const at = c.start + rnd() * Math.max(DAY, now - c.start);
        const phase = c.released && at > c.released ? 'afterRelease' : 'custody';
        insertNote.run(randomUUID(), c.id, new Date(at).toISOString(), pick(rnd, CHANNELS), phase, rnd() < 0.2 ? 'matka klienta' : '', noteText(rnd), c.worker, createdAt);
      }
      done += n;
      opts.progress?.({ clients: opts.clients, notes: done });
    }
  });
  const assessmentCount = opts.assessments ?? opts.clients * 5;
  sqlite.transaction(() => insertAssessments(sqlite, rnd, clientRows, assessmentCount, now))();
  // After everything else, so that the same seed still gives the same clients, notes and assessments as before.
  sqlite.transaction(() => insertReleaseOutcomes(sqlite, rnd, clientRows, now))();
  return { clients: opts.clients, notes: opts.notes, assessments: assessmentCount, prisons: prisonIds.length, regions: regionIds.length };
}

const KINDS = ['intake', 'review', 'review', 'exit', 'followUp'] as const;

/** Completed assessments with need ratings and a note per domain, each with an AUDIT or DUDIT screening. */
function insertAssessments(sqlite: Database.Database, rnd: () => number, clientRows: Array<{ id: string; worker: string; start: number }>, count: number, now: number): void {
  if (!clientRows.length) return;
  const insertAssessment = sqlite.prepare(`INSERT INTO assessments (id, client_id, kind, status, assessed_on, content, author_id, completed_by_id, completed_at, created_at, updated_at, revision)
    VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insertScreening = sqlite.prepare(`INSERT INTO screenings (id, client_id, instrument_id, instrument_version, administered_on, sex, answers, total, zone_id, notes, author_id, created_at)
    VALUES (?, ?, ?, ?, ?, 'male', ?, ?, ?, '', ?, ?)`);
  const template = emptyAssessmentContent();
  for (let i = 0; i < count; i++) {
    const c = clientRows[i % clientRows.length]!;
    const kind = KINDS[Math.floor(i / clientRows.length) % KINDS.length]!;
    const at = new Date(c.start + rnd() * Math.max(DAY, now - c.start));
    const content: AssessmentContent = {};
    for (const section of ASSESSMENT_SECTIONS) {
      content[section.id] = { ...template[section.id], ...(section.domain ? { need: Math.floor(rnd() * 4) } : {}), notes: rnd() < 0.5 ? noteText(rnd) : '' };
    }
    const iso = at.toISOString();
    insertAssessment.run(randomUUID(), c.id, kind, iso.slice(0, 10), JSON.stringify(content), c.worker, c.worker, iso, iso, iso);
    const def = INSTRUMENTS[i % INSTRUMENTS.length]!;
    const answers = Object.fromEntries(def.items.map((item) => [item.id, pick(rnd, item.options).id]));
    const score = scoreInstrument(def, answers, 'male');
    insertScreening.run(randomUUID(), c.id, def.id, def.version, iso.slice(0, 10), JSON.stringify(answers), score.total, score.zone?.id ?? null, c.worker, iso);
  }
}

const OUTCOMES = {
  housing: ['stable', 'temporary', 'shelter', 'homeless', 'unknown'],
  employment: ['employed', 'training', 'benefits', 'unemployed', 'unknown'],
  substanceUse: ['abstinent', 'reduced', 'unchanged', 'increased', 'unknown'],
  treatment: ['attending', 'irregular', 'notAttending', 'notReferred', 'unknown'],
  rearrest: ['no', 'no', 'no', 'yes', 'unknown'],
  overdose: ['no', 'no', 'no', 'nonFatal', 'unknown'],
} as const;

/**
 * What the outcome dashboard counts (SPEC W13): the checklist items behind each client's "done" count, overdose
 * prevention, naloxone and OAT doses in the services log before release, and follow-up contacts after release.
 */
function insertReleaseOutcomes(
  sqlite: Database.Database,
  rnd: () => number,
  clientRows: Array<{ id: string; worker: string; released: number | null; earliest?: number; checklistDone?: number }>,
  now: number,
): void {
  const insertItem = sqlite.prepare(`INSERT INTO checklist_items (client_id, item_key, status, note, not_applicable_reason, updated_at, updated_by) VALUES (?, ?, 'done', NULL, NULL, ?, ?)`);
  const insertService = sqlite.prepare(`INSERT INTO services_log (id, client_id, kind, delivered_on, oat_medication, oat_dose, prescriber, disease, test_result, programme, attended, note,
    created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?, ?)`);
  const insertFollowUp = sqlite.prepare(`INSERT INTO follow_ups (id, client_id, milestone, due_date, reached, contacted_on, housing, employment, substance_use, treatment_attendance,
    rearrest, overdose, note, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
  const nowIso = new Date(now).toISOString();
  for (const c of clientRows) {
    if (c.earliest === undefined || c.checklistDone === undefined) continue;
    const release = c.released ?? c.earliest;
    // The first `checklistDone` items in working order, each ticked around its due date.
    CHECKLIST_ITEMS.slice(0, c.checklistDone).forEach((item, i) => {
      const at = Math.min(now, release + (item.offsetDays - 5 + rnd() * 10 + i) * DAY);
      insertItem.run(c.id, item.key, new Date(at).toISOString(), c.worker);
    });
    const service = (kind: string, at: number, medication: string | null = null) => {
      if (at > now) return;
      insertService.run(randomUUID(), c.id, kind, isoDay(at), medication, nowIso, c.worker, nowIso, c.worker);
    };
    if (rnd() < 0.6) service('overdosePrevention', release - (3 + rnd() * 40) * DAY);
    if (rnd() < 0.5) service('naloxoneKit', release - rnd() * 20 * DAY);
    if (rnd() < 0.3) service('oatDose', release - (1 + rnd() * 60) * DAY, 'methadone');
    if (c.released === null) continue;
    for (const [milestone, days] of [['day1', 1], ['week2', 14], ['month1', 30], ['month3', 91], ['month6', 182]] as const) {
      const due = c.released + days * DAY;
      if (due > now || rnd() < 0.3) continue;
      const reached = rnd() < 0.75;
      const o = (list: readonly string[]) => (reached ? pick(rnd, list) : 'unknown');
      insertFollowUp.run(randomUUID(), c.id, milestone, isoDay(due), reached ? 1 : 0, isoDay(Math.min(now, due + rnd() * 3 * DAY)), o(OUTCOMES.housing), o(OUTCOMES.employment),
        o(OUTCOMES.substanceUse), o(OUTCOMES.treatment), o(OUTCOMES.rearrest), o(OUTCOMES.overdose), nowIso, c.worker, nowIso, c.worker);
    }
  }
}
