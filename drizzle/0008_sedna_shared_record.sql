CREATE TABLE `sedna_pulls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`profile_id` integer NOT NULL,
	`kind` text NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text,
	`from_night` text NOT NULL,
	`to_night` text NOT NULL,
	`since_day` text,
	`high_water` text,
	`received` integer DEFAULT 0 NOT NULL,
	`changed` integer DEFAULT 0 NOT NULL,
	`gone` integer DEFAULT 0 NOT NULL,
	`error_code` text,
	`error_params` text,
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sedna_pulls_profile_idx` ON `sedna_pulls` (`profile_id`,`id`);--> statement-breakpoint
CREATE TABLE `sedna_stop_sales` (
	`profile_id` integer NOT NULL,
	`rec_id` integer NOT NULL,
	`hotel_id` integer,
	`begin_date` text NOT NULL,
	`end_date` text NOT NULL,
	`declare_date` text,
	`stop_type` integer,
	`state` integer,
	`record_user` text,
	`room_remark` text,
	`operator_remark` text,
	`board_remark` text,
	`rooms` text,
	`boards` text,
	`operators` text,
	`markets` text,
	`record_date` text,
	`update_date` text,
	`pulled_at` text NOT NULL,
	`gone_at` text,
	PRIMARY KEY(`profile_id`, `rec_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sedna_stop_sales_hotel_idx` ON `sedna_stop_sales` (`profile_id`,`hotel_id`,`begin_date`);--> statement-breakpoint
CREATE INDEX `sedna_stop_sales_update_idx` ON `sedna_stop_sales` (`profile_id`,`update_date`);--> statement-breakpoint
ALTER TABLE `reservations` ADD `sedna_found` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `sedna_found` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `drift` text;