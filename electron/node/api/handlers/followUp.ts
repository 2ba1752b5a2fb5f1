import { apiError } from '../../../../shared/api';
import type { followUpCalls } from '../../../../shared/api/calls/followUp';
import type { HandlersFor } from './types';
import { clientForChange, clientForRead, clockOf } from '../../plan/access';
import { readFollowUps, upsertFollowUp } from '../../plan/followUpRepository';

export const followUpHandlers: HandlersFor<typeof followUpCalls> = {
  'followUp.list': (input, { backend }) => {
    const ctx = backend.userContext();
    const client = clientForRead(ctx, input.clientId);
    ctx.audit({ action: 'followUp.read', entityType: 'client', entityId: client.id });
    return readFollowUps(ctx.db, client.id, client.actualRelease, clockOf(ctx).today);
  },

  'followUp.record': (input, { backend }) => {
    const ctx = backend.userContext();
    const { clientId, ...fields } = input;
    const client = clientForChange(ctx, clientId);
    const { now, today } = clockOf(ctx);
    if (!client.actualRelease) {
      throw apiError('REFUSED', 'Enter the actual release date first: the follow-up schedule counts from it.', 'errors.followUpNotReleased');
    }
    if (fields.contactedOn < client.actualRelease) {
      throw apiError('REFUSED', 'A follow-up contact cannot be before the release date.', 'errors.followUpBeforeRelease', { release: client.actualRelease });
    }
    if (fields.contactedOn > today) throw apiError('REFUSED', 'A follow-up contact cannot be recorded in the future.', 'errors.followUpInFuture');
    const scheduled = readFollowUps(ctx.db, client.id, client.actualRelease, today).followUps.find((f) => f.milestone === fields.milestone)!;
    ctx.change({ action: 'followUp.recorded', entityType: 'client', entityId: client.id, details: { milestone: fields.milestone, reached: fields.reached } }, (tx) =>
      upsertFollowUp(tx, client.id, scheduled.dueDate, fields, { userId: ctx.user.id, now }),
    );
    return readFollowUps(ctx.db, client.id, client.actualRelease, today).followUps.find((f) => f.milestone === fields.milestone)!;
  },
};
