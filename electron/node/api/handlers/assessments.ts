import { randomUUID } from 'node:crypto';
import { ApiError, apiError } from '../../../../shared/api';
import { keepStoredHealth, needsWithoutHealth, withoutHealth } from '../../../../shared/assessments/health';
import { completionIssues } from '../../../../shared/schemas/assessment';
import type { assessmentsCalls } from '../../../../shared/api/calls/assessments';
import { compareAssessments } from '../../../../shared/assessments/compare';
import type { Assessment } from '../../../../shared/schemas/assessment';
import type { HandlersFor } from './types';
import type { ReadDb, WriteDb } from '../context';
import { reachableClient, type HealthAccess } from '../../clients/clientAccess';
import {
  assessmentForChange,
  deleteAssessment,
  findAssessment,
  insertAssessment,
  listAssessments,
  updateAssessmentContent,
} from '../../assessments/assessmentRepository';
import { findScreening, insertScreening, listScreenings } from '../../assessments/screeningRepository';

/** An assessment of the call's client (the dispatcher checked the client); another client's answers NOT_FOUND. */
function assessmentOf(db: ReadDb | WriteDb, clientId: string, id: string): Assessment {
  const assessment = findAssessment(db, id);
  if (!assessment || assessment.clientId !== clientId) throw apiError('NOT_FOUND', 'No such assessment.', 'errors.assessmentNotFound');
  return assessment;
}

/** An assessment as this user may see it: the health parts stripped for anyone outside the client's care (clientAccess.ts). */
function asSeen<A extends Pick<Assessment, 'needs'> & { content?: Assessment['content'] }>(a: A, health: HealthAccess): A {
  if (health !== 'none') return a;
  return { ...a, needs: needsWithoutHealth(a.needs), ...(a.content ? { content: withoutHealth(a.content) } : {}) };
}

/** What is saved: a user without the right to write health data keeps the stored health parts as they were. */
function contentToSave<I extends { content: Assessment['content'] }>(input: I, stored: Assessment, health: HealthAccess): I {
  return health === 'care' ? input : { ...input, content: keepStoredHealth(input.content, stored.content) };
}

export const assessmentsHandlers: HandlersFor<typeof assessmentsCalls> = {
  'assessments.list': (_input, ctx) => {
    const list = listAssessments(ctx.db, ctx.client.id);
    ctx.audit({ action: 'assessment.listed', entityType: 'client', entityId: ctx.client.id, details: { count: list.length } });
    return list.map((a) => asSeen(a, ctx.health));
  },

  'assessments.get': (input, ctx) => {
    const assessment = assessmentOf(ctx.db, ctx.client.id, input.id);
    ctx.audit({ action: 'assessment.read', entityType: 'assessment', entityId: assessment.id, details: { clientId: assessment.clientId, health: ctx.health } });
    return asSeen(assessment, ctx.health);
  },

  'assessments.create': (input, ctx) => {
    const basedOn = input.prefillFromId ? (findAssessment(ctx.db, input.prefillFromId) ?? null) : null;
    if (input.prefillFromId && !basedOn) throw apiError('NOT_FOUND', 'No such assessment.', 'errors.assessmentNotFound');
    if (basedOn && basedOn.clientId !== ctx.client.id) {
      reachableClient(ctx.db, ctx.user, basedOn.clientId); // another client's record out of reach stays unknown
      throw apiError('REFUSED', 'An assessment can only be prefilled from an assessment of the same client.', 'errors.assessmentOtherClient');
    }
    const id = randomUUID();
    ctx.change(
      { action: 'assessment.created', entityType: 'assessment', entityId: id, details: { clientId: ctx.client.id, kind: input.kind, prefilledFrom: basedOn?.id ?? null } },
      (tx) => insertAssessment(tx, { clientId: ctx.client.id, kind: input.kind, assessedOn: input.assessedOn, authorId: ctx.user.id, basedOn }, ctx.now, id),
    );
    return asSeen(findAssessment(ctx.db, id)!, ctx.health);
  },

  'assessments.save': (input, ctx) => {
    const current = assessmentOf(ctx.db, ctx.client.id, input.id);
    assessmentForChange(ctx.db, input.id, input.revision);
    const toSave = contentToSave(input, current, ctx.health);
    ctx.change({ action: 'assessment.updated', entityType: 'assessment', entityId: current.id, details: { clientId: current.clientId } }, (tx) =>
      updateAssessmentContent(tx, current, toSave, ctx.now),
    );
    return asSeen(findAssessment(ctx.db, current.id)!, ctx.health);
  },

  'assessments.complete': (input, ctx) => {
    const current = assessmentOf(ctx.db, ctx.client.id, input.id);
    assessmentForChange(ctx.db, input.id, input.revision);
    const toSave = contentToSave(input, current, ctx.health);
    // Checked on what is saved: the stored health ratings count for a colleague who does not see them.
    const issues = completionIssues(toSave.content);
    if (issues.length) {
      throw new ApiError({ code: 'VALIDATION', message: 'Some fields are not valid.', messageKey: 'errors.validation', issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) });
    }
    ctx.change(
      { action: 'assessment.completed', entityType: 'assessment', entityId: current.id, details: { clientId: current.clientId, kind: current.kind } },
      (tx) => updateAssessmentContent(tx, current, toSave, ctx.now, ctx.user.id),
    );
    return asSeen(findAssessment(ctx.db, current.id)!, ctx.health);
  },

  'assessments.discard': (input, ctx) => {
    const current = assessmentOf(ctx.db, ctx.client.id, input.id);
    assessmentForChange(ctx.db, input.id, input.revision);
    ctx.change({ action: 'assessment.discarded', entityType: 'assessment', entityId: current.id, details: { clientId: current.clientId, kind: current.kind } }, (tx) =>
      deleteAssessment(tx, current.id),
    );
    return {};
  },

  'assessments.compare': (input, ctx) => {
    const before = assessmentOf(ctx.db, ctx.client.id, input.beforeId);
    const after = findAssessment(ctx.db, input.afterId);
    if (!after) throw apiError('NOT_FOUND', 'No such assessment.', 'errors.assessmentNotFound');
    if (after.clientId !== before.clientId) {
      reachableClient(ctx.db, ctx.user, after.clientId); // another client's record out of reach stays unknown
      throw apiError('REFUSED', 'Only assessments of the same client can be compared.', 'errors.assessmentOtherClient');
    }
    ctx.audit({ action: 'assessment.compared', entityType: 'client', entityId: before.clientId, details: { beforeId: before.id, afterId: after.id } });
    const [b, a] = [asSeen(before, ctx.health), asSeen(after, ctx.health)];
    return { before: b, after: a, comparison: compareAssessments(b.content, a.content) };
  },

  'screenings.list': (_input, ctx) => {
    const list = listScreenings(ctx.db, ctx.client.id);
    ctx.audit({ action: 'screening.read', entityType: 'client', entityId: ctx.client.id, details: { count: list.length } });
    return list;
  },

  'screenings.record': (input, ctx) => {
    // Which instrument was given is recorded; the score is health data and stays out of the audit log.
    const id = randomUUID();
    ctx.change({ action: 'screening.recorded', entityType: 'screening', entityId: id, details: { clientId: ctx.client.id, instrumentId: input.instrumentId } }, (tx) =>
      insertScreening(tx, { ...input, authorId: ctx.user.id }, ctx.now, id),
    );
    return findScreening(ctx.db, id)!;
  },
};
