import type { ChecklistItem, ReleaseAlert, ReleaseAlertLevel } from '../schemas/plan';
import { checklistItemState } from './checklist';
import { daysBetween } from './dates';

/** The alert windows of SPEC W5, widest first: an alert is raised from T-30, sharpened at T-14 and T-7. */
export const ALERT_WINDOWS = [
  { level: 't7', withinDays: 7 },
  { level: 't14', withinDays: 14 },
  { level: 't30', withinDays: 30 },
] as const;

/** The window a release date falls into today, regardless of the checklist. */
export function releaseWindow(releaseDate: string, today: string): ReleaseAlertLevel {
  const days = daysBetween(today, releaseDate);
  if (days < 0) return 'afterRelease';
  if (days === 0) return 'releaseDay';
  for (const w of ALERT_WINDOWS) if (days <= w.withinDays) return w.level;
  return 'none';
}

/**
 * The release alert of one client: the countdown to the earliest release date (or to the actual release, once
 * entered) and the window it is in — but a window raises an alert only while applicable checklist items are open.
 * Returns null when no release date is known.
 */
export function computeReleaseAlert(opts: {
  earliestRelease: string | null;
  actualRelease: string | null;
  today: string;
  checklist: readonly Pick<ChecklistItem, 'status' | 'dueDate'>[];
}): ReleaseAlert | null {
  const releaseDate = opts.actualRelease ?? opts.earliestRelease;
  if (!releaseDate) return null;
  const open = opts.checklist.filter((i) => i.status === 'open');
  const overdue = open.filter((i) => checklistItemState(i, opts.today) === 'overdue');
  const window = opts.actualRelease && opts.actualRelease <= opts.today ? 'afterRelease' : releaseWindow(releaseDate, opts.today);
  return {
    releaseDate,
    daysToRelease: daysBetween(opts.today, releaseDate),
    level: open.length === 0 ? 'none' : window,
    openItems: open.length,
    overdueItems: overdue.length,
  };
}

/** How loud an alert is: T-30 informs, T-14 warns, T-7 and later is urgent. */
export function alertSeverity(level: ReleaseAlertLevel): 'none' | 'info' | 'warning' | 'urgent' {
  if (level === 'none') return 'none';
  if (level === 't30') return 'info';
  if (level === 't14') return 'warning';
  return 'urgent';
}
