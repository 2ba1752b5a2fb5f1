import { z } from 'zod';
import { defineCall } from '../contract';
import { auditActionSchema, auditVerifyResultSchema, readableAuditEntrySchema } from '../../schemas/audit';

export const auditFilterSchema = z
  .object({
    action: auditActionSchema.optional(),
    actorId: z.string().max(64).optional(),
    entityId: z.string().max(64).optional(),
    /** Entries about this client (its record, assessments, screenings), by the code users know it by. */
    clientCode: z.string().trim().min(1).max(64).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The most rows one CSV export holds; a longer log is exported in date ranges. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export const auditCalls = {
  'audit.list': defineCall({
    input: auditFilterSchema,
    output: z.object({ entries: z.array(readableAuditEntrySchema), nextBeforeSeq: z.number().int().nullable() }),
    access: ['admin'],
    mutates: false,
    client: 'none',
  }),
  'audit.actions': defineCall({
    input: z.object({}).strict(),
    output: z.array(z.string()),
    access: ['admin'],
    mutates: false,
    client: 'none',
  }),
  /** The filtered log as a CSV an auditor opens in Czech Excel (UTF-8 with BOM, `;`); the export is itself audited. */
  'audit.export': defineCall({
    input: auditFilterSchema.omit({ beforeSeq: true, limit: true }).extend({ language: z.enum(['cs', 'en']) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string(), rows: z.number().int() }),
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
  'audit.verify': defineCall({
    input: z.object({}).strict(),
    output: auditVerifyResultSchema,
    access: ['admin'],
    mutates: false,
    client: 'none',
  }),
};
