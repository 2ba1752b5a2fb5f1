// Printed documents (SPEC W5): built on the Node side so that the app, the CLI, the handover export and the
// tests produce the same bytes.
export { renderClientPlanPdf } from './clientPlanPdf';
export { renderCaseSummary, renderCaseSummaryPdf } from './caseSummaryPdf';
export { loadCaseSummaryData, loadClientPlanData, type CaseSummaryPdfData, type ClientPlanPdfData } from './printData';
