import { FOLLOW_UP_MILESTONES, type FollowUpMilestone, type FollowUpState } from '../schemas/followUp';
import { addDays, addMonths } from './dates';

export interface ScheduledFollowUp {
  milestone: FollowUpMilestone;
  dueDate: string;
  missedAfter: string;
}

/** Day 1, day 3, week 1, week 2, month 1, month 3, month 6 after the actual release date. */
export function followUpSchedule(actualRelease: string): ScheduledFollowUp[] {
  return FOLLOW_UP_MILESTONES.map((m) => {
    const dueDate = 'months' in m ? addMonths(actualRelease, m.months) : addDays(actualRelease, m.days);
    return { milestone: m.key, dueDate, missedAfter: addDays(dueDate, m.graceDays) };
  });
}

/** A follow-up is due from its date through its grace days; after that, unrecorded, it is missed. */
export function followUpState(f: Pick<ScheduledFollowUp, 'dueDate' | 'missedAfter'>, recorded: boolean, today: string): FollowUpState {
  if (recorded) return 'recorded';
  if (today < f.dueDate) return 'upcoming';
  return today <= f.missedAfter ? 'due' : 'missed';
}
