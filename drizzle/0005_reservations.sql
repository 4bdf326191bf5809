CREATE TABLE `nationality_mappings` (
	`profile_id` integer NOT NULL,
	`value_key` text NOT NULL,
	`value_as_received` text NOT NULL,
	`country_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`profile_id`, `value_key`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ref_countries` (
	`profile_id` integer NOT NULL,
	`sedna_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`code` text,
	PRIMARY KEY(`profile_id`, `sedna_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ref_countries_name_key_idx` ON `ref_countries` (`profile_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `ref_countries_code_idx` ON `ref_countries` (`profile_id`,`code`);--> statement-breakpoint
CREATE TABLE `reservation_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reservation_id` integer NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`phase` text NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`sedna_error_type` integer,
	`message` text,
	`duration_ms` integer,
	`url` text,
	`request_body` text,
	`response_body` text,
	FOREIGN KEY (`reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reservation_attempts_reservation_idx` ON `reservation_attempts` (`reservation_id`,`id`);--> statement-breakpoint
CREATE TABLE `reservation_import_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`line` integer,
	`state` text NOT NULL,
	`reason` text,
	`attention` text,
	`dedupe_key` text,
	`payload` text,
	FOREIGN KEY (`import_id`) REFERENCES `reservation_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reservation_import_rows_state_idx` ON `reservation_import_rows` (`import_id`,`state`,`row`);--> statement-breakpoint
CREATE TABLE `reservation_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`format` text NOT NULL,
	`encoding` text NOT NULL,
	`status` text DEFAULT 'preview' NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`new_count` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`invalid` integer DEFAULT 0 NOT NULL,
	`needs_attention` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`committed_at` text
);
--> statement-breakpoint
CREATE INDEX `reservation_imports_file_hash_idx` ON `reservation_imports` (`file_hash`);--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`voucher_no` text NOT NULL,
	`hotel_name` text NOT NULL,
	`hotel_key` text NOT NULL,
	`hotel_id` integer,
	`check_in` text NOT NULL,
	`check_out` text NOT NULL,
	`nights` integer GENERATED ALWAYS AS (cast(julianday("check_out") - julianday("check_in") as integer)) VIRTUAL,
	`room_code` text NOT NULL,
	`board_code` text NOT NULL,
	`adults` integer NOT NULL,
	`children` integer DEFAULT 0 NOT NULL,
	`pax` integer GENERATED ALWAYS AS ("adults" + "children") VIRTUAL,
	`guests` text DEFAULT '[]' NOT NULL,
	`total_price` real,
	`currency` text,
	`sale_date` text,
	`source_email_id` text,
	`import_id` integer,
	`source_row` integer,
	`dedupe_key` text NOT NULL,
	`content_hash` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`sedna_rec_id` integer,
	`profile_id` integer,
	`operator_id` integer,
	`resolution` text,
	`send_started_at` text,
	`synced_at` text,
	`cancel_requested_at` text,
	`cancelled_at` text,
	`last_error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_attempt_at` text,
	`waiting_for_network` integer DEFAULT false NOT NULL,
	`claimed_by` text,
	`lease_until` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `reservation_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "reservations_stay_ordered" CHECK("reservations"."check_in" < "reservations"."check_out"),
	CONSTRAINT "reservations_pax_counts" CHECK("reservations"."adults" >= 0 and "reservations"."children" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_source_id_uq` ON `reservations` (`source_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_dedupe_uq` ON `reservations` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `reservations_status_idx` ON `reservations` (`status`);--> statement-breakpoint
CREATE INDEX `reservations_next_attempt_idx` ON `reservations` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `reservations_voucher_idx` ON `reservations` (`voucher_no`);--> statement-breakpoint
CREATE INDEX `reservations_hotel_key_idx` ON `reservations` (`hotel_key`);--> statement-breakpoint
CREATE INDEX `reservations_check_in_idx` ON `reservations` (`check_in`,`check_out`);--> statement-breakpoint
CREATE INDEX `reservations_check_out_idx` ON `reservations` (`check_out`);--> statement-breakpoint
CREATE INDEX `reservations_sedna_rec_id_idx` ON `reservations` (`sedna_rec_id`);--> statement-breakpoint
CREATE INDEX `reservations_last_attempt_idx` ON `reservations` (`last_attempt_at`);