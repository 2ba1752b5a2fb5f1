import type { Dashboard } from '../../../shared/reports/schemas';
import { PdfLayout } from '../pdf/pdfLayout';
import { printTexts, type PrintLanguage } from '../pdf/printTexts';

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((100 * n) / d));

/** The dashboard for the funder: each indicator with numerator, denominator, share and rule. Counts only, no client. */
export interface DashboardPdfData {
  dashboard: Dashboard;
  language: PrintLanguage;
  organisation: string;
  printedAt: Date;
  /** The chosen prison, region and worker, as names. */
  filterText: string;
}

/** Runs in the worker pool (jobs/jobs.ts): everything it needs comes in `data`. */
export async function renderDashboardPdf(data: DashboardPdfData): Promise<{ pdf: Buffer; pages: number }> {
  const { dashboard: d, ...opts } = data;
  const { t, date, longDate } = printTexts(opts.language);
  const r = (key: string, params: Record<string, string | number> = {}) => t(`reports:${key}`, params);
  const title = r('title');
  const layout = new PdfLayout({
    title,
    headerLeft: opts.organisation,
    headerRight: `${date(d.from)} – ${date(d.to)}`,
    footerLeft: t('print.printedOn', { date: longDate(opts.printedAt) }),
    pageLabel: (page, pages) => t('print.page', { page, pages }),
    language: opts.language,
    author: opts.organisation,
  });
  layout.title(title, `${r('period.from')} ${date(d.from)} ${r('period.to')} ${date(d.to)}${opts.filterText ? ` · ${opts.filterText}` : ''}`);
  const nameOf = (id: string, key: string) => {
    if (id === 'clientsByPrison') return d.prisons.find((p) => p.id === key)?.name ?? r('none');
    if (id === 'clientsByRegion') return d.regions.find((p) => p.id === key)?.name ?? r('none');
    if (id === 'clientsByStatus') return t(`clients:status.${key}`, {}, key);
    const [field, value] = key.split('.');
    return `${r(`outcomeFields.${field}`)}: ${r(`outcomeValues.${value}`)}`;
  };
  for (const ind of d.indicators) {
    const heading = r(`indicators.${ind.id}.title`);
    layout.heading(heading, layout.paragraphStart());
    if (ind.kind === 'share') {
      const p = percent(ind.numerator, ind.denominator);
      layout.facts([[r('numbers', { numerator: ind.numerator, denominator: ind.denominator }), p === null ? r('noDenominator') : r('percent', { percent: p })]]);
    }
    const categories = ind.categories.filter((c) => ind.kind === 'distribution' || c.count > 0 || c.key.endsWith('.unknown'));
    if (categories.length) {
      layout.table(
        [
          { header: '', weight: 4 },
          { header: r(`unit.${ind.unit}`), weight: 1 },
        ],
        categories.map((c) => [nameOf(ind.id, c.key), String(c.count)]),
      );
    }
    layout.paragraph(`${r('rule')}: ${r(`indicators.${ind.id}.rule`)}`, { muted: true, size: 8.5 });
  }
  return layout.finish();
}
