import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { users } from './core';

/**
 * Signed indicator reports imported from other installations (W13 programme view). Aggregates only, no client.
 * One current report per source (signer) and period: a newer one replaces the older row.
 */
export const indicatorReports = sqliteTable(
  'indicator_reports',
  {
    reportId: text('report_id').primaryKey(),
    signerFingerprint: text('signer_fingerprint').notNull(),
    signerName: text('signer_name').notNull(),
    organisation: text('organisation').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    createdAt: text('created_at').notNull(),
    /** SHA-256 of the whole file, so the same file is recognised even if a replaced report is offered again. */
    fileSha256: text('file_sha256').notNull(),
    /** The signed report's canonical JSON, exactly as verified. */
    reportJson: text('report_json').notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by').notNull().references(() => users.id),
  },
  (t) => [index('indicator_reports_source_idx').on(t.signerFingerprint, t.periodFrom, t.periodTo)],
);

/** Every report file ever imported or replaced here: the replay ledger, so a replaced report cannot come back. */
export const indicatorReportLedger = sqliteTable('indicator_report_ledger', {
  fileSha256: text('file_sha256').primaryKey(),
  reportId: text('report_id').notNull(),
  signerFingerprint: text('signer_fingerprint').notNull(),
  createdAt: text('created_at').notNull(),
  importedAt: text('imported_at').notNull(),
});
