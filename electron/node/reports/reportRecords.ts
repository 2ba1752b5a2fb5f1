import type Database from 'better-sqlite3';
import { localDate } from '../../../shared/plan/dates';
import type { ReportClientRecord, ReportFollowUpRecord, ReportPeriod } from '../../../shared/reports/records';
import { needsDetails } from '../../../shared/reports/indicators';
import type { ChecklistItemKey, ChecklistStatus, ServiceKind } from '../../../shared/schemas/plan';
import type { ClientStatus } from '../../../shared/schemas/client';
import type { FollowUpMilestone } from '../../../shared/schemas/followUp';

/**
 * Loads the plain records the indicators (shared/reports/indicators.ts) count, set-based: one query per table,
 * each reading only the columns and rows an indicator can use. Every client comes with status, prison, region
 * and worker; the details (checklist, services, contacts, follow-ups, handovers, referrals) only for the clients
 * `needsDetails` names for the period, so the dashboard over 10,000 clients and 500,000 notes reads a few
 * thousand rows, not every note. Timestamps become the workstation's local day, as the worker saw them.
 */
export function loadReportRecords(sqlite: Database.Database, period: ReportPeriod): ReportClientRecord[] {
  const revision = dataRevision(sqlite);
  const key = `${revision}|${period.from}|${period.to}|${period.today}`;
  const last = lastLoaded.get(sqlite);
  if (last?.key === key) return last.records;
  const records = readReportRecords(sqlite, period);
  lastLoaded.set(sqlite, { key, records });
  return records;
}

/**
 * The records last loaded on each connection, for the data revision and period they were read at: changing a
 * filter, the split, drilling down or printing the same period reads nothing again. Any commit on any
 * connection changes the revision, so a cached answer is never older than the data. Callers must not change
 * the records (the indicators are pure and do not).
 */
const lastLoaded = new WeakMap<Database.Database, { key: string; records: ReportClientRecord[] }>();

/** Drops a connection's cached records: the benchmark measures the first, uncached call with it. */
export function forgetReportRecords(sqlite: Database.Database): void {
  lastLoaded.delete(sqlite);
}

/** Changes with every commit: by another connection (data_version) or by this one (total_changes). */
function dataRevision(sqlite: Database.Database): string {
  const r = sqlite.prepare(`SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c`).get() as { v: number; c: number };
  return `${r.v}.${r.c}`;
}

/** The details of a client no indicator reads them for: one frozen set of empty lists, not six new ones each. */
const NO_DETAILS = Object.freeze({
  checklist: Object.freeze([]) as never[],
  services: Object.freeze([]) as never[],
  contactsAfterRelease: Object.freeze([]) as never[],
  followUps: Object.freeze([]) as never[],
  handovers: Object.freeze([]) as never[],
  oatProviderAttended: Object.freeze([]) as never[],
});

