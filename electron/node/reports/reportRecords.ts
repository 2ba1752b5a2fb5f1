import type Database from 'better-sqlite3';
import { localDate } from '../../../shared/plan/dates';
import type { ReportClientRecord, ReportFollowUpRecord } from '../../../shared/reports/records';
import type { ChecklistItemKey, ChecklistStatus, ServiceKind } from '../../../shared/schemas/plan';
import type { ClientStatus } from '../../../shared/schemas/client';
import type { FollowUpMilestone } from '../../../shared/schemas/followUp';

/**
 * Loads the plain records the indicators (shared/reports/indicators.ts) count: one query per table, each
 * reading only the columns and rows an indicator can use, so the dashboard over 10,000 clients and 500,000
 * notes stays one pass. Timestamps become the workstation's local day, as the worker saw them.
 */
export function loadReportRecords(sqlite: Database.Database): ReportClientRecord[] {
  const byId = new Map<string, ReportClientRecord>();
  const clientRows = sqlite
    .prepare(`SELECT id, status, prison_id, region_id, assigned_worker_id, earliest_release, actual_release, custody FROM clients`)
    .all() as { id: string; status: ClientStatus; prison_id: string | null; region_id: string | null; assigned_worker_id: string; earliest_release: string | null; actual_release: string | null; custody: 'held' | 'handedOver' }[];
  for (const r of clientRows) {
    byId.set(r.id, {
      id: r.id,
      status: r.status,
      prisonId: r.prison_id,
      regionId: r.region_id,
      workerId: r.assigned_worker_id,
      earliestRelease: r.earliest_release,
      actualRelease: r.actual_release,
      custody: r.custody,
      importedByHandover: false,
      // Erasure removes a client's rows (W10): an erased client is simply not loaded.
      erased: false,
      checklist: [],
      services: [],
      contactsAfterRelease: [],
      followUps: [],
      handovers: [],
      oatProviderAttended: [],
    });
  }
  const each = <T>(query: string, fn: (record: ReportClientRecord, row: T) => void) => {
    for (const row of sqlite.prepare(query).iterate() as IterableIterator<T & { client_id: string }>) {
      const record = byId.get(row.client_id);
      if (record) fn(record, row);
    }
  };
  const day = (iso: string) => localDate(Date.parse(iso));

  each<unknown>(`SELECT DISTINCT client_id FROM handover_imports WHERE client_id IS NOT NULL`, (c) => {
    c.importedByHandover = true;
  });
  each<{ item_key: ChecklistItemKey; status: ChecklistStatus; updated_at: string }>(`SELECT client_id, item_key, status, updated_at FROM checklist_items`, (c, r) => {
    c.checklist.push({ key: r.item_key, status: r.status, updatedOn: day(r.updated_at) });
  });
  each<{ kind: ServiceKind; delivered_on: string }>(
    `SELECT client_id, kind, delivered_on FROM services_log WHERE kind IN ('naloxoneKit', 'overdosePrevention', 'oatDose')`,
    (c, r) => {
      c.services.push({ kind: r.kind, deliveredOn: r.delivered_on });
    },
  );
  // Only the first weeks after release matter (72 hours, 14 days); a day of margin for the local/UTC shift.
  each<{ at: string }>(
    `SELECT n.client_id, n.at FROM clients c JOIN contact_notes n ON n.client_id = c.id
      WHERE c.actual_release IS NOT NULL AND n.phase = 'afterRelease' AND n.at >= date(c.actual_release, '-1 day') AND n.at < date(c.actual_release, '+16 days')`,
    (c, r) => {
      c.contactsAfterRelease.push(day(r.at));
    },
  );
  each<{ milestone: FollowUpMilestone; reached: number; contacted_on: string; housing: string; employment: string; substance_use: string; treatment_attendance: string; rearrest: string; overdose: string }>(
    `SELECT client_id, milestone, reached, contacted_on, housing, employment, substance_use, treatment_attendance, rearrest, overdose FROM follow_ups`,
    (c, r) => {
      const f: ReportFollowUpRecord = {
        milestone: r.milestone,
        reached: r.reached === 1,
        contactedOn: r.contacted_on,
        housing: r.housing,
        employment: r.employment,
        substanceUse: r.substance_use,
        treatmentAttendance: r.treatment_attendance,
        rearrest: r.rearrest,
        overdose: r.overdose,
      };
      c.followUps.push(f);
    },
  );
  each<{ created_at: string; receipt_received_at: string | null }>(`SELECT client_id, created_at, receipt_received_at FROM handover_exports`, (c, r) => {
    c.handovers.push({ sentOn: day(r.created_at), receiptOn: r.receipt_received_at ? day(r.receipt_received_at) : null });
  });
  each<{ appointment_at: string | null }>(
    `SELECT r.client_id, r.appointment_at FROM referrals r JOIN services s ON s.id = r.service_id WHERE s.type = 'oat_provider' AND r.status = 'attended'`,
    (c, r) => {
      // Appointment times are wall-clock at the service: their date part is the day.
      c.oatProviderAttended.push({ appointmentOn: r.appointment_at ? r.appointment_at.slice(0, 10) : null });
    },
  );
  return [...byId.values()];
}
