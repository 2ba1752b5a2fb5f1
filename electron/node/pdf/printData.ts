// What the printed documents show, as plain data: the builders (clientPlanPdf, caseSummaryPdf) take these and
// nothing else, so the handover export can print from its own copy of a case, and tests need no database.
import type { AssessmentSummary } from '../../../shared/schemas/assessment';
import type { Client } from '../../../shared/schemas/client';
import type { ContactNote } from '../../../shared/schemas/contactLog';
import type { ChecklistItem, PlanGoal, ServiceEntry } from '../../../shared/schemas/plan';
import type { Referral } from '../../../shared/schemas/referral';
import type { Screening } from '../../../shared/schemas/screening';
import { findInstrument } from '../../../shared/instruments';
import type { Db } from '../store/open';
import { findClientById } from '../clients/clientRepository';
import { readGoals } from '../plan/planRepository';
import { readChecklist } from '../plan/checklistRepository';
import { listServices as listServicesLog } from '../plan/servicesRepository';
import { listContactNotes } from '../plan/contactLogRepository';
import { listAssessments } from '../assessments/assessmentRepository';
import { listScreenings } from '../assessments/screeningRepository';
import { listReferrals } from '../directory/referralRepository';
import type { PrintLanguage } from './printTexts';

export type PrintClient = Pick<
  Client,
  | 'code'
  | 'firstName'
  | 'lastName'
  | 'dateOfBirth'
  | 'sex'
  | 'nationality'
  | 'preferredLanguage'
  | 'prisonName'
  | 'sentenceStart'
  | 'earliestRelease'
  | 'latestRelease'
  | 'actualRelease'
  | 'regionName'
  | 'municipality'
  | 'assignedWorkerName'
  | 'status'
>;

export interface PrintPlan {
  goals: PlanGoal[];
  checklist: ChecklistItem[];
}

/** A screening result with what the summary prints: the instrument's short name, the range and the zone label. */
export interface PrintScreening {
  instrument: string;
  administeredOn: string;
  total: number;
  max: number | null;
  zone: string | null;
}

export interface PrintContactSummary {
  total: number;
  custody: number;
  afterRelease: number;
  lastAt: string | null;
  recent: Pick<ContactNote, 'at' | 'channel' | 'phase' | 'participants'>[];
}

/** Input of the client's plain-language plan. */
export interface ClientPlanPdfData {
  language: PrintLanguage;
  organisation: string;
  printedAt: Date;
  client: PrintClient;
  plan: PrintPlan;
  referrals: Referral[];
}

/** Input of the professional case summary (also embedded in the handover file). */
export interface CaseSummaryPdfData {
  language: PrintLanguage;
  organisation: string;
  printedAt: Date;
  printedBy: string;
  client: PrintClient;
  assessment: Pick<AssessmentSummary, 'kind' | 'assessedOn' | 'needs'> | null;
  screenings: PrintScreening[];
  plan: PrintPlan;
  servicesLog: ServiceEntry[];
  referrals: Referral[];
  contacts: PrintContactSummary;
}

const RECENT_CONTACTS = 10;

export function loadClient(db: Db, clientId: string): Client {
  const client = findClientById(db, clientId);
  if (!client) throw new Error('client vanished between the access check and printing');
  return client;
}

export function loadPlan(db: Db, client: Client): PrintPlan {
  return { goals: readGoals(db, client.id), checklist: readChecklist(db, client.id, client.earliestRelease) };
}

function screeningForPrint(s: Screening, lang: PrintLanguage): PrintScreening {
  const def = findInstrument(s.instrumentId);
  const zone = def?.zoneSets.flatMap((set) => set.zones).find((z) => z.id === s.zoneId);
  return { instrument: def?.shortName ?? s.instrumentId, administeredOn: s.administeredOn, total: s.total, max: def?.range.max ?? null, zone: zone ? zone.label[lang] : s.zoneId };
}

export function loadContactSummary(db: Db, clientId: string): PrintContactSummary {
  // The summary needs counts per phase and the latest few; one page of 500 covers nearly every case exactly.
  const { notes, total } = listContactNotes(db, clientId, 500, 0);
  return {
    total,
    custody: notes.filter((n) => n.phase === 'custody').length,
    afterRelease: notes.filter((n) => n.phase === 'afterRelease').length,
    lastAt: notes[0]?.at ?? null,
    recent: notes.slice(0, RECENT_CONTACTS).map(({ at, channel, phase, participants }) => ({ at, channel, phase, participants })),
  };
}

export function loadClientPlanData(db: Db, clientId: string, opts: { language?: PrintLanguage; organisation: string; now: Date }): ClientPlanPdfData {
  const client = loadClient(db, clientId);
  return {
    language: opts.language ?? client.preferredLanguage,
    organisation: opts.organisation,
    printedAt: opts.now,
    client,
    plan: loadPlan(db, client),
    referrals: listReferrals(db, clientId),
  };
}

export function loadCaseSummaryData(db: Db, clientId: string, opts: { language: PrintLanguage; organisation: string; now: Date; printedBy: string }): CaseSummaryPdfData {
  const client = loadClient(db, clientId);
  const latest = listAssessments(db, clientId).find((a) => a.status === 'completed') ?? null;
  return {
    language: opts.language,
    organisation: opts.organisation,
    printedAt: opts.now,
    printedBy: opts.printedBy,
    client,
    assessment: latest ? { kind: latest.kind, assessedOn: latest.assessedOn, needs: latest.needs } : null,
    screenings: listScreenings(db, clientId).map((s) => screeningForPrint(s, opts.language)),
    plan: loadPlan(db, client),
    servicesLog: listServicesLog(db, clientId),
    referrals: listReferrals(db, clientId),
    contacts: loadContactSummary(db, clientId),
  };
}
