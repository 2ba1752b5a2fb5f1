import { z } from 'zod';

/** W10: files attached to a client's case (scans and documents), stored inside the encrypted database. */

export const ATTACHMENT_KINDS = ['consentForm', 'idDocument', 'dischargeLetter', 'other'] as const;
export const attachmentKindSchema = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/** What may be attached, decided by the file's first bytes (never by its name). */
export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** Per file and per client: a scan of a few pages fits easily; a whole photo album does not belong here. */
export const ATTACHMENT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_CLIENT_BYTES = 50 * 1024 * 1024;
/** Base64 of the largest file, plus padding: the wire form is refused before it is decoded. */
export const ATTACHMENT_MAX_BASE64_CHARS = Math.ceil(ATTACHMENT_MAX_FILE_BYTES / 3) * 4 + 4;

export const attachmentFieldsSchema = z
  .object({
    kind: attachmentKindSchema,
    note: z.string().trim().max(1000).default(''),
  })
  .strict();
export type AttachmentFields = z.input<typeof attachmentFieldsSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: attachmentKindSchema,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  note: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** The consent whose signed form this is, if it was linked to one. */
  consentId: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  attachments: z.array(attachmentSchema),
  totalBytes: z.number().int(),
  maxClientBytes: z.number().int(),
  maxFileBytes: z.number().int(),
});
