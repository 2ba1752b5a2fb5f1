import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { apiError } from '../../../shared/api';
import {
  LIFE_DOMAINS,
  assessmentContentSchema,
  emptyAssessmentContent,
  type Assessment,
  type AssessmentContent,
  type AssessmentKind,
  type AssessmentSummary,
} from '../../../shared/schemas/assessment';
import type { Db } from '../store/open';
import { assessments, users } from '../store/schema';

const author = alias(users, 'author');
const completer = alias(users, 'completer');

function selectAssessments(db: Db) {
  return db
    .select({ a: assessments, authorName: author.displayName, completerName: completer.displayName })
    .from(assessments)
    .innerJoin(author, eq(author.id, assessments.authorId))
    .leftJoin(completer, eq(completer.id, assessments.completedById));
}

type Joined = { a: typeof assessments.$inferSelect; authorName: string; completerName: string | null };

/** Stored content read through the schema: fields added since it was written come back empty, not missing. */
function parseContent(json: string): AssessmentContent {
  return assessmentContentSchema.parse(JSON.parse(json));
}

function toAssessment({ a, authorName, completerName }: Joined): Assessment {
  const content = parseContent(a.content);
  const needs = Object.fromEntries(LIFE_DOMAINS.map((d) => [d, (content[d]?.need as number | null | undefined) ?? null]));
  return {
    id: a.id,
    clientId: a.clientId,
    kind: a.kind,
    status: a.status,
    assessedOn: a.assessedOn,
    author: { id: a.authorId, name: authorName },
    completedBy: a.completedById ? { id: a.completedById, name: completerName ?? '' } : null,
    completedAt: a.completedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    basedOnId: a.basedOnId,
    revision: a.revision,
    needs,
    content,
  };
}

export function findAssessment(db: Db, id: string): Assessment | undefined {
  const row = selectAssessments(db).where(eq(assessments.id, id)).get();
  return row ? toAssessment(row) : undefined;
}

/** A client's assessments, newest first, without their content. */
export function listAssessments(db: Db, clientId: string): AssessmentSummary[] {
  return selectAssessments(db)
    .where(eq(assessments.clientId, clientId))
    .orderBy(desc(assessments.assessedOn), desc(assessments.createdAt))
    .all()
    .map((row) => {
      const { content: _content, ...summary } = toAssessment(row);
      return summary;
    });
}

export function insertAssessment(
  db: Db,
  values: { clientId: string; kind: AssessmentKind; assessedOn: string; authorId: string; basedOn: Assessment | null },
  now: Date,
  id: string = randomUUID(),
): string {
  const at = now.toISOString();
  const content = values.basedOn ? values.basedOn.content : emptyAssessmentContent();
  db.insert(assessments)
    .values({
      id,
      clientId: values.clientId,
      kind: values.kind,
      status: 'inProgress',
      assessedOn: values.assessedOn,
      content: JSON.stringify(content),
      basedOnId: values.basedOn?.id ?? null,
      authorId: values.authorId,
      createdAt: at,
      updatedAt: at,
      revision: 1,
    })
    .run();
  return id;
}

/** Writes new content to an assessment in progress; `complete` also closes it for good. */
export function updateAssessmentContent(
  db: Db,
  current: Assessment,
  values: { assessedOn: string; content: AssessmentContent },
  now: Date,
  completeBy?: string,
): void {
  const at = now.toISOString();
  db.update(assessments)
    .set({
      assessedOn: values.assessedOn,
      content: JSON.stringify(values.content),
      updatedAt: at,
      revision: current.revision + 1,
      ...(completeBy ? { status: 'completed' as const, completedById: completeBy, completedAt: at } : {}),
    })
    .where(eq(assessments.id, current.id))
    .run();
}

export function deleteAssessment(db: Db, id: string): void {
  db.delete(assessments).where(eq(assessments.id, id)).run();
}

/** The assessment a change is about: it exists, is still in progress, and the form saw its latest revision. */
export function assessmentForChange(db: Db, id: string, revision: number): Assessment {
  const current = findAssessment(db, id);
  if (!current) throw apiError('NOT_FOUND', 'No such assessment.', 'errors.assessmentNotFound');
  if (current.status === 'completed') {
    throw apiError('REFUSED', 'This assessment is completed and can no longer be changed. Start a review to record changes.', 'errors.assessmentCompleted');
  }
  if (current.revision !== revision) {
    throw apiError('CONFLICT', 'Someone saved this assessment since you opened it. Reload to see the latest version.', 'errors.staleRevision');
  }
  return current;
}
