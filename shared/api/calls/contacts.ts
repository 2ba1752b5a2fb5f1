import { z } from 'zod';
import { defineCall } from '../contract';
import { contactNoteFieldsSchema, contactNoteSchema } from '../../schemas/contactLog';

const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const clientId = z.string().min(1).max(64);

export const contactLogCalls = {
  /** Newest first, a page at a time (a long case has hundreds of contacts). */
  'contactLog.list': defineCall({
    input: z.object({ clientId, limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ notes: z.array(contactNoteSchema), total: z.number().int() }),
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),
  'contactLog.add': defineCall({ input: contactNoteFieldsSchema.extend({ clientId }).strict(), output: contactNoteSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
};
