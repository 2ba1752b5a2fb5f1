import { z } from 'zod';
import { defineCall } from '../contract';
import { auditActionSchema, auditEntrySchema, auditVerifyResultSchema } from '../../schemas/audit';

export const auditFilterSchema = z
  .object({
    action: auditActionSchema.optional(),
    actorId: z.string().max(64).optional(),
    entityId: z.string().max(64).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const auditCalls = {
  'audit.list': defineCall({
    input: auditFilterSchema,
    output: z.object({ entries: z.array(auditEntrySchema), nextBeforeSeq: z.number().int().nullable() }),
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
  'audit.verify': defineCall({
    input: z.object({}).strict(),
    output: auditVerifyResultSchema,
    access: ['admin'],
    mutates: false,
    client: 'none',
  }),
};
