import { describe, expect, it } from 'vitest';
import { computeIndicator, computeIndicators, needsDetails, type IndicatorId } from '../../shared/reports/indicators';
import type { ReportClientRecord, ReportFollowUpRecord } from '../../shared/reports/records';
import { CHECKLIST_ITEMS } from '../../shared/schemas/plan';

// "Today" is the workstation's local date, passed in: the definitions never read a clock.
const period = { from: '2026-01-01', to: '2026-03-31', today: '2026-06-15' };

function client(over: Partial<ReportClientRecord> & { id: string }): ReportClientRecord {
  return {
    status: 'released',
    prisonId: 'p1',
    regionId: 'r1',
    workerId: 'w1',
    earliestRelease: '2026-02-01',
    actualRelease: '2026-02-10',
    custody: 'held',
    importedByHandover: false,
    erased: false,
    checklist: [],
    services: [],
    contactsAfterRelease: [],
    followUps: [],
    handovers: [],
    oatProviderAttended: [],
    ...over,
  };
}
const allDone = (on: string) => CHECKLIST_ITEMS.map(({ key }) => ({ key, status: 'done' as const, updatedOn: on }));
const followUp = (milestone: ReportFollowUpRecord['milestone'], contactedOn: string, reached = true, housing = 'stable'): ReportFollowUpRecord => ({
  milestone,
  reached,
  contactedOn,
  housing,
  employment: 'unknown',
  substanceUse: 'reduced',
  treatmentAttendance: 'attending',
  rearrest: 'no',
  overdose: 'no',
});
const counts = (id: IndicatorId, records: ReportClientRecord[], p = period) => {
  const r = computeIndicator(id, records, p);
  return { numerator: r.numeratorIds.length, denominator: r.denominatorIds.length };
};

/** Each row: a case, the indicator, the records, and the expected numerator / denominator. */
type Row = [string, IndicatorId, ReportClientRecord[], number, number];

