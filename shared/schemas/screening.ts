import { z } from 'zod';
import { INSTRUMENT_IDS, findInstrument, scoreInstrument, screenedSexSchema } from '../instruments';
import { assessedOnSchema } from './assessment';

/**
 * A screening result (SPEC W4): an instrument administered item by item, scored from its definition.
 * The answers are checked against the definition here, so the form and the API refuse the same things.
 */
export const screeningRecordSchema = z
  .object({
    clientId: z.string().min(1).max(64),
    instrumentId: z.enum(INSTRUMENT_IDS as [string, ...string[]]),
    administeredOn: assessedOnSchema,
    /** Chooses sex-specific zones (DUDIT); taken from the client record and changeable on the form. */
    sex: screenedSexSchema,
    answers: z.record(z.string().max(40), z.string().max(40)),
    notes: z.string().trim().max(2000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    const def = findInstrument(v.instrumentId);
    if (!def) return;
    const score = scoreInstrument(def, v.answers, v.sex);
    for (const id of score.missingItemIds) {
      ctx.addIssue({ code: 'custom', path: ['answers', id], message: `Question ${id} is not answered.`, params: { i18n: 'answerRequired' } });
    }
    for (const id of score.unknownAnswers) {
      ctx.addIssue({ code: 'custom', path: ['answers', id], message: `"${id}" is not a question or answer of ${def.shortName}.`, params: { i18n: 'answerUnknown' } });
    }
  });
export type ScreeningRecord = z.input<typeof screeningRecordSchema>;

export const screeningSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  administeredOn: z.string(),
  sex: screenedSexSchema,
  answers: z.record(z.string(), z.string()),
  total: z.number().int(),
  /** The zone id at recording time; null only where the zone depends on an unknown sex. */
  zoneId: z.string().nullable(),
  notes: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type Screening = z.infer<typeof screeningSchema>;
