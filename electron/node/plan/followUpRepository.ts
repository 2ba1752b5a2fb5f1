import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { followUpSchedule, followUpState } from '../../../shared/plan';
import type { FollowUp, FollowUpRecordFields, FollowUpSchedule } from '../../../shared/schemas/followUp';
import type { Db } from '../store/open';
import { followUps, users } from '../store/schema';

type Row = typeof followUps.$inferSelect;

function toRecord(r: Row, updatedByName: string | null): NonNullable<FollowUp['record']> {
  return {
    id: r.id,
    reached: r.reached,
    contactedOn: r.contactedOn,
    housing: r.housing,
    employment: r.employment,
    substanceUse: r.substanceUse,
    treatmentAttendance: r.treatmentAttendance,
    rearrest: r.rearrest,
    overdose: r.overdose,
    note: r.note,
    updatedAt: r.updatedAt,
    updatedByName,
  };
}

/**
 * The follow-up schedule of a client: computed from the actual release date (so it exists as soon as that
 * date is entered and moves with it), merged with the recorded contacts.
 */
export function readFollowUps(db: Db, clientId: string, actualRelease: string | null, today: string): FollowUpSchedule {
  if (!actualRelease) return { clientId, today, actualRelease: null, followUps: [], missed: 0 };
  const recorded = new Map(
    db
      .select({ f: followUps, name: users.displayName })
      .from(followUps)
      .leftJoin(users, eq(users.id, followUps.updatedBy))
      .where(eq(followUps.clientId, clientId))
      .all()
      .map(({ f, name }) => [f.milestone, toRecord(f, name)] as const),
  );
  const list: FollowUp[] = followUpSchedule(actualRelease).map((s) => {
    const record = recorded.get(s.milestone) ?? null;
    return { ...s, state: followUpState(s, record !== null, today), record };
  });
  return { clientId, today, actualRelease, followUps: list, missed: list.filter((f) => f.state === 'missed').length };
}

/** Records or corrects one milestone (one row per client and milestone). Returns whether it was a correction. */
export function upsertFollowUp(db: Db, clientId: string, dueDate: string, f: FollowUpRecordFields, who: { userId: string; now: Date }): { id: string; corrected: boolean } {
  const at = who.now.toISOString();
  const existing = db.select().from(followUps).where(and(eq(followUps.clientId, clientId), eq(followUps.milestone, f.milestone))).get();
  const values = {
    dueDate,
    reached: f.reached,
    contactedOn: f.contactedOn,
    housing: f.housing,
    employment: f.employment,
    substanceUse: f.substanceUse,
    treatmentAttendance: f.treatmentAttendance,
    rearrest: f.rearrest,
    overdose: f.overdose,
    note: f.note || null,
    updatedAt: at,
    updatedBy: who.userId,
  };
  if (existing) {
    db.update(followUps).set(values).where(eq(followUps.id, existing.id)).run();
    return { id: existing.id, corrected: true };
  }
  const id = randomUUID();
  db.insert(followUps).values({ id, clientId, milestone: f.milestone, ...values, createdAt: at, createdBy: who.userId }).run();
  return { id, corrected: false };
}
