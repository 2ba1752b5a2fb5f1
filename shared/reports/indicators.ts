import { CHECKLIST_ITEMS, type ChecklistItemKey } from '../schemas/plan';
import { CLIENT_STATUSES } from '../schemas/client';
import { FOLLOW_UP_OUTCOME_FIELDS, FOLLOW_UP_OUTCOMES, type FollowUpMilestone } from '../schemas/followUp';
import { addDays } from '../plan/dates';
import { sharedFollowUpSchedule } from '../plan/followUpSchedule';
import type { ReportClientRecord, ReportFilter, ReportPeriod } from './records';

/**
 * SPEC W13: every indicator of the dashboard, the exports, the signed report and the tests, defined once.
 * Each is a pure function of plain records, the period and "today": it returns who is in the denominator and
 * who of them is in the numerator (and, for distributions, who falls in each category). The rule each one
 * applies is written out for the user in shared/i18n/locales/reports.ts under `indicators.<id>.rule`.
 *
 * Rules shared by all indicators:
 * - erased clients are never counted;
 * - a release counts when the actual release date is inside the period and not after today (a future or
 *   missing actual release date is no release);
 * - preparation before release is counted where the case was prepared: not for cases that came in by a handover;
 * - what happens after release is counted where custody is held: not for cases handed over to another installation
 *   (so that the programme sum across installations counts each client once).
 */

