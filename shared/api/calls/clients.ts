import { z } from 'zod';
import { defineCall } from '../contract';
import { caseloadPageSchema, caseloadQuerySchema } from '../../schemas/caseload';
import { clientCodeSchema, clientCreateSchema, clientFieldsObject, clientSchema, clientStatusSchema, checkClientDates, duplicateSchema } from '../../schemas/client';
import { referenceItemSchema, referenceKindSchema, referenceNameSchema } from '../../schemas/reference';

const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const idInput = z.object({ id: z.string().min(1).max(64) }).strict();

/**
 * The client fields without their defaults: zod applies a default even inside `.optional()`, so a partial
 * update built from the defaulted shape would reset every field the caller did not send.
 */
const clientFieldsWithoutDefaults = z.object(
  Object.fromEntries(Object.entries(clientFieldsObject.shape).map(([k, s]) => [k, s instanceof z.ZodDefault ? s.removeDefault() : s])) as {
    [K in keyof typeof clientFieldsObject.shape]: (typeof clientFieldsObject.shape)[K] extends z.ZodDefault<infer T> ? T : (typeof clientFieldsObject.shape)[K];
  },
);

/** Editing: every field optional, the revision the form was loaded from required (no silent overwrite). */
export const clientUpdateSchema = clientFieldsWithoutDefaults
  .omit({ assignedWorkerId: true, status: true })
  .partial()
  .extend({ id: z.string().min(1).max(64), revision: z.number().int().min(1) })
  .strict()
  .superRefine(checkClientDates);
export type ClientUpdate = z.input<typeof clientUpdateSchema>;

export const clientsCalls = {
  /** The caseload page (W2). Non-admins always get their own caseload. */
  'clients.caseload': defineCall({ input: caseloadQuerySchema, output: caseloadPageSchema, access: STAFF, mutates: false, client: 'none' }),
  /** The full client record; every read is audited. */
  'clients.get': defineCall({ input: idInput, output: clientSchema, access: STAFF, mutates: false, client: { access: 'read', from: 'id' } }),
  'clients.suggestCode': defineCall({ input: z.object({}).strict(), output: z.object({ code: z.string() }), access: STAFF, mutates: false, client: 'none' }),
  /** Possible duplicates for a registration in progress (same code, or same name and date of birth). */
  'clients.checkDuplicates': defineCall({
    input: z
      .object({ code: clientCodeSchema.optional(), firstName: z.string().trim().min(1).max(100), lastName: z.string().trim().min(1).max(100), dateOfBirth: z.iso.date(), excludeId: z.string().max(64).optional() })
      .strict(),
    output: z.array(duplicateSchema),
    access: STAFF,
    mutates: false,
    client: 'none',
  }),
  /**
   * Registers a client. A client with the same code is refused; one with the same name and date of birth
   * is refused unless `confirmDuplicate` says the worker has seen the warning (two people can share both).
   */
  'clients.create': defineCall({
    input: z.object({ client: clientCreateSchema, confirmDuplicate: z.boolean().default(false) }).strict(),
    output: clientSchema,
    access: STAFF,
    mutates: true,
    client: 'none',
  }),
  'clients.update': defineCall({ input: clientUpdateSchema, output: clientSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'id' } }),
  'clients.setStatus': defineCall({
    input: idInput.extend({ status: clientStatusSchema, revision: z.number().int().min(1) }).strict(),
    output: clientSchema,
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'id' },
  }),
  /** Moving a client to another worker's caseload: admins, or the worker who holds the case. */
  'clients.reassign': defineCall({
    input: idInput.extend({ workerId: z.string().min(1).max(64), revision: z.number().int().min(1) }).strict(),
    output: clientSchema,
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'id' },
  }),
};

export const referenceCalls = {
  'reference.list': defineCall({
    input: z.object({ kind: referenceKindSchema, includeInactive: z.boolean().default(false) }).strict(),
    output: z.array(referenceItemSchema),
    access: 'user',
    mutates: false,
    client: 'none',
  }),
  'reference.create': defineCall({
    input: z.object({ kind: referenceKindSchema, name: referenceNameSchema }).strict(),
    output: referenceItemSchema,
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
  'reference.update': defineCall({
    input: idInput.extend({ name: referenceNameSchema.optional(), active: z.boolean().optional() }).strict(),
    output: referenceItemSchema,
    access: ['admin'],
    mutates: true,
    client: 'none',
  }),
};
