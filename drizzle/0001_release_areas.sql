CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`sort_name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`sex` text NOT NULL,
	`nationality` text DEFAULT '' NOT NULL,
	`preferred_language` text DEFAULT 'cs' NOT NULL,
	`prison_id` text,
	`sentence_start` text,
	`earliest_release` text,
	`latest_release` text,
	`actual_release` text,
	`region_id` text,
	`municipality` text DEFAULT '' NOT NULL,
	`assigned_worker_id` text NOT NULL,
	`status` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`custody` text DEFAULT 'held' NOT NULL,
	`handed_over_to` text,
	`handed_over_at` text,
	`receipt_received_at` text,
	`last_contact_at` text,
	`checklist_done` integer DEFAULT 0 NOT NULL,
	`checklist_total` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`prison_id`) REFERENCES `reference_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `reference_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_worker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clients_code_unique` ON `clients` (`code`);--> statement-breakpoint
CREATE INDEX `clients_release_idx` ON `clients` (("earliest_release" IS NULL),`earliest_release`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_worker_release_idx` ON `clients` (`assigned_worker_id`,("earliest_release" IS NULL),`earliest_release`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_sort_name_idx` ON `clients` (`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_worker_name_idx` ON `clients` (`assigned_worker_id`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_status_idx` ON `clients` (`status`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_last_contact_idx` ON `clients` (("last_contact_at" IS NULL),`last_contact_at`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_prison_idx` ON `clients` (`prison_id`,("earliest_release" IS NULL),`earliest_release`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_region_idx` ON `clients` (`region_id`,("earliest_release" IS NULL),`earliest_release`,`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_birth_idx` ON `clients` (`date_of_birth`);--> statement-breakpoint
CREATE TABLE `contact_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`at` text NOT NULL,
	`channel` text NOT NULL,
	`phase` text NOT NULL,
	`participants` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_notes_client_idx` ON `contact_notes` (`client_id`,`at`);--> statement-breakpoint
CREATE TABLE `reference_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reference_kind_idx` ON `reference_items` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`assessed_on` text NOT NULL,
	`content` text NOT NULL,
	`based_on_id` text,
	`author_id` text NOT NULL,
	`completed_by_id` text,
	`completed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessments_client_idx` ON `assessments` (`client_id`,`assessed_on`);--> statement-breakpoint
CREATE TABLE `screenings` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`instrument_version` text NOT NULL,
	`administered_on` text NOT NULL,
	`sex` text NOT NULL,
	`answers` text NOT NULL,
	`total` integer NOT NULL,
	`zone_id` text,
	`notes` text DEFAULT '' NOT NULL,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `screenings_client_idx` ON `screenings` (`client_id`,`instrument_id`,`administered_on`);--> statement-breakpoint
CREATE TABLE `checklist_items` (
	`client_id` text NOT NULL,
	`item_key` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`not_applicable_reason` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`client_id`, `item_key`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`milestone` text NOT NULL,
	`due_date` text NOT NULL,
	`reached` integer NOT NULL,
	`contacted_on` text NOT NULL,
	`housing` text NOT NULL,
	`employment` text NOT NULL,
	`substance_use` text NOT NULL,
	`treatment_attendance` text NOT NULL,
	`rearrest` text NOT NULL,
	`overdose` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_client_milestone_idx` ON `follow_ups` (`client_id`,`milestone`);--> statement-breakpoint
CREATE TABLE `plan_goals` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`domain` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`position` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_goals_client_idx` ON `plan_goals` (`client_id`,`domain`,`position`);--> statement-breakpoint
CREATE TABLE `plan_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`goal_id` text NOT NULL,
	`client_id` text NOT NULL,
	`title` text NOT NULL,
	`due_date` text,
	`responsible_kind` text NOT NULL,
	`responsible_name` text,
	`status` text DEFAULT 'open' NOT NULL,
	`position` integer NOT NULL,
	`completed_at` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `plan_goals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_tasks_goal_idx` ON `plan_tasks` (`goal_id`,`position`);--> statement-breakpoint
CREATE INDEX `plan_tasks_client_due_idx` ON `plan_tasks` (`client_id`,`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `services_log` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`delivered_on` text NOT NULL,
	`oat_medication` text,
	`oat_dose` text,
	`prescriber` text,
	`disease` text,
	`test_result` text,
	`programme` text,
	`attended` integer,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_log_client_idx` ON `services_log` (`client_id`,`delivered_on`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`service_id` text NOT NULL,
	`reason` text NOT NULL,
	`appointment_at` text,
	`status` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_client_idx` ON `referrals` (`client_id`,`appointment_at`);--> statement-breakpoint
CREATE INDEX `referrals_service_idx` ON `referrals` (`service_id`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`region_id` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`contact_person` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`website` text DEFAULT '' NOT NULL,
	`opening_hours` text DEFAULT '' NOT NULL,
	`intake_criteria` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`region_id`) REFERENCES `reference_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_region_type_idx` ON `services` (`region_id`,`type`,`name`);--> statement-breakpoint
CREATE INDEX `services_type_idx` ON `services` (`type`,`name`);--> statement-breakpoint
CREATE TABLE `client_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`description` text,
	`data` blob NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `client_attachments_client_idx` ON `client_attachments` (`client_id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`organisation` text,
	`sections` text DEFAULT '[]' NOT NULL,
	`given_on` text NOT NULL,
	`expires_on` text,
	`withdrawn_on` text,
	`note` text DEFAULT '' NOT NULL,
	`scan_attachment_id` text,
	`recorded_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_client_idx` ON `consents` (`client_id`,`kind`);--> statement-breakpoint
CREATE TABLE `handover_exports` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`recipients` text NOT NULL,
	`organisation` text NOT NULL,
	`sections` text NOT NULL,
	`custody` integer NOT NULL,
	`by_passphrase` integer NOT NULL,
	`revision` integer NOT NULL,
	`manifest_sha256` text NOT NULL,
	`file_sha256` text NOT NULL,
	`receipt_id` text,
	`receipt_status` text DEFAULT 'pending' NOT NULL,
	`receipt_received_at` text,
	`receipt_signer_fingerprint` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handover_exports_client_idx` ON `handover_exports` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `handover_exports_pending_idx` ON `handover_exports` (`receipt_status`,`created_at`);--> statement-breakpoint
CREATE TABLE `handover_imports` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`manifest_sha256` text NOT NULL,
	`sender_fingerprint` text NOT NULL,
	`case_id` text NOT NULL,
	`revision` integer NOT NULL,
	`client_id` text,
	`custody` integer NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL,
	`receipt` blob NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handover_imports_case_idx` ON `handover_imports` (`case_id`,`revision`);--> statement-breakpoint
CREATE TABLE `identity_keys` (
	`user_id` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`signing_secret_key` text NOT NULL,
	`age_x25519_identity` text NOT NULL,
	`age_hybrid_identity` text NOT NULL,
	`card_json` text NOT NULL,
	`card_signature` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identity_keys_fingerprint_unique` ON `identity_keys` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `trusted_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`organisation` text NOT NULL,
	`card_json` text NOT NULL,
	`card_signature` text NOT NULL,
	`verification` text NOT NULL,
	`verified_at` text,
	`verified_by` text,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trusted_contacts_active_fp_idx` ON `trusted_contacts` (`fingerprint`) WHERE removed_at IS NULL;