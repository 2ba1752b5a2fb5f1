import { z } from 'zod';
import { defineCall } from '../contract';
import {
  assessedOnSchema,
  assessmentFormSchema,
  assessmentKindSchema,
  assessmentSchema,
  assessmentSummarySchema,
} from '../../schemas/assessment';
import { screeningRecordSchema, screeningSchema } from '../../schemas/screening';
import { assessmentComparisonSchema } from '../../assessments/compare';

const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const idSchema = z.string().min(1).max(64);

/** Saving progress: the revision the form was loaded from (no silent overwrite) and valid values. */
export const assessmentSaveSchema = assessmentFormSchema.extend({ id: idSchema, revision: z.number().int().min(1) }).strict();
export type AssessmentSave = z.input<typeof assessmentSaveSchema>;

/**
 * Completing: the same; every life domain must be rated, which the handler checks on what is saved (a colleague
 * outside the client's health care completes with the health ratings they do not see).
 */
export const assessmentCompleteSchema = assessmentSaveSchema;

export const assessmentsCalls = {
  /** A client's assessments, newest first. */
  'assessments.list': defineCall({
    input: z.object({ clientId: idSchema }).strict(),
    output: z.array(assessmentSummarySchema),
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),
  'assessments.get': defineCall({ input: z.object({ id: idSchema }).strict(), output: assessmentSchema, access: STAFF, mutates: false, client: { access: 'read', from: 'id', via: 'assessment' } }),
  /**
   * Starts an assessment (status in progress). `prefillFromId` copies the answers of an earlier assessment
   * of the same client, so a review only records what changed.
   */
  'assessments.create': defineCall({
    input: z
      .object({
        clientId: idSchema,
        kind: assessmentKindSchema,
        assessedOn: assessedOnSchema,
        prefillFromId: idSchema.nullable().default(null),
      })
      .strict(),
    output: assessmentSchema,
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'clientId' },
  }),
  'assessments.save': defineCall({ input: assessmentSaveSchema, output: assessmentSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'id', via: 'assessment' } }),
  /** Saves and completes; a completed assessment is not changed again (a later one records change). */
  'assessments.complete': defineCall({ input: assessmentCompleteSchema, output: assessmentSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'id', via: 'assessment' } }),
  /** Throws away an assessment still in progress (e.g. started by mistake); completed ones stay. */
  'assessments.discard': defineCall({
    input: z.object({ id: idSchema, revision: z.number().int().min(1) }).strict(),
    output: z.object({}),
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'id', via: 'assessment' },
  }),
  /** Two assessments of the same client side by side, with what changed from `beforeId` to `afterId`. */
  'assessments.compare': defineCall({
    input: z.object({ beforeId: idSchema, afterId: idSchema }).strict(),
    output: z.object({ before: assessmentSchema, after: assessmentSchema, comparison: assessmentComparisonSchema }),
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'beforeId', via: 'assessment' },
  }),
  /** Screening results of a client, oldest first (the order of the chart). */
  'screenings.list': defineCall({
    input: z.object({ clientId: idSchema }).strict(),
    output: z.array(screeningSchema),
    access: STAFF,
    mutates: false,
    client: { access: 'health-read', from: 'clientId' },
  }),
  'screenings.record': defineCall({ input: screeningRecordSchema, output: screeningSchema, access: STAFF, mutates: true, client: { access: 'health-write', from: 'clientId' } }),
};
