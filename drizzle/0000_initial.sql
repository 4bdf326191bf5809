CREATE TABLE `stop_sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hotel_name` text NOT NULL,
	`hotel_id` integer,
	`room_codes` text DEFAULT '[]' NOT NULL,
	`board_codes` text DEFAULT '[]' NOT NULL,
	`market_ids` text DEFAULT '[]' NOT NULL,
	`first_night` text NOT NULL,
	`last_night` text NOT NULL,
	`kind` text DEFAULT 'close' NOT NULL,
	`reason` text,
	`source_message_id` text,
	`source_received_at` text,
	`source_subject` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`sedna_rec_id` integer,
	`last_error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_attempt_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "stop_sales_nights_ordered" CHECK("stop_sales"."first_night" <= "stop_sales"."last_night"),
	CONSTRAINT "stop_sales_kind_known" CHECK("stop_sales"."kind" in ('close', 'open'))
);
--> statement-breakpoint
CREATE INDEX `stop_sales_status_idx` ON `stop_sales` (`status`);--> statement-breakpoint
CREATE INDEX `stop_sales_hotel_nights_idx` ON `stop_sales` (`hotel_name`,`first_night`);--> statement-breakpoint
CREATE INDEX `stop_sales_next_attempt_idx` ON `stop_sales` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `stop_sales_sedna_rec_id_idx` ON `stop_sales` (`sedna_rec_id`);--> statement-breakpoint
CREATE TABLE `sync_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stop_sale_id` integer NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`phase` text NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`sedna_error_type` integer,
	`message` text,
	`duration_ms` integer,
	`request_body` text,
	`response_body` text,
	FOREIGN KEY (`stop_sale_id`) REFERENCES `stop_sales`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_attempts_stop_sale_idx` ON `sync_attempts` (`stop_sale_id`,`started_at`);