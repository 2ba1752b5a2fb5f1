import { apiError } from '../../../../shared/api';
import type { careTeamCalls } from '../../../../shared/api/calls/careTeam';
import { BREAK_GLASS_MINUTES, type CareTeam } from '../../../../shared/schemas/careTeam';
import type { Client } from '../../../../shared/schemas/client';
import type { HandlersFor } from './types';
import type { UserCallContext } from '../context';
import { healthAccessOf } from '../../clients/clientAccess';
import {
  assertMayManageCareTeam,
  checkNewMember,
  deleteCareTeamMember,
  insertCareTeamMember,
  listCareTeam,
  mayManageCareTeam,
} from '../../careTeam/careTeamRepository';

/** The team as the viewer sees it, with the viewer's health right as of this call's clock. */
function teamView(ctx: UserCallContext, client: Client): CareTeam {
  const grants = { until: (id: string) => ctx.installation.healthGrantUntil(id) };
  const health = healthAccessOf(ctx.db, ctx.user, client, grants, ctx.now.getTime());
  const until = health === 'breakGlass' ? ctx.installation.healthGrantUntil(client.id) : undefined;
  return {
    clientId: client.id,
    responsibleWorker: { id: client.assignedWorkerId, displayName: client.assignedWorkerName ?? '' },
    members: listCareTeam(ctx.db, client.id),
    mayManage: mayManageCareTeam(ctx.user, client),
    health,
    breakGlassUntil: until === undefined ? null : new Date(until).toISOString(),
    mayBreakGlass: ctx.user.role === 'admin' && health === 'none',
  };
}

export const careTeamHandlers: HandlersFor<typeof careTeamCalls> = {
  'careTeam.get': (_input, ctx) => teamView(ctx, ctx.client),

  'careTeam.add': (input, ctx) => {
    assertMayManageCareTeam(ctx.user, ctx.client);
    checkNewMember(ctx.db, ctx.client, input.userId);
    ctx.change({ action: 'careTeam.added', entityType: 'client', entityId: ctx.client.id, details: { userId: input.userId } }, (tx) =>
      insertCareTeamMember(tx, ctx.client.id, input.userId, ctx.user.id, ctx.now),
    );
    return teamView(ctx, ctx.client);
  },

  'careTeam.remove': (input, ctx) => {
    assertMayManageCareTeam(ctx.user, ctx.client);
    ctx.change({ action: 'careTeam.removed', entityType: 'client', entityId: ctx.client.id, details: { userId: input.userId } }, (tx) =>
      deleteCareTeamMember(tx, ctx.client.id, input.userId),
    );
    return teamView(ctx, ctx.client);
  },

  'careTeam.breakGlass': (input, ctx) => {
    if (ctx.health !== 'none') {
      throw apiError('REFUSED', 'You can already read the health sections of this client; there is no glass to break.', 'errors.careTeam.breakGlassNotNeeded');
    }
    const until = ctx.now.getTime() + BREAK_GLASS_MINUTES * 60_000;
    // The reason is the point of the entry: who read whose health data, when, why and until when.
    ctx.change(
      { action: 'health.breakGlass', entityType: 'client', entityId: ctx.client.id, details: { reason: input.reason, until: new Date(until).toISOString() } },
      () => undefined,
    );
    ctx.installation.grantHealthAccess(ctx.client.id, until);
    return teamView(ctx, ctx.client);
  },
};
