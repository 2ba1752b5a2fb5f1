import { z } from 'zod';
import { defineCall } from '../contract';
import { ATTACHMENT_MAX_BASE64_CHARS, attachmentFieldsSchema, attachmentListSchema, attachmentSchema } from '../../schemas/attachment';

/** Staff who work with clients; evaluators never see identities (SPEC W1). */
const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const clientId = z.string().min(1).max(64);
const attachmentId = z.string().min(1).max(64);
const base64 = z.string().min(1).max(ATTACHMENT_MAX_BASE64_CHARS).regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const attachmentAddSchema = attachmentFieldsSchema
  .extend({
    clientId,
    /** The name the file had on the user's computer: shown and offered on download, never trusted for its type. */
    fileName: z.string().trim().min(1).max(255),
    contentBase64: base64,
    /** A signed consent form may be linked to the consent it records (same client). */
    consentId: z.string().min(1).max(64).nullable().default(null),
  })
  .strict();
export type AttachmentAdd = z.input<typeof attachmentAddSchema>;

export const attachmentsCalls = {
  /** A client's attachments (without their bytes), newest first, and how much of the client's limit is used; audited. */
  'attachments.list': defineCall({ input: z.object({ clientId }).strict(), output: attachmentListSchema, access: STAFF, mutates: false, client: { access: 'read', from: 'clientId' } }),
  /** Stores a PDF, JPEG or PNG (decided by its first bytes) inside the encrypted database, within the per-file and per-client limits. */
  'attachments.add': defineCall({ input: attachmentAddSchema, output: attachmentSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  /** The file's bytes, to show or save; every download is audited. */
  'attachments.download': defineCall({
    input: z.object({ id: attachmentId }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), contentBase64: z.string() }),
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'id', via: 'attachment' },
  }),
  'attachments.remove': defineCall({ input: z.object({ id: attachmentId }).strict(), output: z.object({}), access: STAFF, mutates: true, client: { access: 'write', from: 'id', via: 'attachment' } }),
};
