import { z } from 'zod';

/** How the worker was in touch (SPEC W6). */
export const CONTACT_CHANNELS = ['prisonVisit', 'phone', 'video', 'letter', 'viaFamily', 'viaLawyer', 'outreach', 'office'] as const;
export const contactChannelSchema = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof contactChannelSchema>;
export const CONTACT_PHASES = ['custody', 'afterRelease'] as const;
export const contactPhaseSchema = z.enum(CONTACT_PHASES);
export type ContactPhase = z.infer<typeof contactPhaseSchema>;

/** Local date and time as a `datetime-local` input gives it: `YYYY-MM-DDTHH:mm`. */
export const contactTimeSchema = z.iso.datetime({ local: true, precision: -1 });

export const contactNoteFieldsSchema = z.object({
  at: contactTimeSchema,
  channel: contactChannelSchema,
  phase: contactPhaseSchema,
  /** Who took part, e.g. "client, mother, probation officer Novák". */
  participants: z.string().trim().max(500),
  notes: z.string().trim().min(1).max(20_000),
});
export type ContactNoteFields = z.infer<typeof contactNoteFieldsSchema>;

export const contactNoteSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  at: z.string(),
  channel: contactChannelSchema,
  phase: contactPhaseSchema,
  participants: z.string().nullable(),
  notes: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type ContactNote = z.infer<typeof contactNoteSchema>;
