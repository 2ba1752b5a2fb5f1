import { apiError } from '../../../../shared/api';
import type { followUpCalls } from '../../../../shared/api/calls/followUp';
import type { HandlersFor } from './types';
import { readFollowUps, upsertFollowUp } from '../../plan/followUpRepository';

export const followUpHandlers: HandlersFor<typeof followUpCalls> = {
  'followUp.list': (_input, ctx) => {
    const { client } = ctx;
    ctx.audit({ action: 'followUp.read', entityType: 'client', entityId: client.id });
    return readFollowUps(ctx.db, client.id, client.actualRelease, ctx.today);
  },

  'followUp.record': (input, ctx) => {
    const { clientId: _clientId, ...fields } = input;
    const { client, now, today } = ctx;
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
