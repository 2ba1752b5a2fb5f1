import type { ClientStatus } from '../schemas/client';
import type { ChecklistItemKey, ChecklistStatus, ServiceKind } from '../schemas/plan';
import type { FollowUpMilestone, FollowUpOutcomeField } from '../schemas/followUp';

/**
 * What the indicators count, as plain records (no database, no clock): the Node side loads them, the unit tests
 * write them by hand. Every date is a local calendar date `YYYY-MM-DD`.
 */
export interface ReportClientRecord {
  id: string;
  status: ClientStatus;
  prisonId: string | null;
  regionId: string | null;
  workerId: string;
  earliestRelease: string | null;
  actualRelease: string | null;
  /** 'handedOver': custody moved to another installation, which counts what happens after release. */
  custody: 'held' | 'handedOver';
  /** The case came in by a handover: it was prepared for release elsewhere, which counts the preparation. */
  importedByHandover: boolean;
  /** Erased (W10): never counted anywhere, whatever else the record says. */
  erased: boolean;
  /** Checklist items that were touched; an item without a row is open. `updatedOn`: the day of the last change. */
  checklist: { key: ChecklistItemKey; status: ChecklistStatus; updatedOn: string }[];
  services: { kind: ServiceKind; deliveredOn: string }[];
  /** Days of contact-log entries in the phase "after release". */
  contactsAfterRelease: string[];
  followUps: ReportFollowUpRecord[];
  /** Handover files made here: the day it was sent, and the day its receipt came back. */
  handovers: { sentOn: string; receiptOn: string | null }[];
  /** Referrals to an OAT provider marked attended, with the appointment day when one was recorded. */
  oatProviderAttended: { appointmentOn: string | null }[];
}

export type ReportFollowUpRecord = { milestone: FollowUpMilestone; reached: boolean; contactedOn: string } & Record<FollowUpOutcomeField, string>;

/** The filters of the dashboard; absent means "all". */
export interface ReportFilter {
  prisonId?: string | undefined;
  regionId?: string | undefined;
  workerId?: string | undefined;
}

/** The period the release-based indicators look at (inclusive), and the workstation's local date. */
export interface ReportPeriod {
  from: string;
  to: string;
  today: string;
}
