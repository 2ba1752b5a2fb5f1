import type { auditCalls } from '../../../../shared/api/calls/audit';
import type { HandlersFor } from './types';
import { auditActions, verifyAudit } from '../../audit/auditLog';
import { exportReadableAudit, listReadableAudit } from '../../audit/auditReadable';

export const auditHandlers: HandlersFor<typeof auditCalls> = {
  'audit.list': (input, ctx) => listReadableAudit(ctx.db, input),
  'audit.actions': (_input, ctx) => auditActions(ctx.db),
  'audit.export': ({ language, ...filter }, ctx) => {
    const file = exportReadableAudit(ctx.db, filter, language, ctx.today);
    // Which filters shaped the export, not their values: a client code or a person is not for the log itself.
    const filtered = Object.keys(filter).filter((k) => filter[k as keyof typeof filter] !== undefined).sort().join(',');
    ctx.audit({ action: 'audit.exported', details: { rows: file.rows, filtered } });
    return file;
  },
  'audit.verify': (_input, ctx) => {
    // Against the anchor found at unlock too: a chain cut cleanly at its end is not intact.
    const result = verifyAudit(ctx.db, ctx.installation.auditAnchor());
    ctx.audit({ action: 'audit.verified', details: { ok: result.ok, count: result.count } });
    return result;
  },
};
