import { z } from 'zod';
import { defineCall } from '../contract';
import { clientLanguageSchema } from '../../schemas/client';

const STAFF = ['admin', 'caseworker', 'clinician'] as const;

export const printedPdfSchema = z.object({
  fileName: z.string(),
  /** The PDF bytes, base64: both transports carry JSON. */
  pdfBase64: z.string(),
  pages: z.number().int(),
});
export type PrintedPdf = z.infer<typeof printedPdfSchema>;

export const printCalls = {
  /** The release plan in plain words for the client, in the client's preferred language unless another is chosen. */
  'print.clientPlan': defineCall({
    input: z.object({ clientId: z.string().min(1).max(64), language: clientLanguageSchema.optional() }).strict(),
    output: printedPdfSchema,
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),
  /** The professional case summary for the receiving worker, in the worker's language. */
  'print.caseSummary': defineCall({
    input: z.object({ clientId: z.string().min(1).max(64), language: clientLanguageSchema.default('cs') }).strict(),
    output: printedPdfSchema,
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),
};
