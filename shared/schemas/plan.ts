import { z } from 'zod';
import { ruleIssue } from './client';

/** A calendar date as the forms and the database hold it. */
export const planDateSchema = z.iso.date();
const idSchema = z.string().min(1).max(64);
/** Optional free text: the forms send '' for an empty field; stored as null. */
const optionalText = (max: number) => z.string().trim().max(max);

// ---------------------------------------------------------------------------------------------------------------
// Goals and tasks (SPEC W5)

/** The domains of a release plan, in the order the plan shows them. */
export const PLAN_DOMAINS = [
  'housing',
  'employmentIncome',
  'addictionTreatment',
  'healthCare',
  'documentsInsurance',
  'family',
  'leisure',
  'legalProbation',
] as const;
export const planDomainSchema = z.enum(PLAN_DOMAINS);
export type PlanDomain = z.infer<typeof planDomainSchema>;

export const goalStatusSchema = z.enum(['open', 'achieved']);
export type GoalStatus = z.infer<typeof goalStatusSchema>;
export const taskStatusSchema = z.enum(['open', 'inProgress', 'done']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
/** Who does the task: the prison-side worker, the client, the community case manager, or a named service. */
export const RESPONSIBLE_KINDS = ['worker', 'client', 'communityCaseManager', 'service'] as const;
export const responsibleKindSchema = z.enum(RESPONSIBLE_KINDS);
export type ResponsibleKind = z.infer<typeof responsibleKindSchema>;

export const goalFieldsSchema = z.object({
  domain: planDomainSchema,
  title: z.string().trim().min(1).max(300),
});
export type GoalFields = z.infer<typeof goalFieldsSchema>;

export const taskFieldsObject = z.object({
  title: z.string().trim().min(1).max(300),
  dueDate: planDateSchema.nullable(),
  responsibleKind: responsibleKindSchema,
  /** The named service or person; required when the responsible is a service. */
  responsibleName: optionalText(200),
});
/** A named service must be named; the issue is attached to the field the user has to fill. */
export function checkTaskFields(v: { responsibleKind: ResponsibleKind; responsibleName: string }, ctx: z.RefinementCtx): void {
  if (v.responsibleKind === 'service' && !v.responsibleName) {
    ctx.addIssue(ruleIssue('plan:validation.serviceName', 'Name the service responsible for this task.', ['responsibleName']));
  }
}
export const taskFieldsSchema = taskFieldsObject.superRefine(checkTaskFields);
export type TaskFields = z.infer<typeof taskFieldsSchema>;

/** Who changed an item last, shown beside it ("changed by Jana, 3 March 14:05"). */
const changedBy = {
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
};

export const planTaskSchema = z.object({
  id: z.string(),
  goalId: z.string(),
  title: z.string(),
  dueDate: z.string().nullable(),
  responsibleKind: responsibleKindSchema,
  responsibleName: z.string().nullable(),
  status: taskStatusSchema,
  position: z.number().int(),
  completedAt: z.string().nullable(),
  ...changedBy,
});
export type PlanTask = z.infer<typeof planTaskSchema>;

export const planGoalSchema = z.object({
  id: z.string(),
  domain: planDomainSchema,
  title: z.string(),
  status: goalStatusSchema,
  position: z.number().int(),
  tasks: z.array(planTaskSchema),
  ...changedBy,
});
export type PlanGoal = z.infer<typeof planGoalSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Pre-release checklist (SPEC W5)

/** The checklist items, in working order; due dates are these offsets from the earliest release date. */
export const CHECKLIST_ITEMS = [
  { key: 'identityDocument', offsetDays: -30 },
  { key: 'healthInsurance', offsetDays: -30 },
  { key: 'firstNightHousing', offsetDays: -14 },
  { key: 'addictionAppointment', offsetDays: -14 },
  { key: 'oatBridging', offsetDays: -14 },
  { key: 'overdosePrevention', offsetDays: -7 },
  { key: 'caseManagerContact', offsetDays: -7 },
  { key: 'handoverSent', offsetDays: -3 },
  { key: 'receiptReceived', offsetDays: -1 },
] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number]['key'];
export const checklistItemKeySchema = z.enum(CHECKLIST_ITEMS.map((i) => i.key) as [ChecklistItemKey, ...ChecklistItemKey[]]);
export const checklistStatusSchema = z.enum(['open', 'done', 'notApplicable']);
export type ChecklistStatus = z.infer<typeof checklistStatusSchema>;

/** Ticking an item: "not applicable" needs a reason, so that a reader later knows why it was skipped. */
export const checklistUpdateFieldsObject = z.object({
  itemKey: checklistItemKeySchema,
  status: checklistStatusSchema,
  note: optionalText(1000).default(''),
  notApplicableReason: optionalText(500).default(''),
});
export function checkChecklistUpdate(v: { status: ChecklistStatus; notApplicableReason: string }, ctx: z.RefinementCtx): void {
  if (v.status === 'notApplicable' && !v.notApplicableReason) {
    ctx.addIssue(ruleIssue('plan:validation.notApplicableReason', 'Say why this item does not apply.', ['notApplicableReason']));
  }
}
export const checklistUpdateFieldsSchema = checklistUpdateFieldsObject.superRefine(checkChecklistUpdate);
export type ChecklistUpdateFields = z.infer<typeof checklistUpdateFieldsSchema>;

