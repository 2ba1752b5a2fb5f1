import { z } from 'zod';
import { defineCall } from '../contract';
import { serviceIdSchema, serviceInputSchema, serviceSchema, serviceTypeSchema } from '../../schemas/service';
import { DIRECTORY_MAX_CHARS, directoryFileFormatSchema, importRowErrorSchema } from '../../directory/serviceFile';

/** W7: admins and caseworkers keep the directory; every logged-in user may read it (it holds no client data). */
const EDITORS = ['admin', 'caseworker'] as const;

export const directoryQuerySchema = z
  .object({
    regionId: z.string().min(1).max(64).nullable().default(null),
    type: serviceTypeSchema.nullable().default(null),
    /** Matches name, address, contact person, intake criteria (case- and diacritics-insensitive). */
    search: z.string().trim().max(200).default(''),
    includeRemoved: z.boolean().default(false),
  })
  .strict();
export type DirectoryQuery = z.input<typeof directoryQuerySchema>;
export type DirectoryFilter = z.output<typeof directoryQuerySchema>;

/** The file as the renderer read it. Twice the row limit's size, so the file check can say "too large" in words. */
export const directoryFileInputSchema = z
  .object({ format: directoryFileFormatSchema, content: z.string().max(DIRECTORY_MAX_CHARS * 2) })
  .strict();

export const importPreviewRowSchema = z.object({
  at: z.number().int(),
  unit: z.enum(['line', 'entry']),
  /** `update` when the row names an entry of this directory (by id); the entry is then overwritten. */
  action: z.enum(['create', 'update']),
  service: serviceInputSchema.extend({ regionName: z.string() }),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRowSchema>;

export const importPreviewSchema = z.object({
  rows: z.array(importPreviewRowSchema),
  errors: z.array(importRowErrorSchema),
  ignoredColumns: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

const idInput = z.object({ id: serviceIdSchema }).strict();

export const directoryCalls = {
  'directory.list': defineCall({ input: directoryQuerySchema, output: z.array(serviceSchema), access: 'user', mutates: false, client: 'none' }),
  'directory.get': defineCall({ input: idInput, output: serviceSchema, access: 'user', mutates: false, client: 'none' }),
  'directory.create': defineCall({ input: serviceInputSchema, output: serviceSchema, access: EDITORS, mutates: true, client: 'none' }),
  'directory.update': defineCall({ input: serviceInputSchema.extend({ id: serviceIdSchema }).strict(), output: serviceSchema, access: EDITORS, mutates: true, client: 'none' }),
  /** Hides the entry from the directory; referrals to it keep naming it. */
  'directory.remove': defineCall({ input: idInput, output: serviceSchema, access: EDITORS, mutates: true, client: 'none' }),
  /** Step 1 of an import: reads and checks the file, writes nothing. */
  'directory.previewImport': defineCall({ input: directoryFileInputSchema, output: importPreviewSchema, access: EDITORS, mutates: false, client: 'none' }),
  /** Step 2, after the user has seen the preview: imports the valid rows in one transaction; bad rows are skipped. */
  'directory.confirmImport': defineCall({
    input: directoryFileInputSchema,
    output: z.object({ created: z.number().int(), updated: z.number().int(), errors: z.array(importRowErrorSchema) }),
    access: EDITORS,
    mutates: true,
    client: 'none',
  }),
  /** The directory (optionally filtered) as a file to share with other organisations. */
  'directory.export': defineCall({
    input: z
      .object({ format: directoryFileFormatSchema, regionId: z.string().min(1).max(64).nullable().default(null), type: serviceTypeSchema.nullable().default(null) })
      .strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string(), count: z.number().int() }),
    access: 'user',
    mutates: false,
    client: 'none',
  }),
};
