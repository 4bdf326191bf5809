CREATE TABLE `import_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`line` integer,
	`state` text NOT NULL,
	`reason` text,
	`attention` text,
	`dedupe_key` text,
	`payload` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_rows_state_idx` ON `import_rows` (`import_id`,`state`,`row`);--> statement-breakpoint
CREATE INDEX `import_rows_dedupe_idx` ON `import_rows` (`import_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`format` text NOT NULL,
	`encoding` text NOT NULL,
	`status` text DEFAULT 'preview' NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`stop_sales` integer DEFAULT 0 NOT NULL,
	`new_count` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`invalid` integer DEFAULT 0 NOT NULL,
	`needs_attention` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`seen_max_stop_sale_id` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`committed_at` text
);
--> statement-breakpoint
CREATE INDEX `imports_file_hash_idx` ON `imports` (`file_hash`);--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `dedupe_key` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `source_email_id` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `source_row` integer;--> statement-breakpoint
CREATE INDEX `stop_sales_dedupe_idx` ON `stop_sales` (`dedupe_key`);