const edgeCases: Row[] = [
  // Release dates missing or in the future: no release, in no release-based denominator.
  ['release date missing', 'planCompleteAtRelease', [client({ id: 'a', actualRelease: null, checklist: allDone('2026-01-01') })], 0, 0],
  ['release date after today', 'planCompleteAtRelease', [client({ id: 'a', actualRelease: '2026-07-01', checklist: allDone('2026-01-01') }) ], 0, 0],
  ['release in the period, plan done on release day', 'planCompleteAtRelease', [client({ id: 'a', checklist: allDone('2026-02-10') })], 1, 1],
  ['plan finished the day after release is not complete at release', 'planCompleteAtRelease', [client({ id: 'a', checklist: allDone('2026-02-11') })], 0, 1],
  ['"not applicable" items count as complete', 'planCompleteAtRelease', [client({ id: 'a', checklist: allDone('2026-02-01').map((i) => (i.key === 'oatBridging' ? { ...i, status: 'notApplicable' as const } : i)) })], 1, 1],
  ['release before the period', 'planCompleteAtRelease', [client({ id: 'a', actualRelease: '2025-12-31' })], 0, 0],
  ['erased client is never counted', 'planCompleteAtRelease', [client({ id: 'a', erased: true, checklist: allDone('2026-01-01') })], 0, 0],
  ['erased client is not in the caseload figures', 'clientsByStatus', [client({ id: 'a', erased: true }), client({ id: 'b' })], 1, 1],
  // Handed over before release: the preparation counts here, the after-release contact at the receiving site.
  ['handed over before release: preparation counts here', 'handoverBeforeRelease', [client({ id: 'a', custody: 'handedOver', handovers: [{ sentOn: '2026-02-01', receiptOn: '2026-02-05' }] })], 1, 1],
  ['handed over: contact after release is counted by the receiving site', 'contacted72h', [client({ id: 'a', custody: 'handedOver', contactsAfterRelease: ['2026-02-10'] })], 0, 0],
  ['imported by handover: preparation was counted by the sender', 'planCompleteAtRelease', [client({ id: 'a', importedByHandover: true, checklist: allDone('2026-01-01') })], 0, 0],
  ['imported by handover: contact after release counts here', 'contacted72h', [client({ id: 'a', importedByHandover: true, contactsAfterRelease: ['2026-02-11'] })], 1, 1],
  ['receipt after release does not count', 'handoverBeforeRelease', [client({ id: 'a', handovers: [{ sentOn: '2026-02-01', receiptOn: '2026-02-11' }] })], 0, 1],
  ['handover without receipt does not count', 'handoverBeforeRelease', [client({ id: 'a', handovers: [{ sentOn: '2026-02-01', receiptOn: null }] })], 0, 1],
  // A contact on the day of release counts (day 0); day 3 is the last day of 72 hours.
  ['contact on the day of release', 'contacted72h', [client({ id: 'a', contactsAfterRelease: ['2026-02-10'] })], 1, 1],
  ['contact on day 3', 'contacted72h', [client({ id: 'a', contactsAfterRelease: ['2026-02-13'] })], 1, 1],
  ['contact on day 4 misses 72 hours', 'contacted72h', [client({ id: 'a', contactsAfterRelease: ['2026-02-14'] })], 0, 1],
  ['contact on day 4 is within 14 days', 'contacted14d', [client({ id: 'a', contactsAfterRelease: ['2026-02-14'] })], 1, 1],
  ['a reached follow-up is a contact', 'contacted72h', [client({ id: 'a', followUps: [followUp('day1', '2026-02-11')] })], 1, 1],
  ['a follow-up not reached is no contact', 'contacted72h', [client({ id: 'a', followUps: [followUp('day1', '2026-02-11', false)] })], 0, 1],
  ['a contact before release does not count', 'contacted72h', [client({ id: 'a', contactsAfterRelease: ['2026-02-09'] })], 0, 1],
  ['72-hour window not over yet: not counted', 'contacted72h', [client({ id: 'a', actualRelease: '2026-06-13' })], 0, 0],
  // Naloxone: both kit and session, on or before the release day.
  ['naloxone kit and session before release', 'naloxoneBeforeRelease', [client({ id: 'a', services: [{ kind: 'naloxoneKit', deliveredOn: '2026-02-10' }, { kind: 'overdosePrevention', deliveredOn: '2026-01-20' }] })], 1, 1],
  ['naloxone kit only', 'naloxoneBeforeRelease', [client({ id: 'a', services: [{ kind: 'naloxoneKit', deliveredOn: '2026-02-01' }] })], 0, 1],
  ['session after release does not count', 'naloxoneBeforeRelease', [client({ id: 'a', services: [{ kind: 'naloxoneKit', deliveredOn: '2026-02-01' }, { kind: 'overdosePrevention', deliveredOn: '2026-02-11' }] })], 0, 1],
  // OAT continuity: only clients on OAT; bridging done by release and a community OAT contact attended.
  ['not on OAT: not in the denominator', 'oatContinuity', [client({ id: 'a' })], 0, 0],
  ['on OAT, bridged and attended', 'oatContinuity', [client({ id: 'a', services: [{ kind: 'oatDose', deliveredOn: '2026-01-05' }], checklist: [{ key: 'oatBridging', status: 'done', updatedOn: '2026-02-01' }], oatProviderAttended: [{ appointmentOn: '2026-02-11' }] })], 1, 1],
  ['on OAT, bridged, never attended', 'oatContinuity', [client({ id: 'a', services: [{ kind: 'oatDose', deliveredOn: '2026-01-05' }], checklist: [{ key: 'oatBridging', status: 'done', updatedOn: '2026-02-01' }] })], 0, 1],
  ['on OAT, attended but bridging not arranged', 'oatContinuity', [client({ id: 'a', services: [{ kind: 'oatDose', deliveredOn: '2026-01-05' }], oatProviderAttended: [{ appointmentOn: null }] })], 0, 1],
  // Upcoming releases: relative to today, not yet released, plan completeness now.
  ['release in 30 days with a complete plan', 'releasesNext30', [client({ id: 'a', actualRelease: null, earliestRelease: '2026-07-15', checklist: allDone('2026-06-01') })], 1, 1],
  ['release in 31 days is outside 30', 'releasesNext30', [client({ id: 'a', actualRelease: null, earliestRelease: '2026-07-16' })], 0, 0],
  ['release in 31 days is inside 90', 'releasesNext90', [client({ id: 'a', actualRelease: null, earliestRelease: '2026-07-16' })], 0, 1],
  ['earliest release missing: not upcoming', 'releasesNext90', [client({ id: 'a', actualRelease: null, earliestRelease: null })], 0, 0],
  ['release today is upcoming', 'releasesNext30', [client({ id: 'a', actualRelease: null, earliestRelease: '2026-06-15' })], 0, 1],
  ['already released: not upcoming', 'releasesNext30', [client({ id: 'a', actualRelease: '2026-06-01', earliestRelease: '2026-06-20' })], 0, 0],
  // Follow-up at 1 month: due 2026-03-10 for a release on 2026-02-10.
  ['1-month follow-up reached', 'followUpMonth1', [client({ id: 'a', followUps: [followUp('month1', '2026-03-11')] })], 1, 1],
  ['1-month follow-up never recorded: still in the denominator', 'followUpMonth1', [client({ id: 'a' })], 0, 1],
  ['6-month follow-up not due yet', 'followUpMonth6', [client({ id: 'a', actualRelease: '2026-03-31' })], 0, 0],
  // Missed follow-ups count follow-up contacts: 7 milestones, the month-6 window (due 10 Aug) not over by 15 June.
  ['all windows over, nothing recorded', 'missedFollowUps', [client({ id: 'a' })], 6, 6],
  ['one recorded, even not reached, is not missed', 'missedFollowUps', [client({ id: 'a', followUps: [followUp('day1', '2026-02-11', false)] })], 5, 6],
];

