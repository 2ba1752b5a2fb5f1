CREATE TABLE `key_slot_copy` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL,
	`content` text NOT NULL,
	`updated_at` text NOT NULL
);