/** The records read afresh (what the cache holds). */
export function readReportRecords(sqlite: Database.Database, period: ReportPeriod): ReportClientRecord[] {
  // Rows as arrays (`raw()`), not objects: at 10,000 clients building the row objects cost more than SQLite.
  const rows = <T extends unknown[]>(query: string, ...params: unknown[]) => sqlite.prepare(query).raw().all(...params) as T[];
  const byId = new Map<string, ReportClientRecord>();
  const wanted = needsDetails(period);
  type ClientRow = [string, ClientStatus, string | null, string | null, string, string | null, string | null, 'held' | 'handedOver'];
  for (const [id, status, prisonId, regionId, workerId, earliestRelease, actualRelease, custody] of rows<ClientRow>(
    `SELECT id, status, prison_id, region_id, assigned_worker_id, earliest_release, actual_release, custody FROM clients`,
  )) {
    const record: ReportClientRecord = {
      id,
      status,
      prisonId,
      regionId,
      workerId,
      earliestRelease,
      actualRelease,
      custody,
      importedByHandover: false,
      // Erasure removes a client's rows (W10): an erased client is simply not loaded.
      erased: false,
      ...NO_DETAILS,
    };
    byId.set(id, wanted(record) ? { ...record, checklist: [], services: [], contactsAfterRelease: [], followUps: [], handovers: [], oatProviderAttended: [] } : record);
  }
  // The clients whose details are read, as one bound JSON parameter: `IN (SELECT value FROM json_each(?))`.
  const detailed = JSON.stringify([...byId.values()].filter(wanted).map((c) => c.id));
  /** Each row's first column is the client id. */
  const each = <T extends unknown[]>(query: string, fn: (record: ReportClientRecord, row: [string, ...T]) => void, ...params: unknown[]) => {
    for (const row of rows<[string, ...T]>(query, ...params)) {
      const record = byId.get(row[0]);
      if (record) fn(record, row);
    }
  };
  const day = (iso: string) => localDate(Date.parse(iso));
  const ofDetailed = `client_id IN (SELECT value FROM json_each(?))`;

  each<[]>(`SELECT DISTINCT client_id FROM handover_imports WHERE client_id IS NOT NULL`, (c) => {
    c.importedByHandover = true;
  });
  each<[ChecklistItemKey, ChecklistStatus, string]>(
    `SELECT client_id, item_key, status, updated_at FROM checklist_items WHERE ${ofDetailed}`,
    (c, [, key, status, updatedAt]) => {
      c.checklist.push({ key, status, updatedOn: day(updatedAt) });
    },
    detailed,
  );
  each<[ServiceKind, string]>(
    `SELECT client_id, kind, delivered_on FROM services_log WHERE ${ofDetailed} AND kind IN ('naloxoneKit', 'overdosePrevention', 'oatDose')`,
    (c, [, kind, deliveredOn]) => {
      c.services.push({ kind, deliveredOn });
    },
    detailed,
  );
  // Only the first weeks after release matter (72 hours, 14 days); a day of margin for the local/UTC shift.
  // CROSS JOIN keeps the detailed clients outermost, so each reads its own notes' date range from the
  // (client_id, at) index instead of the planner scanning every note.
  each<[string]>(
    `SELECT n.client_id, n.at FROM json_each(?) d CROSS JOIN clients c ON c.id = d.value CROSS JOIN contact_notes n ON n.client_id = c.id
      WHERE c.actual_release IS NOT NULL AND n.at >= date(c.actual_release, '-1 day') AND n.at < date(c.actual_release, '+16 days') AND n.phase = 'afterRelease'`,
    (c, [, at]) => {
      c.contactsAfterRelease.push(day(at));
    },
    detailed,
  );
  each<[FollowUpMilestone, number, string, string, string, string, string, string, string]>(
    `SELECT client_id, milestone, reached, contacted_on, housing, employment, substance_use, treatment_attendance, rearrest, overdose FROM follow_ups WHERE ${ofDetailed}`,
    (c, [, milestone, reached, contactedOn, housing, employment, substanceUse, treatmentAttendance, rearrest, overdose]) => {
      const f: ReportFollowUpRecord = { milestone, reached: reached === 1, contactedOn, housing, employment, substanceUse, treatmentAttendance, rearrest, overdose };
      c.followUps.push(f);
    },
    detailed,
  );
  each<[string, string | null]>(
    `SELECT client_id, created_at, receipt_received_at FROM handover_exports WHERE ${ofDetailed}`,
    (c, [, createdAt, receiptAt]) => {
      c.handovers.push({ sentOn: day(createdAt), receiptOn: receiptAt ? day(receiptAt) : null });
    },
    detailed,
  );
  each<[string | null]>(
    `SELECT r.client_id, r.appointment_at FROM referrals r JOIN services s ON s.id = r.service_id WHERE r.${ofDetailed} AND s.type = 'oat_provider' AND r.status = 'attended'`,
    (c, [, appointmentAt]) => {
      // Appointment times are wall-clock at the service: their date part is the day.
      c.oatProviderAttended.push({ appointmentOn: appointmentAt ? appointmentAt.slice(0, 10) : null });
    },
    detailed,
  );
  return [...byId.values()];
}
