import { FOLLOW_UP_MILESTONES, type FollowUpMilestone, type FollowUpState } from '../schemas/followUp';
import { addDays, addMonths } from './dates';

export interface ScheduledFollowUp {
  milestone: FollowUpMilestone;
  dueDate: string;
  missedAfter: string;
}

const schedules = new Map<string, readonly Readonly<ScheduledFollowUp>[]>();

/** Day 1, day 3, week 1, week 2, month 1, month 3, month 6 after the actual release date. */
export function followUpSchedule(actualRelease: string): ScheduledFollowUp[] {
  return sharedFollowUpSchedule(actualRelease).map((s) => ({ ...s }));
}

/**
 * The same schedule, shared and read-only: reports ask for thousands of clients' schedules over a few hundred
 * release days, so each day's is computed once (bounded, so a long-running backend cannot grow it).
 */
export function sharedFollowUpSchedule(actualRelease: string): readonly Readonly<ScheduledFollowUp>[] {
  let schedule = schedules.get(actualRelease);
  if (!schedule) {
    if (schedules.size >= 5_000) schedules.clear();
    schedule = Object.freeze(
      FOLLOW_UP_MILESTONES.map((m) => {
        const dueDate = 'months' in m ? addMonths(actualRelease, m.months) : addDays(actualRelease, m.days);
        return Object.freeze({ milestone: m.key, dueDate, missedAfter: addDays(dueDate, m.graceDays) });
      }),
    );
    schedules.set(actualRelease, schedule);
  }
  return schedule;
}

/** A follow-up is due from its date through its grace days; after that, unrecorded, it is missed. */
export function followUpState(f: Pick<ScheduledFollowUp, 'dueDate' | 'missedAfter'>, recorded: boolean, today: string): FollowUpState {
  if (recorded) return 'recorded';
  if (today < f.dueDate) return 'upcoming';
  return today <= f.missedAfter ? 'due' : 'missed';
}
