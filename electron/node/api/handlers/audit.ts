import type { auditCalls } from '../../../../shared/api/calls/audit';
import type { HandlersFor } from './types';
import { auditActions, listAudit, verifyAudit } from '../../audit/auditLog';

export const auditHandlers: HandlersFor<typeof auditCalls> = {
  'audit.list': (input, { backend }) => listAudit(backend.userContext().db, input),
  'audit.actions': (_input, { backend }) => auditActions(backend.userContext().db),
  'audit.verify': (_input, { backend }) => {
    const ctx = backend.userContext();
    // Against the anchor found at unlock too: a chain cut cleanly at its end is not intact.
    const result = verifyAudit(ctx.db, ctx.session.anchor);
    ctx.audit({ action: 'audit.verified', details: { ok: result.ok, count: result.count } });
    return result;
  },
};
