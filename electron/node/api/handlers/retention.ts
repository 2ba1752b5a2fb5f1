import type { retentionCalls } from '../../../../shared/api/calls/retention';
import type { HandlersFor } from './types';
import { closedCasesDue, eraseClient, readRetentionMonths, writeRetentionMonths } from '../../retention/retentionService';

export const retentionHandlers: HandlersFor<typeof retentionCalls> = {
  'retention.review': (_input, { backend }) => {
    const ctx = backend.userContext();
    const today = new Date(backend.now()).toISOString().slice(0, 10);
    const retentionMonths = readRetentionMonths(ctx.db);
    const due = closedCasesDue(ctx.db, today, retentionMonths);
    ctx.audit({ action: 'retention.reviewed', details: { retentionMonths, due: due.length } });
    return { retentionMonths, today, due };
  },
  'retention.setMonths': (input, { backend }) => {
    const ctx = backend.userContext();
    ctx.change({ action: 'settings.updated', details: { retentionMonths: input.months } }, (tx) => writeRetentionMonths(tx, input.months));
    return { retentionMonths: input.months };
  },
  'retention.erase': (input, { backend }) => eraseClient(backend.userContext(), input),
};
