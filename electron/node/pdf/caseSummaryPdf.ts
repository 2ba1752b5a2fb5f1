import { PLAN_DOMAINS, type ServiceEntry } from '../../../shared/schemas/plan';
import { PdfLayout, type TableColumn } from './pdfLayout';
import type { CaseSummaryPdfData } from './printData';
import { printTexts } from './printTexts';

type T = ReturnType<typeof printTexts>['t'];

function serviceDetail(s: ServiceEntry, t: T): string {
  const parts = [
    s.oatMedication ? [t(`plan:services.oatMedications.${s.oatMedication}`, {}, s.oatMedication), s.oatDose, s.prescriber].filter(Boolean).join(', ') : '',
    s.disease ? [s.disease.toUpperCase(), s.testResult ? t(`plan:services.testResults.${s.testResult}`, {}, s.testResult) : ''].filter(Boolean).join(': ') : '',
    s.programme ? `${s.programme}${s.attended === null ? '' : ` (${s.attended ? t('print.yes') : t('print.no')})`}` : '',
    s.note ?? '',
  ];
  return parts.filter(Boolean).join('\n');
}

/** The professional summary of a case for the receiving worker (W5), also embedded in the handover file (W8). */
export async function renderCaseSummary(data: CaseSummaryPdfData): Promise<{ pdf: Buffer; pages: number }> {
  const { t, date, dateTime, longDate } = printTexts(data.language);
  const c = data.client;
  const title = t('print.caseSummary.title');
  const layout = new PdfLayout({
    title: `${title} ${c.code}`,
    headerLeft: data.organisation,
    headerRight: c.code,
    footerLeft: `${t('print.printedOn', { date: longDate(data.printedAt) })}, ${data.printedBy}`,
    pageLabel: (page, pages) => t('print.page', { page, pages }),
    language: data.language,
    author: data.organisation,
  });
  const f = (k: string) => t(`print.caseSummary.fields.${k}`);

  layout.title(`${title}: ${c.firstName} ${c.lastName}`, t('print.caseSummary.subtitle'));
  layout.heading(t('print.caseSummary.client'), 40);
  layout.facts([
    [f('code'), c.code],
    [f('name'), `${c.firstName} ${c.lastName}`],
    [f('dateOfBirth'), date(c.dateOfBirth)],
    [f('sex'), t(`clients:sex.${c.sex}`, {}, c.sex)],
    [f('nationality'), c.nationality],
    [f('language'), t(`clients:language.${c.preferredLanguage}`, {}, c.preferredLanguage)],
    [f('prison'), c.prisonName ?? ''],
    [f('sentenceStart'), date(c.sentenceStart)],
    [f('releaseWindow'), `${date(c.earliestRelease)} – ${date(c.latestRelease)}`],
    [f('actualRelease'), date(c.actualRelease)],
    [f('returnTo'), [c.regionName, c.municipality].filter(Boolean).join(', ')],
    [f('worker'), c.assignedWorkerName ?? ''],
    [f('status'), t(`clients:status.${c.status}`, {}, c.status)],
  ]);

  // Needs from the latest completed assessment.
  const needColumns: TableColumn[] = [{ header: t('print.caseSummary.domain'), weight: 4 }, { header: t('print.caseSummary.need'), weight: 1.2 }];
  if (data.assessment) {
    const a = data.assessment;
    const rows = Object.entries(a.needs)
      .filter(([, v]) => v !== null)
      .map(([domain, v]) => [t(`assessments:sections.${domain}.title`, {}, domain), String(v)]);
    layout.heading(t('print.caseSummary.assessment'), layout.paragraphStart() + layout.tableStart(needColumns, rows));
    layout.paragraph(t('print.caseSummary.assessmentOf', { kind: t(`print.assessmentKinds.${a.kind}`, {}, a.kind), date: date(a.assessedOn) }), { muted: true });
    if (rows.length) layout.table(needColumns, rows);
  } else {
    layout.heading(t('print.caseSummary.assessment'), layout.paragraphStart());
    layout.paragraph(t('print.caseSummary.noAssessment'), { muted: true });
  }

  // Screening scores.
  const scrColumns: TableColumn[] = [
    { header: t('print.caseSummary.instrument'), weight: 1.5 },
    { header: t('print.caseSummary.date'), weight: 1.5 },
    { header: t('print.caseSummary.score'), weight: 1 },
    { header: t('print.caseSummary.zone'), weight: 3 },
  ];
  const scrRows = data.screenings.map((s) => [s.instrument, date(s.administeredOn), s.max === null ? String(s.total) : `${s.total} / ${s.max}`, s.zone ?? '']);
  if (scrRows.length) {
    layout.heading(t('print.caseSummary.screenings'), layout.tableStart(scrColumns, scrRows));
    layout.table(scrColumns, scrRows);
  } else {
    layout.heading(t('print.caseSummary.screenings'), layout.paragraphStart());
    layout.paragraph(t('print.caseSummary.noScreenings'), { muted: true });
  }

  // Release plan: goals with tasks, then the checklist.
  const planColumns: TableColumn[] = [
    { header: t('print.caseSummary.goal'), weight: 3 },
    { header: t('print.caseSummary.task'), weight: 3.4 },
    { header: t('print.caseSummary.due'), weight: 1.4 },
    { header: t('print.caseSummary.responsible'), weight: 1.8 },
    { header: t('print.caseSummary.status'), weight: 1.3 },
  ];
  const goals = [...data.plan.goals].sort((a, b) => PLAN_DOMAINS.indexOf(a.domain) - PLAN_DOMAINS.indexOf(b.domain) || a.position - b.position);
  const planRows = goals.flatMap((g) => {
    const goalCell = `${t(`print.domains.${g.domain}`)}: ${g.title} (${t(`print.goalStatus.${g.status}`)})`;
    if (!g.tasks.length) return [[goalCell, '', '', '', '']];
    return g.tasks.map((task, i) => [
      i === 0 ? goalCell : '',
      task.title,
      task.dueDate ? date(task.dueDate) : '',
      [t(`print.caseSummary.responsibleKinds.${task.responsibleKind}`), task.responsibleName].filter(Boolean).join(': '),
      t(`print.taskStatus.${task.status}`),
    ]);
  });
  if (planRows.length) {
    layout.heading(t('print.caseSummary.plan'), layout.tableStart(planColumns, planRows));
    layout.table(planColumns, planRows, { carryFirstColumn: true });
  }
  const checkColumns: TableColumn[] = [
    { header: t('print.caseSummary.checklist'), weight: 5 },
    { header: t('print.caseSummary.due'), weight: 1.5 },
    { header: t('print.caseSummary.status'), weight: 2.5 },
  ];
  const checkRows = data.plan.checklist.map((i) => [
    t(`print.checklistItems.${i.key}`),
    i.dueDate ? date(i.dueDate) : '',
    [t(`print.checklistStatus.${i.status}`), i.notApplicableReason].filter(Boolean).join(': '),
  ]);
  if (checkRows.length) {
    layout.heading(t('print.caseSummary.checklist'), layout.tableStart(checkColumns, checkRows));
    layout.table(checkColumns, checkRows);
  }

  // Services delivered.
  const logColumns: TableColumn[] = [
    { header: t('print.caseSummary.delivered'), weight: 1.4 },
    { header: t('print.caseSummary.kind'), weight: 2.4 },
    { header: t('print.caseSummary.detail'), weight: 5 },
  ];
  const logRows = data.servicesLog.map((s) => [date(s.deliveredOn), t(`print.serviceKinds.${s.kind}`, {}, s.kind), serviceDetail(s, t)]);
  if (logRows.length) {
    layout.heading(t('print.caseSummary.servicesLog'), layout.tableStart(logColumns, logRows));
    layout.table(logColumns, logRows);
  }

  // Referrals.
  const refColumns: TableColumn[] = [
    { header: t('referrals.service'), weight: 3.2 },
    { header: t('referrals.reason'), weight: 3.2 },
    { header: t('referrals.appointmentAt'), weight: 1.8 },
    { header: t('referrals.status'), weight: 1.4 },
  ];
  const refRows = data.referrals.map((r) => [
    [r.service.name, t(`types.${r.service.type}`), r.service.regionName, r.service.phone].filter(Boolean).join('\n'),
    r.reason,
    r.appointmentAt ? dateTime(r.appointmentAt) : '',
    t(`referrals.statuses.${r.status}`),
  ]);
  if (refRows.length) {
    layout.heading(t('print.caseSummary.referrals'), layout.tableStart(refColumns, refRows));
    layout.table(refColumns, refRows);
  } else {
    layout.heading(t('print.caseSummary.referrals'), layout.paragraphStart());
    layout.paragraph(t('print.caseSummary.noReferrals'), { muted: true });
  }

  // Contacts: counts and the latest few (dates, channels, who took part; the notes stay in the record).
  const k = data.contacts;
  const conColumns: TableColumn[] = [
    { header: t('print.caseSummary.date'), weight: 1.8 },
    { header: t('print.caseSummary.channel'), weight: 2 },
    { header: t('print.caseSummary.phase'), weight: 1.8 },
    { header: t('print.caseSummary.participants'), weight: 3.5 },
  ];
  const conRows = k.recent.map((n) => [dateTime(n.at), t(`print.channels.${n.channel}`, {}, n.channel), t(`print.phases.${n.phase}`, {}, n.phase), n.participants ?? '']);
  layout.heading(t('print.caseSummary.contacts'), layout.paragraphStart() + (conRows.length ? layout.tableStart(conColumns, conRows) : 0));
  if (k.total === 0) layout.paragraph(t('print.caseSummary.noContacts'), { muted: true });
  else {
    layout.paragraph(t('print.caseSummary.contactCount', { count: k.total, custody: k.custody, after: k.afterRelease, last: k.lastAt ? dateTime(k.lastAt) : t('print.none') }));
    layout.table(conColumns, conRows);
  }

  return layout.finish();
}