export const INDICATOR_IDS = [
  'clientsByStatus',
  'clientsByPrison',
  'clientsByRegion',
  'releasesNext30',
  'releasesNext90',
  'planCompleteAtRelease',
  'naloxoneBeforeRelease',
  'oatContinuity',
  'handoverBeforeRelease',
  'contacted72h',
  'contacted14d',
  'followUpMonth1',
  'followUpMonth3',
  'followUpMonth6',
  'missedFollowUps',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** How an indicator reads: a share (numerator of denominator) or a distribution over categories. */
export type IndicatorKind = 'share' | 'distribution';

export interface IndicatorCategory {
  key: string;
  ids: string[];
}

export interface IndicatorResult {
  id: IndicatorId;
  kind: IndicatorKind;
  /** What one counted unit is: a client, or one follow-up contact that was due. */
  unit: 'clients' | 'followUps';
  /** Units in the denominator / numerator; for follow-ups a client id appears once per follow-up. */
  denominatorIds: string[];
  numeratorIds: string[];
  categories: IndicatorCategory[];
}

const counted = (c: ReportClientRecord) => !c.erased;

/** The filters of the dashboard as a predicate. */
export function matchesFilter(c: ReportClientRecord, f: ReportFilter): boolean {
  return (!f.prisonId || c.prisonId === f.prisonId) && (!f.regionId || c.regionId === f.regionId) && (!f.workerId || c.workerId === f.workerId);
}

/** Released inside the period, on or before today. */
export function releasedInPeriod(c: ReportClientRecord, p: ReportPeriod): c is ReportClientRecord & { actualRelease: string } {
  const r = c.actualRelease;
  return r !== null && r >= p.from && r <= p.to && r <= p.today;
}

const preparedHere = (c: ReportClientRecord) => !c.importedByHandover;
const followedHere = (c: ReportClientRecord) => c.custody === 'held';

/** Every applicable checklist item done, each on or before `by` (null: as it stands now). */
export function checklistComplete(c: ReportClientRecord, by: string | null): boolean {
  const stored = new Map(c.checklist.map((i) => [i.key, i]));
  return CHECKLIST_ITEMS.every(({ key }) => {
    const item = stored.get(key);
    if (item?.status === 'notApplicable') return true;
    return item?.status === 'done' && (by === null || item.updatedOn <= by);
  });
}

function checklistDoneBy(c: ReportClientRecord, key: ChecklistItemKey, by: string): boolean {
  return c.checklist.some((i) => i.key === key && i.status === 'done' && i.updatedOn <= by);
}

/** The first day on or after release with a contact: an after-release contact-log entry or a reached follow-up. */
export function firstContactAfterRelease(c: ReportClientRecord & { actualRelease: string }): string | null {
  const days = [...c.contactsAfterRelease, ...c.followUps.filter((f) => f.reached).map((f) => f.contactedOn)].filter((d) => d >= c.actualRelease!).sort();
  return days[0] ?? null;
}

function share(id: IndicatorId, denominator: ReportClientRecord[], inNumerator: (c: ReportClientRecord) => boolean): IndicatorResult {
  return { id, kind: 'share', unit: 'clients', denominatorIds: denominator.map((c) => c.id), numeratorIds: denominator.filter(inNumerator).map((c) => c.id), categories: [] };
}

function distribution(id: IndicatorId, clients: ReportClientRecord[], keys: readonly string[], keyOf: (c: ReportClientRecord) => string): IndicatorResult {
  const categories = keys.map((key) => ({ key, ids: [] as string[] }));
  const byKey = new Map(categories.map((cat) => [cat.key, cat]));
  for (const c of clients) {
    const key = keyOf(c);
    let cat = byKey.get(key);
    if (!cat) {
      cat = { key, ids: [] };
      byKey.set(key, cat);
      categories.push(cat);
    }
    cat.ids.push(c.id);
  }
  const ids = clients.map((c) => c.id);
  return { id, kind: 'distribution', unit: 'clients', denominatorIds: ids, numeratorIds: ids, categories };
}

/** Key used for a missing prison or region. */
export const NONE_KEY = 'none';

/** Not released yet, earliest release from today to `days` ahead. */
function releaseUpcoming(p: ReportPeriod, days: number): (c: ReportClientRecord) => boolean {
  const until = addDays(p.today, days);
  return (c) => c.actualRelease === null && c.earliestRelease !== null && c.earliestRelease >= p.today && c.earliestRelease <= until;
}

/** The longest look ahead of the upcoming-release indicators. */
const UPCOMING_DAYS = 90;

function releasesWithin(id: IndicatorId, clients: ReportClientRecord[], p: ReportPeriod, days: number): IndicatorResult {
  return share(id, clients.filter(releaseUpcoming(p, days)), (c) => checklistComplete(c, null));
}

/**
 * Whose details (checklist, services, contacts, follow-ups, handovers, referrals) any indicator reads for the
 * period: the clients released in it and those whose release is at most 90 days ahead. Every other client is
 * counted by status, prison and region alone, so a loader may leave their details empty (the dashboard over
 * 10,000 clients loads only these). The unit tests hold every indicator to this.
 */
export function needsDetails(p: ReportPeriod): (c: ReportClientRecord) => boolean {
  const upcoming = releaseUpcoming(p, UPCOMING_DAYS);
  return (c) => releasedInPeriod(c, p) || upcoming(c);
}

function contactedWithin(id: IndicatorId, clients: ReportClientRecord[], p: ReportPeriod, days: number): IndicatorResult {
  // Only releases whose window has closed: a release yesterday cannot yet have missed its 72 hours.
  const due = clients.filter((c) => followedHere(c) && releasedInPeriod(c, p) && addDays(c.actualRelease!, days) < p.today);
  return share(id, due, (c) => {
    const first = firstContactAfterRelease(c as ReportClientRecord & { actualRelease: string });
    return first !== null && first <= addDays(c.actualRelease!, days);
  });
}

const MONTH_MILESTONES: Record<'followUpMonth1' | 'followUpMonth3' | 'followUpMonth6', FollowUpMilestone> = {
  followUpMonth1: 'month1',
  followUpMonth3: 'month3',
  followUpMonth6: 'month6',
};

/** Every outcome value of every field, "unknown" included: a category is shown even when nobody is in it. */
export const OUTCOME_CATEGORY_KEYS = FOLLOW_UP_OUTCOME_FIELDS.flatMap((field) => FOLLOW_UP_OUTCOMES[field].options.map((v) => `${field}.${v}`));

/**
 * Outcomes at one milestone, for the released clients whose milestone is due by today. The numerator is those
 * reached; each outcome field is distributed over its values, and a follow-up never recorded counts as
 * "unknown" in every field: never dropped.
 */
function followUpOutcomes(id: keyof typeof MONTH_MILESTONES, clients: ReportClientRecord[], p: ReportPeriod): IndicatorResult {
  const milestone = MONTH_MILESTONES[id];
  const due = clients.filter((c) => {
    if (!followedHere(c) || !releasedInPeriod(c, p)) return false;
    const scheduled = sharedFollowUpSchedule(c.actualRelease!).find((s) => s.milestone === milestone)!;
    return scheduled.dueDate <= p.today;
  });
  const categories: IndicatorCategory[] = OUTCOME_CATEGORY_KEYS.map((key) => ({ key, ids: [] }));
  const byKey = new Map(categories.map((c) => [c.key, c]));
  // Per field, value → category: no key string built per client and field.
  const fields = FOLLOW_UP_OUTCOME_FIELDS.map((field) => ({
    field,
    byValue: new Map(FOLLOW_UP_OUTCOMES[field].options.map((v) => [v as string, byKey.get(`${field}.${v}`)!])),
    unknown: byKey.get(`${field}.unknown`)!,
  }));
  for (const c of due) {
    const record = c.followUps.find((f) => f.milestone === milestone);
    for (const { field, byValue, unknown } of fields) (byValue.get(record ? record[field] : 'unknown') ?? unknown).ids.push(c.id);
  }
  return {
    id,
    kind: 'share',
    unit: 'clients',
    denominatorIds: due.map((c) => c.id),
    numeratorIds: due.filter((c) => c.followUps.some((f) => f.milestone === milestone && f.reached)).map((c) => c.id),
    categories,
  };
}

/** Follow-ups whose window has passed (due date + grace days before today) and nothing was recorded. Unit: follow-ups. */
function missedFollowUps(clients: ReportClientRecord[], p: ReportPeriod): IndicatorResult {
  const denominatorIds: string[] = [];
  const numeratorIds: string[] = [];
  for (const c of clients) {
    if (!followedHere(c) || !releasedInPeriod(c, p)) continue;
    for (const s of sharedFollowUpSchedule(c.actualRelease!)) {
      if (s.missedAfter >= p.today) continue;
      denominatorIds.push(c.id);
      if (!c.followUps.some((f) => f.milestone === s.milestone)) numeratorIds.push(c.id);
    }
  }
  return { id: 'missedFollowUps', kind: 'share', unit: 'followUps', denominatorIds, numeratorIds, categories: [] };
}

/** Computes one indicator over the records that pass the filter. */
export function computeIndicator(id: IndicatorId, records: readonly ReportClientRecord[], p: ReportPeriod, filter: ReportFilter = {}): IndicatorResult {
  return computeOver(id, countedClients(records, filter), p);
}

/** Every indicator, in the dashboard's order. */
export function computeIndicators(records: readonly ReportClientRecord[], p: ReportPeriod, filter: ReportFilter = {}): IndicatorResult[] {
  // Filtered once for all fifteen: the same clients, as computeIndicator would select them each time.
  const clients = countedClients(records, filter);
  return INDICATOR_IDS.map((id) => computeOver(id, clients, p));
}

function countedClients(records: readonly ReportClientRecord[], filter: ReportFilter): ReportClientRecord[] {
  return records.filter((c) => counted(c) && matchesFilter(c, filter));
}

function computeOver(id: IndicatorId, clients: ReportClientRecord[], p: ReportPeriod): IndicatorResult {
  const released = () => clients.filter((c) => preparedHere(c) && releasedInPeriod(c, p));
  switch (id) {
    case 'clientsByStatus':
      return distribution(id, clients, CLIENT_STATUSES, (c) => c.status);
    case 'clientsByPrison':
      return distribution(id, clients, [], (c) => c.prisonId ?? NONE_KEY);
    case 'clientsByRegion':
      return distribution(id, clients, [], (c) => c.regionId ?? NONE_KEY);
    case 'releasesNext30':
      return releasesWithin(id, clients, p, 30);
    case 'releasesNext90':
      return releasesWithin(id, clients, p, UPCOMING_DAYS);
    case 'planCompleteAtRelease':
      return share(id, released(), (c) => checklistComplete(c, c.actualRelease));
    case 'naloxoneBeforeRelease':
      return share(id, released(), (c) => {
        const before = c.services.filter((s) => s.deliveredOn <= c.actualRelease!);
        return before.some((s) => s.kind === 'naloxoneKit') && before.some((s) => s.kind === 'overdosePrevention');
      });
    case 'oatContinuity':
      // On OAT in custody: an OAT dose recorded on or before release.
      return share(
        id,
        released().filter((c) => c.services.some((s) => s.kind === 'oatDose' && s.deliveredOn <= c.actualRelease!)),
        (c) => checklistDoneBy(c, 'oatBridging', c.actualRelease!) && c.oatProviderAttended.some((r) => r.appointmentOn === null || r.appointmentOn >= c.actualRelease!),
      );
    case 'handoverBeforeRelease':
      return share(id, released(), (c) => c.handovers.some((h) => h.sentOn <= c.actualRelease! && h.receiptOn !== null && h.receiptOn <= c.actualRelease!));
    case 'contacted72h':
      return contactedWithin(id, clients, p, 3);
    case 'contacted14d':
      return contactedWithin(id, clients, p, 14);
    case 'followUpMonth1':
    case 'followUpMonth3':
    case 'followUpMonth6':
      return followUpOutcomes(id, clients, p);
    case 'missedFollowUps':
      return missedFollowUps(clients, p);
  }
}

