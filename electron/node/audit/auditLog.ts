import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { asc, desc, eq, and, lt, gte, lte } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/audit/auditActions';
import type { Db } from '../store/open';
import { auditHead, auditLog } from '../store/schema';
import type { AuditAnchorStatus, AuditEntry, AuditVerifyResult } from '../../../shared/schemas/audit';

/** The chain's head as recorded outside the database (in the key-slot file). */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actorId: string | null;
  actorName: string | null;
  /** One of shared/audit/auditActions.ts, each of which has a readable sentence in both languages. */
  action: AuditAction;
  entityType?: string | null;
  entityId?: string | null;
  /** Ids, counts and codes only — never names, notes or other personal data. */
  details?: Record<string, string | number | boolean | null>;
}

type Row = typeof auditLog.$inferSelect;

function entryHash(row: Omit<Row, 'hash'>): string {
  const { seq, at, actorId, actorName, action, entityType, entityId, details, prevHash } = row;
  const canonical = canonicalize({ seq, at, actorId, actorName, action, entityType, entityId, details: JSON.parse(details), prevHash }) ?? '';
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** An entry whose details are no longer valid JSON has been altered: it cannot match its hash. */
function safeEntryHash(row: Omit<Row, 'hash'>): string | null {
  try {
    return entryHash(row);
  } catch {
    return null;
  }
}

/**
 * Appends one entry. Call it inside the transaction of the change it records, so both commit or neither.
 * The row and the head always commit together: called outside a transaction it opens its own (inside one,
 * better-sqlite3 makes it a savepoint), so a kill or a busy database can never leave the head behind the log.
 */
export function appendAudit(db: Db, event: AuditEvent, at: Date = new Date()): void {
  db.transaction((tx) => appendInTransaction(tx, event, at));
}

function appendInTransaction(db: Db, event: AuditEvent, at: Date): void {
  const head = db.select().from(auditHead).where(eq(auditHead.id, 1)).get();
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const row = {
    seq,
    at: at.toISOString(),
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    details: JSON.stringify(event.details ?? {}),
    prevHash,
  };
  const hash = entryHash(row);
  db.insert(auditLog).values({ ...row, hash }).run();
  db.insert(auditHead)
    .values({ id: 1, seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } })
    .run();
}

export function toAuditEntry(row: Row): AuditEntry {
  return { ...row, details: JSON.parse(row.details) as AuditEntry['details'] };
}

/** Walks the chain from the first entry; reports the first entry whose hash or link does not hold. */
export function verifyAudit(db: Db, anchor: AuditAnchor | null = null): AuditVerifyResult {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const rows = db.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, count, brokenAt: expectedSeq, reason: 'missingEntry' };
    if (row.prevHash !== prevHash) return { ok: false, count, brokenAt: row.seq, reason: 'linkBroken' };
    if (safeEntryHash(row) !== row.hash) return { ok: false, count, brokenAt: row.seq, reason: 'hashMismatch' };
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = db.select().from(auditHead).where(eq(auditHead.id, 1)).get();
  if (head && (head.seq !== count || head.hash !== prevHash)) {
    return { ok: false, count, brokenAt: Math.min(head.seq, count + 1), reason: head.seq > count ? 'missingEntry' : 'headMismatch' };
  }
  const against = compareWithAnchor(db, anchor);
  if (against.state === 'lost') return { ok: false, count, brokenAt: count + 1, reason: 'historyLost', missing: against.missing };
  if (against.state === 'replaced') return { ok: false, count, brokenAt: anchor!.seq, reason: 'historyReplaced' };
  return { ok: true, count, headHash: prevHash };
}

/**
 * The head recorded outside the database (at the last clean lock or close) against the chain inside it.
 * A head past the anchor is normal (work since, or a kill before the close); only a head short of the anchor,
 * or a different entry at the anchor's place, means acknowledged history is gone.
 */
export function compareWithAnchor(db: Db, anchor: AuditAnchor | null): AuditAnchorStatus {
  if (!anchor) return { state: 'unknown', missing: 0, anchorSeq: null };
  const head = auditHeadOf(db);
  if (head.seq < anchor.seq) return { state: 'lost', missing: anchor.seq - head.seq, anchorSeq: anchor.seq };
  if (anchor.seq === 0) return { state: 'ok', missing: 0, anchorSeq: 0 };
  const at = db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, anchor.seq)).get();
  if (at?.hash !== anchor.hash) {
    // Work went on after the loss was found: the entry recording it says what was lost, and still counts.
    const recorded = db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'audit.historyLost')).orderBy(desc(auditLog.seq)).all()
      .map((r) => JSON.parse(r.details) as { missing?: number; anchorSeq?: number; state?: string })
      .find((d) => d.anchorSeq === anchor.seq);
    if (recorded?.state === 'lost') return { state: 'lost', missing: recorded.missing ?? 0, anchorSeq: anchor.seq };
    return { state: 'replaced', missing: 0, anchorSeq: anchor.seq };
  }
  return { state: 'ok', missing: 0, anchorSeq: anchor.seq };
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export function listAudit(db: Db, f: AuditFilter): { entries: AuditEntry[]; nextBeforeSeq: number | null } {
  const conditions = [
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lte(auditLog.at, `${f.to}T23:59:59.999Z`) : undefined,
    f.beforeSeq ? lt(auditLog.seq, f.beforeSeq) : undefined,
  ].filter((c) => c !== undefined);
  const rows = db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(f.limit + 1)
    .all();
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  return { entries: page.map(toAuditEntry), nextBeforeSeq: more ? (page.at(-1)?.seq ?? null) : null };
}

export function auditActions(db: Db): string[] {
  return db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)).all().map((r) => r.action);
}

export function auditHeadOf(db: Db): { seq: number; hash: string } {
  const head = db.select().from(auditHead).where(eq(auditHead.id, 1)).get();
  return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
}

