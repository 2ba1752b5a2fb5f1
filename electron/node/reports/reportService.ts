import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { localDate } from '../../../shared/plan/dates';
import { writeCsv } from '../../../shared/directory/csv';
import { computeIndicator, computeIndicators, INDICATOR_IDS, NONE_KEY, type IndicatorResult } from '../../../shared/reports/indicators';
import { aggregateIndicator } from '../../../shared/reports/aggregate';
import { shownCount } from '../../../shared/reports/suppression';
import type { ReportClientRecord, ReportFilter, ReportPeriod } from '../../../shared/reports/records';
import type { AggregatedIndicator, Dashboard, EvaluationExport, IndicatorClient, IndicatorValue } from '../../../shared/reports/schemas';
import { FOLLOW_UP_OUTCOME_FIELDS } from '../../../shared/schemas/followUp';
import { loadReportRecords } from './reportRecords';

/** The reference names an aggregate carries instead of this installation's ids. */
export interface ReferenceNames {
  prisons: { id: string; name: string }[];
  regions: { id: string; name: string }[];
  prison: (id: string | null) => string;
  region: (id: string | null) => string;
}

/** Name used for a client without a prison or region: a code, so that every language reads it from its locale. */
export const NONE_NAME = '-';

export function referenceNames(sqlite: Database.Database): ReferenceNames {
  const rows = sqlite.prepare(`SELECT id, kind, name FROM reference_items ORDER BY name`).all() as { id: string; kind: 'prison' | 'region'; name: string }[];
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  const name = (id: string | null) => (id && id !== NONE_KEY ? (byId.get(id) ?? NONE_NAME) : NONE_NAME);
  return {
    prisons: rows.filter((r) => r.kind === 'prison').map(({ id, name: n }) => ({ id, name: n })),
    regions: rows.filter((r) => r.kind === 'region').map(({ id, name: n }) => ({ id, name: n })),
    prison: name,
    region: name,
  };
}

export function reportPeriod(input: { from: string; to: string }, now: number): ReportPeriod {
  return { from: input.from, to: input.to, today: localDate(now) };
}

export function filterOf(input: ReportFilter): ReportFilter {
  return { prisonId: input.prisonId, regionId: input.regionId, workerId: input.workerId };
}

/** Numerator and denominator per group (prison or region) of the counted units. */
function splitBy(r: IndicatorResult, groupOf: (clientId: string) => string) {
  const groups = new Map<string, { id: string; numerator: number; denominator: number }>();
  const at = (clientId: string) => {
    const id = groupOf(clientId);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id, numerator: 0, denominator: 0 }));
    return g;
  };
  for (const id of r.denominatorIds) at(id).denominator += 1;
  for (const id of r.numeratorIds) at(id).numerator += 1;
  return [...groups.values()];
}

/** An indicator result as the dashboard shows it: counts only, no client ids. */
export function indicatorValue(r: IndicatorResult, records: ReadonlyMap<string, ReportClientRecord>): IndicatorValue {
  const splittable = r.kind === 'share';
  return {
    byPrison: splittable ? splitBy(r, (id) => records.get(id)?.prisonId ?? NONE_KEY) : [],
    byRegion: splittable ? splitBy(r, (id) => records.get(id)?.regionId ?? NONE_KEY) : [],
    id: r.id,
    kind: r.kind,
    unit: r.unit,
    numerator: r.numeratorIds.length,
    denominator: r.denominatorIds.length,
    categories: r.categories.map((c) => ({ key: c.key, count: c.ids.length })),
  };
}

export function buildDashboard(sqlite: Database.Database, period: ReportPeriod, filter: ReportFilter, mayListClients: boolean): Dashboard {
  const records = loadReportRecords(sqlite, period);
  const byId = new Map(records.map((r) => [r.id, r]));
  const names = referenceNames(sqlite);
  const workers = sqlite
    .prepare(`SELECT id, display_name AS name FROM users WHERE role IN ('admin', 'caseworker', 'clinician') AND removed_at IS NULL ORDER BY display_name`)
    .all() as { id: string; name: string }[];
  return {
    today: period.today,
    from: period.from,
    to: period.to,
    indicators: computeIndicators(records, period, filter).map((r) => indicatorValue(r, byId)),
    prisons: names.prisons,
    regions: names.regions,
    workers,
    mayListClients,
  };
}

