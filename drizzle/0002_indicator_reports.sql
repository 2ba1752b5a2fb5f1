CREATE TABLE `indicator_report_ledger` (
	`file_sha256` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`signer_fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `indicator_reports` (
	`report_id` text PRIMARY KEY NOT NULL,
	`signer_fingerprint` text NOT NULL,
	`signer_name` text NOT NULL,
	`organisation` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`created_at` text NOT NULL,
	`file_sha256` text NOT NULL,
	`report_json` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_reports_source_idx` ON `indicator_reports` (`signer_fingerprint`,`period_from`,`period_to`);