import { describe, expect, it } from 'vitest';
import { addDays, alertSeverity, buildChecklist, computeReleaseAlert, releaseWindow } from '../../shared/plan';

const RELEASE = '2025-06-30';
const openChecklist = buildChecklist(RELEASE, []);
const doneChecklist = openChecklist.map((i) => ({ ...i, status: 'done' as const }));
const alertOn = (daysBefore: number, checklist = openChecklist, actualRelease: string | null = null) =>
  computeReleaseAlert({ earliestRelease: RELEASE, actualRelease, today: addDays(RELEASE, -daysBefore), checklist });

describe('release alerts at T-30, T-14, T-7 for incomplete items', () => {
  it.each([
    [31, 'none'],
    [30, 't30'],
    [15, 't30'],
    [14, 't14'],
    [8, 't14'],
    [7, 't7'],
    [1, 't7'],
    [0, 'releaseDay'],
    [-1, 'afterRelease'],
    [-40, 'afterRelease'],
  ] as const)('%i days before release: %s', (daysBefore, level) => {
    const alert = alertOn(daysBefore);
    expect(alert?.level).toBe(level);
    expect(alert?.daysToRelease).toBe(daysBefore);
    expect(releaseWindow(RELEASE, addDays(RELEASE, -daysBefore))).toBe(level);
  });

  it('a complete checklist raises no alert in any window, but the countdown stays', () => {
    for (const d of [30, 14, 7, 0, -1]) {
      const alert = alertOn(d, doneChecklist);
      expect(alert?.level).toBe('none');
      expect(alert?.openItems).toBe(0);
      expect(alert?.daysToRelease).toBe(d);
    }
  });

  it('not-applicable items do not keep an alert alive', () => {
    const list = doneChecklist.map((i) => (i.key === 'oatBridging' ? { ...i, status: 'notApplicable' as const } : i));
    expect(alertOn(7, list)?.level).toBe('none');
    const oneOpen = doneChecklist.map((i) => (i.key === 'receiptReceived' ? { ...i, status: 'open' as const } : i));
    expect(alertOn(7, oneOpen)).toMatchObject({ level: 't7', openItems: 1, overdueItems: 0 });
  });

  it('counts the open items that are past their own due date', () => {
    // 10 days before release: the T-30 and T-14 items (5 of them) are overdue, the T-7/T-3/T-1 ones not yet.
    expect(alertOn(10)).toMatchObject({ level: 't14', openItems: 9, overdueItems: 5 });
    expect(alertOn(31)).toMatchObject({ overdueItems: 0 });
  });

  it('after the actual release is entered the alert is "after release", counted from that date', () => {
    const alert = computeReleaseAlert({ earliestRelease: RELEASE, actualRelease: '2025-06-20', today: '2025-06-21', checklist: openChecklist });
    expect(alert).toMatchObject({ level: 'afterRelease', releaseDate: '2025-06-20', daysToRelease: -1 });
    // Released today: the release day itself counts as released.
    expect(computeReleaseAlert({ earliestRelease: RELEASE, actualRelease: '2025-06-21', today: '2025-06-21', checklist: openChecklist })?.level).toBe('afterRelease');
  });

  it('no release date, no alert', () => {
    expect(computeReleaseAlert({ earliestRelease: null, actualRelease: null, today: '2025-06-01', checklist: openChecklist })).toBeNull();
  });

  it('T-30 informs, T-14 warns, T-7 and later is urgent', () => {
    expect(['none', 't30', 't14', 't7', 'releaseDay', 'afterRelease'].map((l) => alertSeverity(l as never))).toEqual(['none', 'info', 'warning', 'urgent', 'urgent', 'urgent']);
  });
});
