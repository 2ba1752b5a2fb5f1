import type { reportsCalls } from '../../../../shared/api/calls/reports';
import type { HandlersFor } from './types';
import { buildDashboard, evaluationExport, filterOf, indicatorClients, reportPeriod, referenceNames } from '../../reports/reportService';
import { runJob } from '../../jobs/jobPool';
import { buildIndicatorReport, importIndicatorReport, programmeView } from '../../reports/indicatorReport';

// SPEC W13. One clock per call: "today" is the workstation's local date at the call's `now`.
export const reportsHandlers: HandlersFor<typeof reportsCalls> = {
  'reports.dashboard': (input, { backend }) => {
    const ctx = backend.userContext();
    return buildDashboard(ctx.session.store.sqlite, reportPeriod(input, backend.now()), filterOf(input), ctx.user.role === 'admin');
  },

  'reports.indicatorClients': (input, { backend }) => {
    const ctx = backend.userContext();
    const list = indicatorClients(ctx.session.store.sqlite, input, reportPeriod(input, backend.now()), filterOf(input));
    // Opening the list behind a number reads identities: audited with the count, not the names.
    ctx.audit({ action: 'reports.clientsListed', entityType: 'indicator', entityId: input.indicatorId, details: { part: input.part, category: input.category ?? null, count: list.length } });
    return list;
  },

  'reports.print': async (input, { backend }) => {
    const ctx = backend.userContext();
    const now = backend.now();
    const sqlite = ctx.session.store.sqlite;
    const dashboard = buildDashboard(sqlite, reportPeriod(input, now), filterOf(input), false);
    const names = referenceNames(sqlite);
    const worker = dashboard.workers.find((w) => w.id === input.workerId)?.name;
    const filterText = [input.prisonId && names.prison(input.prisonId), input.regionId && names.region(input.regionId), worker].filter(Boolean).join(', ');
    const organisation = backend.readKeySlots().installation.organisation;
    const { pdf, pages } = await runJob('dashboardPdf', { dashboard, language: input.language, organisation, printedAt: new Date(now), filterText });
    ctx.audit({ action: 'reports.printed', details: { from: input.from, to: input.to, pages } });
    return { fileName: `indicators-${input.from}_${input.to}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64'), pages };
  },

  'reports.export': (input, { backend }) => {
    const ctx = backend.userContext();
    const result = evaluationExport(ctx.session.store.sqlite, reportPeriod(input, backend.now()));
    ctx.audit({ action: 'reports.exported', details: { from: input.from, to: input.to, clientRows: result.perClient.rows, periodRows: result.perPeriod.rows } });
    return result;
  },

  'reports.bundle': (input, { backend }) => buildIndicatorReport(backend.userContext(), input),

  'reports.import': (input, { backend }) => importIndicatorReport(backend.userContext(), input),

  'reports.programme': (input, { backend }) => programmeView(backend.userContext(), input),
};
