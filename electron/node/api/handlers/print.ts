import type { printCalls } from '../../../../shared/api/calls/print';
import type { HandlersFor } from './types';
import { loadCaseSummaryData, loadClientPlanData, renderCaseSummary, renderClientPlanPdf } from '../../pdf';

/** A file name that says what and whose, without the client's name (it may end up in a Downloads folder). */
const fileName = (kind: string, code: string, now: Date) => `${kind}-${code}-${now.toISOString().slice(0, 10)}.pdf`;

// Printing reads the whole case: audited like any read of client data, with the document and page count.
export const printHandlers: HandlersFor<typeof printCalls> = {
  'print.clientPlan': async (input, ctx) => {
    const { client, now } = ctx;
    const data = loadClientPlanData(ctx.db, client.id, { organisation: ctx.installation.organisation(), now, ...(input.language ? { language: input.language } : {}) });
    const { pdf, pages } = await renderClientPlanPdf(data);
    ctx.audit({ action: 'client.printed', entityType: 'client', entityId: client.id, details: { document: 'clientPlan', language: data.language, pages } });
    return { fileName: fileName('plan', client.code, now), pdfBase64: pdf.toString('base64'), pages };
  },

  'print.caseSummary': async (input, ctx) => {
    const { client, now } = ctx;
    const data = loadCaseSummaryData(ctx.db, client.id, { language: input.language, organisation: ctx.installation.organisation(), now, printedBy: ctx.user.displayName });
    const { pdf, pages } = await renderCaseSummary(data);
    ctx.audit({ action: 'client.printed', entityType: 'client', entityId: client.id, details: { document: 'caseSummary', language: data.language, pages } });
    return { fileName: fileName('case-summary', client.code, now), pdfBase64: pdf.toString('base64'), pages };
  },
};
