import { z } from 'zod';

/** `area.verb`, e.g. `client.read`, `session.loginFailed`. Details hold ids and counts, never personal data. */
export const auditActionSchema = z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/);

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: auditActionSchema,
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** An entry with what a reader needs instead of ids: the actor's display name, the client's code, the subject's name. */
export const readableAuditEntrySchema = auditEntrySchema.extend({
  /** The user's current display name; null for entries of no user (failed logins, repairs at unlock). */
  actorDisplayName: z.string().nullable(),
  /** The code of the client the entry is about, while the client exists. */
  clientCode: z.string().nullable(),
  /** The entry is about a client who has since been erased (shown as "smazaný klient", never the old id). */
  clientErased: z.boolean(),
  /** The user, service or trusted contact the entry is about, by name. */
  subjectName: z.string().nullable(),
});
export type ReadableAuditEntry = z.infer<typeof readableAuditEntrySchema>;

export const auditVerifyResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.number().int(), headHash: z.string() }),
  z.object({
    ok: z.literal(false),
    count: z.number().int(),
    brokenAt: z.number().int(),
    reason: z.enum(['hashMismatch', 'linkBroken', 'missingEntry', 'headMismatch', 'historyLost', 'historyReplaced']),
    /** historyLost: how many acknowledged entries (recorded outside the database) the database no longer has. */
    missing: z.number().int().optional(),
  }),
]);

/** The audit chain against its anchor outside the database, as found at unlock (see auditLog.compareWithAnchor). */
export const auditAnchorStatusSchema = z.object({
  state: z.enum(['ok', 'lost', 'replaced', 'unknown']),
  missing: z.number().int(),
  anchorSeq: z.number().int().nullable(),
});
export type AuditAnchorStatus = z.infer<typeof auditAnchorStatusSchema>;
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;
