import type { retentionCalls } from '../../../../shared/api/calls/retention';
import type { HandlersFor } from './types';
import { closedCasesDue, eraseClient, readRetentionMonths, writeRetentionMonths } from '../../retention/retentionService';

export const retentionHandlers: HandlersFor<typeof retentionCalls> = {
  'retention.review': (_input, ctx) => {
    const retentionMonths = readRetentionMonths(ctx.db);
    const due = closedCasesDue(ctx.db, ctx.today, retentionMonths);
    ctx.audit({ action: 'retention.reviewed', details: { retentionMonths, due: due.length } });
    return { retentionMonths, today: ctx.today, due };
  },
  'retention.setMonths': (input, ctx) => {
    ctx.change({ action: 'settings.updated', details: { retentionMonths: input.months } }, (tx) => writeRetentionMonths(tx, input.months));
    return { retentionMonths: input.months };
  },
  'retention.erase': (input, ctx) => eraseClient(ctx, input),
};
