import { apiError } from '../../../../shared/api';
import type { referralsCalls } from '../../../../shared/api/calls/referrals';
import type { HandlersFor } from './types';
import type { WriteDb } from '../context';
import { getService } from '../../directory/serviceRepository';
import { deleteReferral, getReferral, insertReferral, listReferrals, updateReferralRow } from '../../directory/referralRepository';

/** New referrals go to services still in the directory; an existing referral may keep a removed one. */
function assertReferable(db: WriteDb, serviceId: string, currentServiceId?: string): void {
  const service = getService(db, serviceId);
  if (service.removedAt && serviceId !== currentServiceId) {
    throw apiError('REFUSED', 'The service was removed from the directory; it cannot be referred to.', 'errors.serviceRemoved');
  }
}

// The dispatcher resolved each call's client (from the referral for update/remove) and checked reach and custody.
// Audited against the client (entity = client id), so the client's history lists them; details: ids and codes.
export const referralsHandlers: HandlersFor<typeof referralsCalls> = {
  'referrals.list': (_input, ctx) => {
    ctx.audit({ action: 'referrals.read', entityType: 'client', entityId: ctx.client.id });
    return listReferrals(ctx.db, ctx.client.id);
  },

  'referrals.create': (input, ctx) => {
    const { clientId: _clientId, ...fields } = input;
    const clientId = ctx.client.id;
    assertReferable(ctx.db, fields.serviceId);
    const id = ctx.change(
      { action: 'referral.created', entityType: 'client', entityId: clientId, details: { serviceId: fields.serviceId, status: fields.status, appointment: fields.appointmentAt !== null } },
      (tx) => insertReferral(tx, clientId, fields, ctx.user.id, ctx.now),
    );
    return getReferral(ctx.db, id);
  },

  'referrals.update': (input, ctx) => {
    const { id, ...fields } = input;
    const current = getReferral(ctx.db, id);
    assertReferable(ctx.db, fields.serviceId, current.serviceId);
    ctx.change(
      {
        action: 'referral.updated',
        entityType: 'client',
        entityId: current.clientId,
        details: { referralId: id, serviceId: fields.serviceId, from: current.status, to: fields.status, appointment: fields.appointmentAt !== null },
      },
      (tx) => updateReferralRow(tx, id, fields, ctx.now),
    );
    return getReferral(ctx.db, id);
  },

  'referrals.remove': (input, ctx) => {
    const current = getReferral(ctx.db, input.id);
    ctx.change({ action: 'referral.removed', entityType: 'client', entityId: current.clientId, details: { referralId: input.id, status: current.status } }, (tx) =>
      deleteReferral(tx, input.id),
    );
    return {};
  },
};
