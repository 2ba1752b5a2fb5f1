import { z } from 'zod';
import { defineCall } from '../contract';

/** One draft per user and form, e.g. `client:new`, `assessment:<id>`, `users:create`. */
export const draftKeySchema = z.string().regex(/^[a-zA-Z0-9:._-]{1,200}$/);
/** Form values as the form holds them; validated only when the form is submitted. */
export const draftDataSchema = z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 1_000_000, {
  error: 'Draft is larger than 1 MB',
});

export const draftsCalls = {
  'drafts.get': defineCall({
    input: z.object({ formKey: draftKeySchema }).strict(),
    output: z.object({ data: z.record(z.string(), z.unknown()), updatedAt: z.string() }).nullable(),
    access: 'user',
    mutates: false,
    client: 'none',
  }),
  'drafts.save': defineCall({
    input: z.object({ formKey: draftKeySchema, data: draftDataSchema }).strict(),
    output: z.object({ updatedAt: z.string() }),
    access: 'user',
    mutates: true,
    client: 'none',
  }),
  'drafts.discard': defineCall({
    input: z.object({ formKey: draftKeySchema }).strict(),
    output: z.object({}),
    access: 'user',
    mutates: true,
    client: 'none',
  }),
};