describe('indicator definitions: edge cases', () => {
  it.each(edgeCases)('%s (%s)', (_name, id, records, numerator, denominator) => {
    expect(counts(id, records)).toEqual({ numerator, denominator });
  });
});

describe('follow-up outcomes', () => {
  it('shows "unknown" for a follow-up never recorded, in every field, and never drops a client', () => {
    const r = computeIndicator('followUpMonth1', [client({ id: 'a', followUps: [followUp('month1', '2026-03-11', true, 'homeless')] }), client({ id: 'b' })], period);
    const count = (key: string) => r.categories.find((c) => c.key === key)!.ids.length;
    expect(count('housing.homeless')).toBe(1);
    expect(count('housing.unknown')).toBe(1);
    expect(count('employment.unknown')).toBe(2);
    expect(count('overdose.no')).toBe(1);
    expect(count('overdose.unknown')).toBe(1);
    // Every field's categories add up to the denominator.
    for (const field of ['housing', 'employment', 'substanceUse', 'treatmentAttendance', 'rearrest', 'overdose']) {
      expect(r.categories.filter((c) => c.key.startsWith(`${field}.`)).reduce((n, c) => n + c.ids.length, 0)).toBe(2);
    }
  });
});

describe('distributions and filters', () => {
  it('counts clients by status, prison and region, a missing prison as its own category', () => {
    const records = [client({ id: 'a', status: 'active' }), client({ id: 'b', status: 'active', prisonId: null }), client({ id: 'c', status: 'closed', prisonId: 'p2' })];
    const byStatus = computeIndicator('clientsByStatus', records, period);
    expect(byStatus.categories.find((c) => c.key === 'active')!.ids).toEqual(['a', 'b']);
    expect(byStatus.categories.find((c) => c.key === 'intake')!.ids).toEqual([]);
    const byPrison = computeIndicator('clientsByPrison', records, period);
    expect(Object.fromEntries(byPrison.categories.map((c) => [c.key, c.ids.length]))).toEqual({ p1: 1, none: 1, p2: 1 });
  });

  it('filters by prison, region and worker before counting', () => {
    const records = [client({ id: 'a', contactsAfterRelease: ['2026-02-10'] }), client({ id: 'b', prisonId: 'p2' }), client({ id: 'c', workerId: 'w2', regionId: 'r2' })];
    const byFilter = (filter: Parameters<typeof computeIndicator>[3]) => computeIndicator('contacted72h', records, period, filter).denominatorIds;
    expect(byFilter({ prisonId: 'p1' })).toEqual(['a', 'c']);
    expect(byFilter({ regionId: 'r2' })).toEqual(['c']);
    expect(byFilter({ workerId: 'w1', prisonId: 'p2' })).toEqual(['b']);
  });
});

