import { apiError } from '../../../../shared/api';
import type { referralsCalls } from '../../../../shared/api/calls/referrals';
import type { HandlersFor } from './types';
import type { UserContext } from '../../backend';
import { assertClientReadable, assertClientWritable } from '../../clients/clientRepository';
import { getService } from '../../directory/serviceRepository';
import { deleteReferral, getReferral, insertReferral, listReferrals, updateReferralRow } from '../../directory/referralRepository';

/** Only a client in one's caseload, and only while the case is held here (a handed-over case is read-only). */
function writableClient(ctx: UserContext, clientId: string): void {
  assertClientReadable(ctx.db, ctx.user, clientId);
  assertClientWritable(ctx.db, clientId);
}

/** New referrals go to services still in the directory; an existing referral may keep a removed one. */
function assertReferable(ctx: UserContext, serviceId: string, currentServiceId?: string): void {
  const service = getService(ctx.db, serviceId);
  if (service.removedAt && serviceId !== currentServiceId) {
    throw apiError('REFUSED', 'The service was removed from the directory; it cannot be referred to.', 'errors.serviceRemoved');
  }
}

// Audited against the client (entity = client id), so the client's history lists them; details: ids and codes.
export const referralsHandlers: HandlersFor<typeof referralsCalls> = {
  'referrals.list': (input, { backend }) => {
    const ctx = backend.userContext();
    assertClientReadable(ctx.db, ctx.user, input.clientId);
    ctx.audit({ action: 'referrals.read', entityType: 'client', entityId: input.clientId });
    return listReferrals(ctx.db, input.clientId);
  },

  'referrals.create': (input, { backend }) => {
    const ctx = backend.userContext();
    const { clientId, ...fields } = input;
    writableClient(ctx, clientId);
    assertReferable(ctx, fields.serviceId);
    const id = ctx.change(
      { action: 'referral.created', entityType: 'client', entityId: clientId, details: { serviceId: fields.serviceId, status: fields.status, appointment: fields.appointmentAt !== null } },
      (tx) => insertReferral(tx, clientId, fields, ctx.user.id, new Date(backend.now())),
    );
    return getReferral(ctx.db, id);
  },

  'referrals.update': (input, { backend }) => {
    const ctx = backend.userContext();
    const { id, ...fields } = input;
    const current = getReferral(ctx.db, id);
    writableClient(ctx, current.clientId);
    assertReferable(ctx, fields.serviceId, current.serviceId);
    ctx.change(
      {
        action: 'referral.updated',
        entityType: 'client',
        entityId: current.clientId,
        details: { referralId: id, serviceId: fields.serviceId, from: current.status, to: fields.status, appointment: fields.appointmentAt !== null },
      },
      (tx) => updateReferralRow(tx, id, fields, new Date(backend.now())),
    );
    return getReferral(ctx.db, id);
  },

  'referrals.remove': (input, { backend }) => {
    const ctx = backend.userContext();
    const current = getReferral(ctx.db, input.id);
    writableClient(ctx, current.clientId);
    ctx.change({ action: 'referral.removed', entityType: 'client', entityId: current.clientId, details: { referralId: input.id, status: current.status } }, (tx) =>
      deleteReferral(tx, input.id),
    );
    return {};
  },
};