export const checklistItemSchema = z.object({
  key: checklistItemKeySchema,
  status: checklistStatusSchema,
  /** null while the client has no earliest release date. */
  dueDate: z.string().nullable(),
  note: z.string().nullable(),
  notApplicableReason: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Release alerts

/** T-30 / T-14 / T-7 windows, the release day itself, and after release. */
export const releaseAlertLevelSchema = z.enum(['none', 't30', 't14', 't7', 'releaseDay', 'afterRelease']);
export type ReleaseAlertLevel = z.infer<typeof releaseAlertLevelSchema>;

export const releaseAlertSchema = z.object({
  releaseDate: z.string(),
  daysToRelease: z.number().int(),
  level: releaseAlertLevelSchema,
  /** Applicable checklist items not yet done. */
  openItems: z.number().int(),
  /** Of those, the ones past their own due date. */
  overdueItems: z.number().int(),
});
export type ReleaseAlert = z.infer<typeof releaseAlertSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Services log (SPEC W5): what was actually delivered and when

export const SERVICE_KINDS = ['overdosePrevention', 'naloxoneKit', 'oatDose', 'infectiousTest', 'infectiousTreatment', 'programmeSession'] as const;
export const serviceKindSchema = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof serviceKindSchema>;
export const INFECTIOUS_DISEASES = ['hiv', 'hbv', 'hcv', 'tb', 'syphilis', 'other'] as const;
export const infectiousDiseaseSchema = z.enum(INFECTIOUS_DISEASES);
export const TEST_RESULTS = ['negative', 'positive', 'pending', 'notDisclosed'] as const;
export const testResultSchema = z.enum(TEST_RESULTS);
export const OAT_MEDICATIONS = ['methadone', 'buprenorphine', 'buprenorphineNaloxone', 'slowReleaseMorphine', 'other'] as const;
export const oatMedicationSchema = z.enum(OAT_MEDICATIONS);

export const serviceFieldsObject = z.object({
  kind: serviceKindSchema,
  deliveredOn: planDateSchema,
  oatMedication: oatMedicationSchema.nullable(),
  /** As prescribed, e.g. "60 mg daily". */
  oatDose: optionalText(100),
  prescriber: optionalText(200),
  disease: infectiousDiseaseSchema.nullable(),
  testResult: testResultSchema.nullable(),
  /** e.g. "Therapeutic community, Bílý Potok" or "Structured group programme". */
  programme: optionalText(200),
  attended: z.boolean().nullable(),
  note: optionalText(2000),
});
/** Each kind needs its own details; the issue points at the field to fill. */
export function checkServiceFields(v: z.infer<typeof serviceFieldsObject>, ctx: z.RefinementCtx): void {
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) ctx.addIssue(ruleIssue(`plan:validation.service.${path}`, message, [path]));
  };
  if (v.kind === 'oatDose') {
    need(v.oatMedication !== null, 'oatMedication', 'Choose the medication.');
    need(v.oatDose.length > 0, 'oatDose', 'Enter the dose.');
    need(v.prescriber.length > 0, 'prescriber', 'Enter the prescriber.');
  }
  if (v.kind === 'infectiousTest') {
    need(v.disease !== null, 'disease', 'Choose what was tested.');
    need(v.testResult !== null, 'testResult', 'Choose the result (or "pending").');
  }
  if (v.kind === 'infectiousTreatment') need(v.disease !== null, 'disease', 'Choose what is treated.');
  if (v.kind === 'programmeSession') {
    need(v.programme.length > 0, 'programme', 'Name the programme.');
    need(v.attended !== null, 'attended', 'Say whether the client attended.');
  }
}
export const serviceFieldsSchema = serviceFieldsObject.superRefine(checkServiceFields);
export type ServiceFields = z.infer<typeof serviceFieldsSchema>;

export const serviceEntrySchema = z.object({
  id: z.string(),
  kind: serviceKindSchema,
  deliveredOn: z.string(),
  oatMedication: oatMedicationSchema.nullable(),
  oatDose: z.string().nullable(),
  prescriber: z.string().nullable(),
  disease: infectiousDiseaseSchema.nullable(),
  testResult: testResultSchema.nullable(),
  programme: z.string().nullable(),
  attended: z.boolean().nullable(),
  note: z.string().nullable(),
  ...changedBy,
});
export type ServiceEntry = z.infer<typeof serviceEntrySchema>;

// ---------------------------------------------------------------------------------------------------------------
// The whole plan of one client, as the Plan tab reads it

export const planProgressSchema = z.object({
  checklistDone: z.number().int(),
  /** Applicable items: "not applicable" ones count neither as done nor as open. */
  checklistTotal: z.number().int(),
  tasksDone: z.number().int(),
  tasksTotal: z.number().int(),
  /** 0–100: done checklist items and tasks over all applicable ones. */
  percent: z.number().int(),
});
export type PlanProgress = z.infer<typeof planProgressSchema>;

export const releasePlanSchema = z.object({
  clientId: z.string(),
  today: z.string(),
  earliestRelease: z.string().nullable(),
  actualRelease: z.string().nullable(),
  goals: z.array(planGoalSchema),
  checklist: z.array(checklistItemSchema),
  alert: releaseAlertSchema.nullable(),
  progress: planProgressSchema,
});
export type ReleasePlan = z.infer<typeof releasePlanSchema>;

export { idSchema as planIdSchema };
