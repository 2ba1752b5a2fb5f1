import { z } from 'zod';

/** The follow-up schedule after release (SPEC W6), counted from the actual release date. */
export const FOLLOW_UP_MILESTONES = [
  { key: 'day1', days: 1, graceDays: 1 },
  { key: 'day3', days: 3, graceDays: 2 },
  { key: 'week1', days: 7, graceDays: 3 },
  { key: 'week2', days: 14, graceDays: 4 },
  { key: 'month1', months: 1, graceDays: 7 },
  { key: 'month3', months: 3, graceDays: 14 },
  { key: 'month6', months: 6, graceDays: 14 },
] as const;
export type FollowUpMilestone = (typeof FOLLOW_UP_MILESTONES)[number]['key'];
export const followUpMilestoneSchema = z.enum(FOLLOW_UP_MILESTONES.map((m) => m.key) as [FollowUpMilestone, ...FollowUpMilestone[]]);

/** recorded: outcome entered; due: in its window now; upcoming: later; missed: window passed, nothing recorded. */
export const followUpStateSchema = z.enum(['recorded', 'due', 'upcoming', 'missed']);
export type FollowUpState = z.infer<typeof followUpStateSchema>;

// Outcome scales for the evaluation (SPEC W13): every scale has "unknown", the honest answer when not reached.
export const housingOutcomeSchema = z.enum(['stable', 'temporary', 'shelter', 'homeless', 'unknown']);
export const employmentOutcomeSchema = z.enum(['employed', 'training', 'benefits', 'unemployed', 'unknown']);
export const substanceUseOutcomeSchema = z.enum(['abstinent', 'reduced', 'unchanged', 'increased', 'unknown']);
export const treatmentOutcomeSchema = z.enum(['attending', 'irregular', 'notAttending', 'notReferred', 'unknown']);
export const rearrestOutcomeSchema = z.enum(['no', 'yes', 'unknown']);
export const overdoseOutcomeSchema = z.enum(['no', 'nonFatal', 'fatal', 'unknown']);

export const FOLLOW_UP_OUTCOMES = {
  housing: housingOutcomeSchema,
  employment: employmentOutcomeSchema,
  substanceUse: substanceUseOutcomeSchema,
  treatmentAttendance: treatmentOutcomeSchema,
  rearrest: rearrestOutcomeSchema,
  overdose: overdoseOutcomeSchema,
} as const;
export type FollowUpOutcomeField = keyof typeof FOLLOW_UP_OUTCOMES;
export const FOLLOW_UP_OUTCOME_FIELDS = Object.keys(FOLLOW_UP_OUTCOMES) as FollowUpOutcomeField[];

/** What the worker records at one follow-up contact. */
export const followUpRecordFieldsSchema = z.object({
  milestone: followUpMilestoneSchema,
  reached: z.boolean(),
  contactedOn: z.iso.date(),
  ...FOLLOW_UP_OUTCOMES,
  note: z.string().trim().max(4000),
});
export type FollowUpRecordFields = z.infer<typeof followUpRecordFieldsSchema>;

export const followUpSchema = z.object({
  milestone: followUpMilestoneSchema,
  dueDate: z.string(),
  /** Last day of the window; after it an unrecorded follow-up counts as missed. */
  missedAfter: z.string(),
  state: followUpStateSchema,
  /** null until recorded. */
  record: z
    .object({
      id: z.string(),
      reached: z.boolean(),
      contactedOn: z.string(),
      housing: housingOutcomeSchema,
      employment: employmentOutcomeSchema,
      substanceUse: substanceUseOutcomeSchema,
      treatmentAttendance: treatmentOutcomeSchema,
      rearrest: rearrestOutcomeSchema,
      overdose: overdoseOutcomeSchema,
      note: z.string().nullable(),
      updatedAt: z.string(),
      updatedByName: z.string().nullable(),
    })
    .nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const followUpScheduleSchema = z.object({
  clientId: z.string(),
  today: z.string(),
  /** null: not released yet, no schedule. */
  actualRelease: z.string().nullable(),
  followUps: z.array(followUpSchema),
  missed: z.number().int(),
});
export type FollowUpSchedule = z.infer<typeof followUpScheduleSchema>;
