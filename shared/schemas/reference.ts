import { z } from 'zod';

/** The short lists the client forms pick from, kept by admins (W3): prisons and regions of return. */
export const referenceKindSchema = z.enum(['prison', 'region']);
export type ReferenceKind = z.infer<typeof referenceKindSchema>;

export const referenceNameSchema = z.string().trim().min(2).max(120);

export const referenceItemSchema = z.object({
  id: z.string(),
  kind: referenceKindSchema,
  name: z.string(),
  /** Retired items stay for existing records but are no longer offered in pickers. */
  active: z.boolean(),
});
export type ReferenceItem = z.infer<typeof referenceItemSchema>;
