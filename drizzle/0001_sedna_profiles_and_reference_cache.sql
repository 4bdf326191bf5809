CREATE TABLE `code_mappings` (
	`profile_id` integer NOT NULL,
	`kind` text NOT NULL,
	`hotel_id` integer NOT NULL,
	`code` text NOT NULL,
	`sedna_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`profile_id`, `kind`, `hotel_id`, `code`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "code_mappings_kind_known" CHECK("code_mappings"."kind" in ('room', 'board'))
);
--> statement-breakpoint
CREATE TABLE `hotel_mappings` (
	`profile_id` integer NOT NULL,
	`name_key` text NOT NULL,
	`name_as_received` text NOT NULL,
	`hotel_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`profile_id`, `name_key`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ref_boards` (
	`profile_id` integer NOT NULL,
	`sedna_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text,
	PRIMARY KEY(`profile_id`, `sedna_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ref_hotels` (
	`profile_id` integer NOT NULL,
	`sedna_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`code` text,
	`region` text,
	PRIMARY KEY(`profile_id`, `sedna_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ref_hotels_name_key_idx` ON `ref_hotels` (`profile_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `ref_refreshes` (
	`profile_id` integer NOT NULL,
	`kind` text NOT NULL,
	`refreshed_at` text,
	`item_count` integer DEFAULT 0 NOT NULL,
	`skipped_count` integer DEFAULT 0 NOT NULL,
	`stale` integer DEFAULT false NOT NULL,
	`last_error` text,
	`last_tried_at` text,
	PRIMARY KEY(`profile_id`, `kind`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ref_room_types` (
	`profile_id` integer NOT NULL,
	`hotel_id` integer NOT NULL,
	`sedna_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text,
	PRIMARY KEY(`profile_id`, `hotel_id`, `sedna_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `sedna_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ref_room_types_code_idx` ON `ref_room_types` (`profile_id`,`hotel_id`,`code`);--> statement-breakpoint
CREATE TABLE `sedna_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'sedna' NOT NULL,
	`name` text NOT NULL,
	`base_url` text NOT NULL,
	`username` text NOT NULL,
	`operator_id` integer,
	`operator_code` text,
	`authority_id` integer DEFAULT 207 NOT NULL,
	`record_user` text DEFAULT 'Entegrasyon' NOT NULL,
	`all_rooms` text DEFAULT 'explicit' NOT NULL,
	`all_boards` text DEFAULT 'explicit' NOT NULL,
	`is_active` integer DEFAULT false NOT NULL,
	`last_login_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "sedna_profiles_kind_known" CHECK("sedna_profiles"."kind" in ('sedna', 'demo')),
	CONSTRAINT "sedna_profiles_all_rooms_known" CHECK("sedna_profiles"."all_rooms" in ('explicit', 'empty')),
	CONSTRAINT "sedna_profiles_all_boards_known" CHECK("sedna_profiles"."all_boards" in ('explicit', 'empty'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sedna_profiles_one_active_uq` ON `sedna_profiles` (`is_active`) WHERE "sedna_profiles"."is_active" = 1;