import type { printCalls } from '../../../../shared/api/calls/print';
import type { HandlersFor } from './types';
import type { UserContext } from '../../backend';
import { assertClientReadable } from '../../clients/clientRepository';
import { loadCaseSummaryData, loadClientPlanData, renderCaseSummary, renderClientPlanPdf } from '../../pdf';

function organisation(ctx: UserContext): string {
  return ctx.backend.readKeySlots().installation.organisation;
}

/** A file name that says what and whose, without the client's name (it may end up in a Downloads folder). */
const fileName = (kind: string, code: string, now: Date) => `${kind}-${code}-${now.toISOString().slice(0, 10)}.pdf`;

// Printing reads the whole case: audited like any read of client data, with the document and page count.
export const printHandlers: HandlersFor<typeof printCalls> = {
  'print.clientPlan': async (input, { backend }) => {
    const ctx = backend.userContext();
    const client = assertClientReadable(ctx.db, ctx.user, input.clientId);
    const now = new Date(backend.now());
    const data = loadClientPlanData(ctx.db, client.id, { organisation: organisation(ctx), now, ...(input.language ? { language: input.language } : {}) });
    const { pdf, pages } = await renderClientPlanPdf(data);
    ctx.audit({ action: 'client.printed', entityType: 'client', entityId: client.id, details: { document: 'clientPlan', language: data.language, pages } });
    return { fileName: fileName('plan', client.code, now), pdfBase64: pdf.toString('base64'), pages };
  },

  'print.caseSummary': async (input, { backend }) => {
    const ctx = backend.userContext();
    const client = assertClientReadable(ctx.db, ctx.user, input.clientId);
    const now = new Date(backend.now());
    const data = loadCaseSummaryData(ctx.db, client.id, { language: input.language, organisation: organisation(ctx), now, printedBy: ctx.user.displayName });
    const { pdf, pages } = await renderCaseSummary(data);
    ctx.audit({ action: 'client.printed', entityType: 'client', entityId: client.id, details: { document: 'caseSummary', language: data.language, pages } });
    return { fileName: fileName('case-summary', client.code, now), pdfBase64: pdf.toString('base64'), pages };
  },
};
