import { randomUUID } from 'node:crypto';
import { apiError } from '../../../../shared/api';
import type { assessmentsCalls } from '../../../../shared/api/calls/assessments';
import { compareAssessments } from '../../../../shared/assessments/compare';
import type { Assessment } from '../../../../shared/schemas/assessment';
import type { HandlersFor } from './types';
import type { UserContext } from '../../backend';
import { assertClientReadable, assertClientWritable } from '../../clients/clientRepository';
import {
  assessmentForChange,
  deleteAssessment,
  findAssessment,
  insertAssessment,
  listAssessments,
  updateAssessmentContent,
} from '../../assessments/assessmentRepository';
import { findScreening, insertScreening, listScreenings } from '../../assessments/screeningRepository';

/** An assessment the user may see: it exists and its client is in the user's caseload (else NOT_FOUND). */
function readableAssessment(ctx: UserContext, id: string): Assessment {
  const assessment = findAssessment(ctx.db, id);
  if (!assessment) throw apiError('NOT_FOUND', 'No such assessment.', 'errors.assessmentNotFound');
  assertClientReadable(ctx.db, ctx.user, assessment.clientId);
  return assessment;
}

/** A change to a client's data: visible to the user and not handed over (read-only). */
function writableClient(ctx: UserContext, clientId: string): void {
  assertClientReadable(ctx.db, ctx.user, clientId);
  assertClientWritable(ctx.db, clientId);
}

export const assessmentsHandlers: HandlersFor<typeof assessmentsCalls> = {
  'assessments.list': (input, { backend }) => {
    const ctx = backend.userContext();
    assertClientReadable(ctx.db, ctx.user, input.clientId);
    const list = listAssessments(ctx.db, input.clientId);
    ctx.audit({ action: 'assessment.listed', entityType: 'client', entityId: input.clientId, details: { count: list.length } });
    return list;
  },

  'assessments.get': (input, { backend }) => {
    const ctx = backend.userContext();
    const assessment = readableAssessment(ctx, input.id);
    ctx.audit({ action: 'assessment.read', entityType: 'assessment', entityId: assessment.id, details: { clientId: assessment.clientId } });
    return assessment;
  },

  'assessments.create': (input, { backend }) => {
    const ctx = backend.userContext();
    writableClient(ctx, input.clientId);
    const basedOn = input.prefillFromId ? readableAssessment(ctx, input.prefillFromId) : null;
    if (basedOn && basedOn.clientId !== input.clientId) {
      throw apiError('REFUSED', 'An assessment can only be prefilled from an assessment of the same client.', 'errors.assessmentOtherClient');
    }
    const id = randomUUID();
    ctx.change(
      { action: 'assessment.created', entityType: 'assessment', entityId: id, details: { clientId: input.clientId, kind: input.kind, prefilledFrom: basedOn?.id ?? null } },
      (tx) => insertAssessment(tx, { clientId: input.clientId, kind: input.kind, assessedOn: input.assessedOn, authorId: ctx.user.id, basedOn }, new Date(backend.now()), id),
    );
    return findAssessment(ctx.db, id)!;
  },

  'assessments.save': (input, { backend }) => {
    const ctx = backend.userContext();
    const current = readableAssessment(ctx, input.id);
    writableClient(ctx, current.clientId);
    assessmentForChange(ctx.db, input.id, input.revision);
    ctx.change({ action: 'assessment.updated', entityType: 'assessment', entityId: current.id, details: { clientId: current.clientId } }, (tx) =>
      updateAssessmentContent(tx, current, input, new Date(backend.now())),
    );
    return findAssessment(ctx.db, current.id)!;
  },

  'assessments.complete': (input, { backend }) => {
    const ctx = backend.userContext();
    const current = readableAssessment(ctx, input.id);
    writableClient(ctx, current.clientId);
    assessmentForChange(ctx.db, input.id, input.revision);
    ctx.change(
      { action: 'assessment.completed', entityType: 'assessment', entityId: current.id, details: { clientId: current.clientId, kind: current.kind } },
      (tx) => updateAssessmentContent(tx, current, input, new Date(backend.now()), ctx.user.id),
    );
    return findAssessment(ctx.db, current.id)!;
  },

  'assessments.discard': (input, { backend }) => {
    const ctx = backend.userContext();
    const current = readableAssessment(ctx, input.id);
    writableClient(ctx, current.clientId);
    assessmentForChange(ctx.db, input.id, input.revision);
    ctx.change({ action: 'assessment.discarded', entityType: 'assessment', entityId: current.id, details: { clientId: current.clientId, kind: current.kind } }, (tx) =>
      deleteAssessment(tx, current.id),
    );
    return {};
  },

  'assessments.compare': (input, { backend }) => {
    const ctx = backend.userContext();
    const before = readableAssessment(ctx, input.beforeId);
    const after = readableAssessment(ctx, input.afterId);
    if (before.clientId !== after.clientId) {
      throw apiError('REFUSED', 'Only assessments of the same client can be compared.', 'errors.assessmentOtherClient');
    }
    ctx.audit({ action: 'assessment.compared', entityType: 'client', entityId: before.clientId, details: { beforeId: before.id, afterId: after.id } });
    return { before, after, comparison: compareAssessments(before.content, after.content) };
  },

  'screenings.list': (input, { backend }) => {
    const ctx = backend.userContext();
    assertClientReadable(ctx.db, ctx.user, input.clientId);
    const list = listScreenings(ctx.db, input.clientId);
    ctx.audit({ action: 'screening.read', entityType: 'client', entityId: input.clientId, details: { count: list.length } });
    return list;
  },

  'screenings.record': (input, { backend }) => {
    const ctx = backend.userContext();
    writableClient(ctx, input.clientId);
    // Which instrument was given is recorded; the score is health data and stays out of the audit log.
    const id = randomUUID();
    ctx.change({ action: 'screening.recorded', entityType: 'screening', entityId: id, details: { clientId: input.clientId, instrumentId: input.instrumentId } }, (tx) =>
      insertScreening(tx, { ...input, authorId: ctx.user.id }, new Date(backend.now()), id),
    );
    return findScreening(ctx.db, id)!;
  },
};
