// Printed documents (SPEC W5): built on the Node side so that the app, the CLI, the handover export and the
// tests produce the same bytes. Rendering runs in the worker pool (jobs/), off the thread that serves calls.
import { runJob } from '../jobs/jobPool';
import type { CaseSummaryPdfData, ClientPlanPdfData } from './printData';
import type { ConsentReceiptData } from '../handover/consentReceiptPdf';

export { loadCaseSummaryData, loadClientPlanData, type CaseSummaryPdfData, type ClientPlanPdfData } from './printData';

const asBuffer = (r: { pdf: Uint8Array; pages: number }) => ({ pdf: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength), pages: r.pages });

export async function renderClientPlanPdf(data: ClientPlanPdfData): Promise<{ pdf: Buffer; pages: number }> {
  return asBuffer(await runJob('clientPlanPdf', data));
}

export async function renderCaseSummary(data: CaseSummaryPdfData): Promise<{ pdf: Buffer; pages: number }> {
  return asBuffer(await runJob('caseSummaryPdf', data));
}

/** For the handover export (W8): the summary PDF as bytes. */
export async function renderCaseSummaryPdf(data: CaseSummaryPdfData): Promise<Buffer> {
  return (await renderCaseSummary(data)).pdf;
}

/** The consent receipt for the client to sign (handover, W7). */
export async function renderConsentReceiptPdf(data: ConsentReceiptData): Promise<{ pdf: Buffer; pages: number }> {
  return asBuffer(await runJob('consentReceiptPdf', data));
}
