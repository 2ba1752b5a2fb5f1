import type { reportsCalls } from '../../../../shared/api/calls/reports';
import type { HandlersFor } from './types';
import { buildDashboard, evaluationExport, filterOf, indicatorClients, reportPeriod, referenceNames } from '../../reports/reportService';
import { runJob } from '../../jobs/jobPool';
import { buildIndicatorReport, importIndicatorReport, programmeView } from '../../reports/indicatorReport';

// SPEC W13. One clock per call: "today" is the workstation's local date at the call's `now`.
export const reportsHandlers: HandlersFor<typeof reportsCalls> = {
  'reports.dashboard': (input, ctx) => {
    return buildDashboard(ctx.sqlite, reportPeriod(input, ctx.now.getTime()), filterOf(input), ctx.user.role === 'admin');
  },

  'reports.indicatorClients': (input, ctx) => {
    const list = indicatorClients(ctx.sqlite, input, reportPeriod(input, ctx.now.getTime()), filterOf(input));
    // Opening the list behind a number reads identities: audited with the count, not the names.
    ctx.audit({ action: 'reports.clientsListed', entityType: 'indicator', entityId: input.indicatorId, details: { part: input.part, category: input.category ?? null, count: list.length } });
    return list;
  },

  'reports.print': async (input, ctx) => {
    const now = ctx.now.getTime();
    const sqlite = ctx.sqlite;
    const dashboard = buildDashboard(sqlite, reportPeriod(input, now), filterOf(input), false);
    const names = referenceNames(sqlite);
    const worker = dashboard.workers.find((w) => w.id === input.workerId)?.name;
    const filterText = [input.prisonId && names.prison(input.prisonId), input.regionId && names.region(input.regionId), worker].filter(Boolean).join(', ');
    const organisation = ctx.installation.organisation();
    const { pdf, pages } = await runJob('dashboardPdf', { dashboard, language: input.language, organisation, printedAt: new Date(now), filterText });
    ctx.audit({ action: 'reports.printed', details: { from: input.from, to: input.to, pages } });
    return { fileName: `indicators-${input.from}_${input.to}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64'), pages };
  },

  'reports.export': (input, ctx) => {
    const result = evaluationExport(ctx.sqlite, reportPeriod(input, ctx.now.getTime()));
    ctx.audit({ action: 'reports.exported', details: { from: input.from, to: input.to, clientRows: result.perClient.rows, periodRows: result.perPeriod.rows } });
    return result;
  },

  'reports.bundle': (input, ctx) => buildIndicatorReport(ctx, input),

  'reports.import': (input, ctx) => importIndicatorReport(ctx, input),

  'reports.programme': (input, ctx) => programmeView(ctx, input),
};