/** The clients behind one number of the dashboard (a category of a distribution, or numerator / denominator). */
export function indicatorClients(
  sqlite: Database.Database,
  input: { indicatorId: (typeof INDICATOR_IDS)[number]; part: 'numerator' | 'denominator'; category?: string | undefined },
  period: ReportPeriod,
  filter: ReportFilter,
): IndicatorClient[] {
  const result = computeIndicator(input.indicatorId, loadReportRecords(sqlite, period), period, filter);
  const ids = input.category !== undefined ? (result.categories.find((c) => c.key === input.category)?.ids ?? []) : input.part === 'numerator' ? result.numeratorIds : result.denominatorIds;
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const names = referenceNames(sqlite);
  const select = sqlite.prepare(`SELECT id, code, first_name, last_name, prison_id, earliest_release, actual_release FROM clients WHERE id = ?`);
  return unique
    .map((id) => select.get(id) as { id: string; code: string; first_name: string; last_name: string; prison_id: string | null; earliest_release: string | null; actual_release: string | null })
    .map((r) => ({
      id: r.id,
      code: r.code,
      name: `${r.first_name} ${r.last_name}`,
      prison: r.prison_id ? names.prison(r.prison_id) : null,
      earliestRelease: r.earliest_release,
      actualRelease: r.actual_release,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Every indicator aggregated and suppressed: what the export's period table and the signed report carry. */
export function aggregateAll(sqlite: Database.Database, period: ReportPeriod): AggregatedIndicator[] {
  const records = loadReportRecords(sqlite, period);
  const byId = new Map(records.map((r) => [r.id, r]));
  const names = referenceNames(sqlite);
  return computeIndicators(records, period).map((r) => aggregateIndicator(r, byId, names));
}

// ---- De-identified evaluation export ----

const AGE_BANDS: [number, string][] = [
  [25, '18–24'],
  [35, '25–34'],
  [45, '35–44'],
  [55, '45–54'],
];
/** Age on `today` as a band: the date of birth never leaves. */
export function ageBand(dateOfBirth: string, today: string): string {
  let age = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (today.slice(5) < dateOfBirth.slice(5)) age -= 1;
  if (age < 18) return '<18';
  return AGE_BANDS.find(([limit]) => age < limit)?.[1] ?? '55+';
}

const month = (date: string | null) => (date ? date.slice(0, 7) : '');

/** Share indicators that say something per client (the distributions are the client's own columns). */
const PER_CLIENT_INDICATORS = INDICATOR_IDS.filter((id) => !id.startsWith('clientsBy'));

/**
 * The evaluation export (SPEC W13): per client, a random pseudonym (new for every export, so rows link within
 * one export but not across exports), age band, sex, prison and region names, status, months instead of dates,
 * and for each indicator whether the client is counted (1 met, 0 not met, empty: not in its denominator) and
 * the follow-up outcomes; per period, the suppressed aggregate tables. No name, code, date of birth, address,
 * free text or attachment. Clients whose evaluation consent is withdrawn are left out.
 */
export function evaluationExport(sqlite: Database.Database, period: ReportPeriod): EvaluationExport {
  const withdrawn = new Set(
    (sqlite.prepare(`SELECT client_id FROM consents WHERE kind = 'evaluation' AND withdrawn_on IS NOT NULL AND withdrawn_on <= ?`).all(period.today) as { client_id: string }[]).map(
      (r) => r.client_id,
    ),
  );
  const records = loadReportRecords(sqlite, period).filter((r) => !withdrawn.has(r.id));
  const names = referenceNames(sqlite);
  const people = new Map(
    (sqlite.prepare(`SELECT id, date_of_birth, sex FROM clients`).all() as { id: string; date_of_birth: string; sex: string }[]).map((r) => [r.id, r]),
  );
  const results = PER_CLIENT_INDICATORS.map((id) => {
    const r = computeIndicator(id, records, period);
    const count = (ids: string[]) => ids.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    return { id, result: r, den: count(r.denominatorIds), num: count(r.numeratorIds) };
  });
  const outcomeMilestones = ['followUpMonth1', 'followUpMonth3', 'followUpMonth6'] as const;
  const header = [
    'pseudonym',
    'age_band',
    'sex',
    'prison',
    'region',
    'status',
    'custody',
    'earliest_release_month',
    'release_month',
    ...results.map((r) => r.id),
    ...outcomeMilestones.flatMap((m) => FOLLOW_UP_OUTCOME_FIELDS.map((f) => `${m}.${f}`)),
  ];
  const rows = records.map((c: ReportClientRecord) => {
    const person = people.get(c.id)!;
    const cells = results.map(({ result, den, num }) => {
      if (!den.has(c.id)) return '';
      // Missed follow-ups count contacts: the client's number of missed ones of those due.
      return result.unit === 'followUps' ? `${num.get(c.id) ?? 0}/${den.get(c.id)}` : num.has(c.id) ? '1' : '0';
    });
    const outcomes = outcomeMilestones.flatMap((m) => {
      const r = results.find((x) => x.id === m)!;
      if (!r.den.has(c.id)) return FOLLOW_UP_OUTCOME_FIELDS.map(() => '');
      return FOLLOW_UP_OUTCOME_FIELDS.map((f) => r.result.categories.find((cat) => cat.key.startsWith(`${f}.`) && cat.ids.includes(c.id))!.key.slice(f.length + 1));
    });
    return [
      '',
      ageBand(person.date_of_birth, period.today),
      person.sex,
      names.prison(c.prisonId),
      names.region(c.regionId),
      c.status,
      c.custody,
      month(c.earliestRelease),
      month(c.actualRelease),
      ...cells,
      ...outcomes,
    ];
  });
  // Random pseudonyms, and rows ordered by them: neither the order nor the label links back to the database.
  const used = new Set<string>();
  for (const row of rows) {
    let p: string;
    do p = `P${randomBytes(5).toString('hex').toUpperCase()}`;
    while (used.has(p));
    used.add(p);
    row[0] = p;
  }
  rows.sort((a, b) => a[0]!.localeCompare(b[0]!));

  const periodLabel = `${month(period.from)}..${month(period.to)}`;
  const aggregates = aggregateAll(sqlite, period);
  const periodHeader = ['period', 'indicator', 'unit', 'breakdown', 'name', 'numerator', 'denominator'];
  const periodRows: string[][] = [];
  for (const a of aggregates) {
    periodRows.push([periodLabel, a.id, a.unit, 'total', '', shownCount(a.total.numerator), shownCount(a.total.denominator)]);
    for (const r of a.byPrison) periodRows.push([periodLabel, a.id, a.unit, 'prison', r.name, shownCount(r.numerator), shownCount(r.denominator)]);
    for (const r of a.byRegion) periodRows.push([periodLabel, a.id, a.unit, 'region', r.name, shownCount(r.numerator), shownCount(r.denominator)]);
    for (const c of a.categories) periodRows.push([periodLabel, a.id, a.unit, 'category', c.key, shownCount(c.count), '']);
  }
  const stamp = `${month(period.from)}_${month(period.to)}`;
  return {
    perClient: { fileName: `evaluation-clients-${stamp}.csv`, csv: writeCsv([header, ...rows], ';'), rows: rows.length },
    perPeriod: { fileName: `evaluation-period-${stamp}.csv`, csv: writeCsv([periodHeader, ...periodRows], ';'), rows: periodRows.length },
  };
}
