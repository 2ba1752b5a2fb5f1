import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { findInstrument, scoreInstrument, type ScreenedSex } from '../../../shared/instruments';
import type { Screening } from '../../../shared/schemas/screening';
import type { Db } from '../store/open';
import { screenings, users } from '../store/schema';

function selectScreenings(db: Db) {
  return db.select({ s: screenings, authorName: users.displayName }).from(screenings).innerJoin(users, eq(users.id, screenings.authorId));
}

function toScreening({ s, authorName }: { s: typeof screenings.$inferSelect; authorName: string }): Screening {
  const { authorId, answers, ...rest } = s;
  return { ...rest, answers: JSON.parse(answers) as Record<string, string>, author: { id: authorId, name: authorName } };
}

export function findScreening(db: Db, id: string): Screening | undefined {
  const row = selectScreenings(db).where(eq(screenings.id, id)).get();
  return row ? toScreening(row) : undefined;
}

/** Oldest first: the order of the chart and of the table read as a history. */
export function listScreenings(db: Db, clientId: string): Screening[] {
  return selectScreenings(db)
    .where(eq(screenings.clientId, clientId))
    .orderBy(asc(screenings.administeredOn), asc(screenings.createdAt))
    .all()
    .map(toScreening);
}

/**
 * Scores the answers from the instrument definition and stores them with the total and zone, so that a
 * later change of the definition (a new version) does not silently change recorded results.
 */
export function insertScreening(
  db: Db,
  values: { clientId: string; instrumentId: string; administeredOn: string; sex: ScreenedSex; answers: Record<string, string>; notes: string; authorId: string },
  now: Date,
  id: string = randomUUID(),
): string {
  const def = findInstrument(values.instrumentId);
  if (!def) throw new Error(`unknown instrument ${values.instrumentId}`); // the input schema already refused it
  const score = scoreInstrument(def, values.answers, values.sex);
  db.insert(screenings)
    .values({
      id,
      clientId: values.clientId,
      instrumentId: def.id,
      instrumentVersion: def.version,
      administeredOn: values.administeredOn,
      sex: values.sex,
      answers: JSON.stringify(values.answers),
      total: score.total,
      zoneId: score.zone?.id ?? null,
      notes: values.notes,
      authorId: values.authorId,
      createdAt: now.toISOString(),
    })
    .run();
  return id;
}
