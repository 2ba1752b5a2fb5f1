import { z } from 'zod';
import { CLIENT_STATUS_VALUES } from './enumValues';

/** Calendar date without time, as typed on forms and stored in the database: `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date();

/**
 * A cross-field rule's message: the renderer translates `params.i18n` (common:validation.<key>), the API
 * returns the English `message`. Keeps one rule in one place for both sides.
 */
export function ruleIssue(i18n: string, message: string, path: string[]) {
  return { code: 'custom' as const, message, path, params: { i18n } };
}

export const clientStatusSchema = z.enum(CLIENT_STATUS_VALUES);
export type ClientStatus = z.infer<typeof clientStatusSchema>;
export const CLIENT_STATUSES = clientStatusSchema.options;

export const sexSchema = z.enum(['female', 'male', 'other', 'unknown']);
export type Sex = z.infer<typeof sexSchema>;

/** Languages the client can receive printed material in; other preferences go into the notes. */
export const clientLanguageSchema = z.enum(['cs', 'en']);

/**
 * Client codes are short enough to say on the phone and unambiguous on paper: three letters without I/O,
 * a dash and four digits (e.g. `KZP-4821`). Users may type their own (e.g. a prison's numbering) within
 * upper-case letters, digits and dashes.
 */
export const CLIENT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,19}$/;
export const clientCodeSchema = z.string().trim().toUpperCase().regex(CLIENT_CODE_PATTERN);

/** A name needs at least one letter: a name made only of emoji, digits or symbols is a slip, not a person. */
const NAME_LETTER = /\p{L}/u;
const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => s === '' || NAME_LETTER.test(s), { message: 'A name must contain letters.', params: { i18n: 'nameNeedsLetters' } });
const optionalText = (max: number) => z.string().trim().max(max).default('');
const optionalDate = isoDateSchema.nullable().default(null);
const optionalId = z.string().min(1).max(64).nullable().default(null);

/** Everything a worker types when registering or editing a client (W3). */
export const clientFieldsObject = z.object({
  code: clientCodeSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  dateOfBirth: isoDateSchema,
  sex: sexSchema,
  nationality: optionalText(60),
  preferredLanguage: clientLanguageSchema.default('cs'),
  prisonId: optionalId,
  sentenceStart: optionalDate,
  /** Earliest possible release (e.g. conditional-release eligibility): planning keys off this date. */
  earliestRelease: optionalDate,
  /** End of sentence. */
  latestRelease: optionalDate,
  actualRelease: optionalDate,
  regionId: optionalId,
  municipality: optionalText(100),
  assignedWorkerId: z.string().min(1).max(64),
  status: clientStatusSchema.default('intake'),
  notes: optionalText(5000),
});

type DateFields = { dateOfBirth?: string; sentenceStart?: string | null; earliestRelease?: string | null; latestRelease?: string | null; actualRelease?: string | null };

/** The date rules of a client record, shared by create, update and import. */
export function checkClientDates(v: DateFields, ctx: z.RefinementCtx): void {
  const before = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a > b);
  if (before(v.earliestRelease, v.latestRelease)) {
    ctx.addIssue(ruleIssue('earliestAfterLatest', 'The earliest release cannot be after the end of sentence.', ['earliestRelease']));
  }
  if (before(v.sentenceStart, v.earliestRelease)) {
    ctx.addIssue(ruleIssue('releaseBeforeSentence', 'The release cannot be before the start of the sentence.', ['earliestRelease']));
  }
  if (before(v.dateOfBirth, v.sentenceStart)) {
    // date of birth after sentence start: certainly a typo
    ctx.addIssue(ruleIssue('birthAfterSentence', 'The date of birth is after the start of the sentence.', ['dateOfBirth']));
  }
  if (before(v.sentenceStart, v.actualRelease)) {
    ctx.addIssue(ruleIssue('releaseBeforeSentence', 'The release cannot be before the start of the sentence.', ['actualRelease']));
  }
}

/** The programme works with people from 15 years of age; older than 100 is a typing slip. */
export const CLIENT_AGE = { min: 15, max: 100 } as const;

/** Whole years from one `YYYY-MM-DD` date to another (a birthday counts on its day). */
export function yearsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0, fd = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/**
 * The date rules that compare with today. One clock per call: the server passes `ctx.today`, the form the
 * local day, so both refuse the same dates with the same sentence.
 */
export function checkClientDatesAt(today: string) {
  return (v: DateFields, ctx: z.RefinementCtx): void => {
    const valid = (d: string | null | undefined): d is string => Boolean(d && isoDateSchema.safeParse(d).success);
    if (valid(v.dateOfBirth)) {
      const age = yearsBetween(v.dateOfBirth, today);
      if (v.dateOfBirth > today) ctx.addIssue(ruleIssue('birthInFuture', 'The date of birth is in the future.', ['dateOfBirth']));
      else if (age < CLIENT_AGE.min) ctx.addIssue(ruleIssue('clientTooYoung', `The client would be younger than ${CLIENT_AGE.min}: check the date of birth.`, ['dateOfBirth']));
      else if (age > CLIENT_AGE.max) ctx.addIssue(ruleIssue('clientTooOld', `The client would be older than ${CLIENT_AGE.max}: check the date of birth.`, ['dateOfBirth']));
    }
    if (valid(v.actualRelease) && v.actualRelease > today) {
      ctx.addIssue(ruleIssue('releaseInFuture', 'The actual release cannot be in the future; a planned date is the earliest release.', ['actualRelease']));
    }
  };
}

export const clientFieldsSchema = clientFieldsObject.superRefine(checkClientDates);
export type ClientFields = z.infer<typeof clientFieldsSchema>;
export type ClientFieldsInput = z.input<typeof clientFieldsSchema>;

/** Registering: the code may be left empty and is then generated. */
export const clientCreateSchema = clientFieldsObject
  .extend({ code: clientCodeSchema.optional() })
  .strict()
  .superRefine(checkClientDates);
export type ClientCreate = z.input<typeof clientCreateSchema>;

export const custodySchema = z.enum(['held', 'handedOver']);

export const clientSchema = clientFieldsObject.extend({
  id: z.string(),
  prisonName: z.string().nullable(),
  regionName: z.string().nullable(),
  assignedWorkerName: z.string().nullable(),
  /** 'handedOver': custody moved with a handover; the record is read-only here. */
  custody: custodySchema,
  handedOverTo: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  receiptReceivedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Optimistic concurrency: an update must name the revision it was based on. */
  revision: z.number().int(),
});
export type Client = z.infer<typeof clientSchema>;

/** A possible duplicate found at registration or import: same code, or same name and date of birth. */
export const duplicateSchema = z.object({
  id: z.string(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  reason: z.enum(['sameCode', 'sameNameAndBirth']),
});
export type PossibleDuplicate = z.infer<typeof duplicateSchema>;
