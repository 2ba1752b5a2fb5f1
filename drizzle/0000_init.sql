CREATE TABLE `audit_head` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity_id`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`user_id` text NOT NULL,
	`form_key` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `form_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
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
CREATE INDEX `clients_worker_idx` ON `clients` (`assigned_worker_id`,`earliest_release`);--> statement-breakpoint
CREATE INDEX `clients_release_idx` ON `clients` (`earliest_release`);--> statement-breakpoint
CREATE INDEX `clients_sort_name_idx` ON `clients` (`sort_name`);--> statement-breakpoint
CREATE INDEX `clients_status_idx` ON `clients` (`status`,`earliest_release`);--> statement-breakpoint
CREATE INDEX `clients_prison_idx` ON `clients` (`prison_id`,`earliest_release`);--> statement-breakpoint
CREATE INDEX `clients_region_idx` ON `clients` (`region_id`,`earliest_release`);--> statement-breakpoint
CREATE INDEX `clients_last_contact_idx` ON `clients` (`last_contact_at`);--> statement-breakpoint
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
CREATE INDEX `reference_kind_idx` ON `reference_items` (`kind`,`name`);