describe('whose details an indicator reads (what the loader may leave out)', () => {
  const withoutDetails = (c: ReportClientRecord): ReportClientRecord => ({ ...c, checklist: [], services: [], contactsAfterRelease: [], followUps: [], handovers: [], oatProviderAttended: [] });
  const everything = (c: ReportClientRecord) => ({
    ...c,
    checklist: allDone('2026-01-01'),
    services: [
      { kind: 'naloxoneKit' as const, deliveredOn: '2025-11-01' },
      { kind: 'overdosePrevention' as const, deliveredOn: '2025-11-01' },
      { kind: 'oatDose' as const, deliveredOn: '2025-11-01' },
    ],
    contactsAfterRelease: c.actualRelease ? [c.actualRelease] : [],
    followUps: c.actualRelease ? [followUp('day1', c.actualRelease), followUp('month1', c.actualRelease)] : [],
    handovers: [{ sentOn: '2025-11-01', receiptOn: '2025-11-02' }],
    oatProviderAttended: [{ appointmentOn: null }],
  });
  // Clients inside and just outside the period and the 90-day look-ahead, each with every kind of detail.
  const mixed = [
    client({ id: 'in-period' }),
    client({ id: 'period-start', actualRelease: '2026-01-01' }),
    client({ id: 'before-period', actualRelease: '2025-12-31' }),
    client({ id: 'after-period', actualRelease: '2026-04-01' }),
    client({ id: 'released-today', actualRelease: '2026-06-15' }),
    client({ id: 'future-release-date', actualRelease: '2026-07-01' }),
    client({ id: 'upcoming-90', actualRelease: null, earliestRelease: '2026-09-13' }),
    client({ id: 'upcoming-91', actualRelease: null, earliestRelease: '2026-09-14' }),
    client({ id: 'earliest-passed', actualRelease: null, earliestRelease: '2026-06-14' }),
    client({ id: 'no-dates', actualRelease: null, earliestRelease: null }),
    client({ id: 'handed-over', custody: 'handedOver' }),
    client({ id: 'imported', importedByHandover: true }),
  ].map(everything);
  const sets: [string, ReportClientRecord[]][] = [['mixed clients', mixed], ...edgeCases.map(([name, , records]): [string, ReportClientRecord[]] => [name, records])];

  it.each(sets)('%s: every indicator is the same with the details of clients outside needsDetails left out', (_name, records) => {
    const narrowed = records.map((c) => (needsDetails(period)(c) ? c : withoutDetails(c)));
    expect(computeIndicators(narrowed, period)).toEqual(computeIndicators(records, period));
  });

  it('the look-ahead and the period bound it on both sides', () => {
    const named = mixed.filter(needsDetails(period)).map((c) => c.id);
    expect(named).toEqual(['in-period', 'period-start', 'upcoming-90', 'handed-over', 'imported']);
  });
});
