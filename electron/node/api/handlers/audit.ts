import type { auditCalls } from '../../../../shared/api/calls/audit';
import type { HandlersFor } from './types';
import { auditActions, listAudit, verifyAudit } from '../../audit/auditLog';

export const auditHandlers: HandlersFor<typeof auditCalls> = {
  'audit.list': (input, ctx) => listAudit(ctx.db, input),
  'audit.actions': (_input, ctx) => auditActions(ctx.db),
  'audit.verify': (_input, ctx) => {
    // Against the anchor found at unlock too: a chain cut cleanly at its end is not intact.
    const result = verifyAudit(ctx.db, ctx.installation.auditAnchor());
    ctx.audit({ action: 'audit.verified', details: { ok: result.ok, count: result.count } });
    return result;
  },
};
