import { PLAN_DOMAINS, type ChecklistItemKey } from '../../../shared/schemas/plan';
import type { Referral } from '../../../shared/schemas/referral';
import { PdfLayout, type TableColumn } from './pdfLayout';
import type { ClientPlanPdfData } from './printData';
import { printTexts } from './printTexts';

/** Items of the checklist that concern the client; the handover steps are the workers' business. */
const CLIENT_CHECKLIST: readonly ChecklistItemKey[] = [
  'identityDocument',
  'healthInsurance',
  'firstNightHousing',
  'addictionAppointment',
  'oatBridging',
  'overdosePrevention',
  'caseManagerContact',
];

/** Open referrals: what the client still has to go to. Declined ones are left out of the client's copy. */
const forClient = (r: Referral) => r.status !== 'declined';

/**
 * The release plan for the client, in plain words and in the client's language: goals and steps, what must
 * be arranged before release, appointments, whom to contact, and the overdose warning for the first weeks.
 */
export async function renderClientPlanPdf(data: ClientPlanPdfData): Promise<{ pdf: Buffer; pages: number }> {
  const { t, date, dateTime, longDate } = printTexts(data.language);
  const c = data.client;
  const title = t('print.clientPlan.title');
  const layout = new PdfLayout({
    title,
    headerLeft: data.organisation,
    headerRight: c.code,
    footerLeft: t('print.printedOn', { date: longDate(data.printedAt) }),
    pageLabel: (page, pages) => t('print.page', { page, pages }),
    language: data.language,
    author: data.organisation,
  });

  layout.title(title);
  layout.paragraph(t('print.clientPlan.intro'));
  layout.facts([
    [t('print.clientPlan.name'), `${c.firstName} ${c.lastName}`],
    [t('print.clientPlan.code'), c.code],
    [t('print.clientPlan.release'), date(c.actualRelease ?? c.earliestRelease)],
    [t('print.clientPlan.worker'), [c.assignedWorkerName, data.organisation].filter(Boolean).join(', ')],
  ]);
  layout.notice(t('print.clientPlan.overdose'));

  // Goals and steps, domain by domain.
  const goals = [...data.plan.goals].sort((a, b) => PLAN_DOMAINS.indexOf(a.domain) - PLAN_DOMAINS.indexOf(b.domain) || a.position - b.position);
  const stepColumns: TableColumn[] = [
    { header: t('print.clientPlan.step'), weight: 5 },
    { header: t('print.clientPlan.until'), weight: 1.6 },
    { header: t('print.clientPlan.who'), weight: 2.2 },
    { header: t('print.clientPlan.done'), weight: 1 },
  ];
  const goalsHeading = t('print.clientPlan.goals');
  if (goals.length === 0) {
    layout.heading(goalsHeading, layout.paragraphStart());
    layout.paragraph(t('print.clientPlan.noGoals'), { muted: true });
  }
  goals.forEach((goal, idx) => {
    const rows = goal.tasks.map((task) => [
      task.title,
      task.dueDate ? date(task.dueDate) : '',
      task.responsibleName && task.responsibleKind === 'service' ? task.responsibleName : t(`print.clientPlan.responsible.${task.responsibleKind}`),
      task.status === 'done' ? '☑' : '☐',
    ]);
    const goalTitle = `${t(`print.domains.${goal.domain}`)}: ${goal.title}${goal.status === 'achieved' ? ' ✓' : ''}`;
    const following = rows.length ? layout.tableStart(stepColumns, rows) : layout.paragraphStart();
    // The section heading goes with the first goal, so it never stands alone either.
    if (idx === 0) layout.heading(goalsHeading, following + 30);
    layout.heading(goalTitle, following, 3);
    if (rows.length) layout.table(stepColumns, rows);
  });

  // Before release: the checklist items that concern the client.
  const checklist = data.plan.checklist.filter((i) => CLIENT_CHECKLIST.includes(i.key) && i.status !== 'notApplicable');
  if (checklist.length) {
    const columns: TableColumn[] = [
      { header: t('print.clientPlan.checklistItem'), weight: 6 },
      { header: t('print.clientPlan.until'), weight: 1.8 },
      { header: t('print.clientPlan.done'), weight: 1 },
    ];
    const rows = checklist.map((i) => [t(`print.checklistItems.${i.key}`), i.dueDate ? date(i.dueDate) : '', i.status === 'done' ? '☑' : '☐']);
    layout.heading(t('print.clientPlan.checklist'), layout.tableStart(columns, rows));
    layout.table(columns, rows);
  }

  // Appointments and services.
  const referrals = data.referrals.filter(forClient);
  const apptColumns: TableColumn[] = [
    { header: t('print.clientPlan.when'), weight: 1.8 },
    { header: t('print.clientPlan.where'), weight: 4 },
    { header: t('print.clientPlan.what'), weight: 3 },
  ];
  const apptRows = referrals.map((r) => [
    r.appointmentAt ? dateTime(r.appointmentAt) : t('referrals.noAppointment'),
    [r.service.name, r.service.address, r.service.phone, r.service.openingHours].filter(Boolean).join('\n'),
    r.reason,
  ]);
  if (apptRows.length) {
    layout.heading(t('print.clientPlan.appointments'), layout.tableStart(apptColumns, apptRows));
    layout.table(apptColumns, apptRows);
  } else {
    layout.heading(t('print.clientPlan.appointments'), layout.paragraphStart());
    layout.paragraph(t('print.clientPlan.noAppointments'), { muted: true });
  }

  // Contacts: the worker, then every service the client is referred to (once each).
  const contacts: [string, string][] = [[t('print.clientPlan.worker'), [c.assignedWorkerName, data.organisation].filter(Boolean).join(', ')]];
  const seen = new Set<string>();
  for (const r of referrals) {
    if (seen.has(r.service.name)) continue;
    seen.add(r.service.name);
    contacts.push([r.service.name, [r.service.phone, r.service.email, r.service.address].filter(Boolean).join('\n') || t('print.none')]);
  }
  layout.heading(t('print.clientPlan.contacts'), 40);
  layout.facts(contacts);
  layout.paragraph(t('print.clientPlan.emergency'), { bold: true });

  return layout.finish();
}
