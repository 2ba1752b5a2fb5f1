import { and, desc, eq, like, notLike, or } from 'drizzle-orm';
import type { PlanHistoryEntry } from '../../../shared/api/calls/plan';
import type { Db } from '../store/open';
import { auditLog, users } from '../store/schema';

/**
 * Who changed what in a client's plan, contact log and follow-up, newest first — straight from the audit log,
 * so the history cannot disagree with the trail. Reads are left out; details carry ids and field names only.
 */
export function planHistory(db: Db, clientId: string, limit: number): PlanHistoryEntry[] {
  return db
    .select({ seq: auditLog.seq, at: auditLog.at, actorName: users.displayName, actorUsername: auditLog.actorName, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.entityType, 'client'),
        eq(auditLog.entityId, clientId),
        or(like(auditLog.action, 'plan.%'), like(auditLog.action, 'contactLog.%'), like(auditLog.action, 'followUp.%')),
        notLike(auditLog.action, '%.read'),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(limit)
    .all()
    .map((r) => ({ seq: r.seq, at: r.at, actorName: r.actorName ?? r.actorUsername, action: r.action, details: JSON.parse(r.details) as PlanHistoryEntry['details'] }));
}
