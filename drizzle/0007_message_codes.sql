ALTER TABLE `import_rows` ADD `reason_messages` text;--> statement-breakpoint
ALTER TABLE `import_rows` ADD `attention_messages` text;--> statement-breakpoint
ALTER TABLE `ref_refreshes` ADD `last_error_code` text;--> statement-breakpoint
ALTER TABLE `ref_refreshes` ADD `last_error_params` text;--> statement-breakpoint
ALTER TABLE `reservation_attempts` ADD `message_code` text;--> statement-breakpoint
ALTER TABLE `reservation_attempts` ADD `message_params` text;--> statement-breakpoint
ALTER TABLE `reservation_import_rows` ADD `reason_messages` text;--> statement-breakpoint
ALTER TABLE `reservation_import_rows` ADD `attention_messages` text;--> statement-breakpoint
ALTER TABLE `reservations` ADD `last_error_code` text;--> statement-breakpoint
ALTER TABLE `reservations` ADD `last_error_params` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `last_error_code` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `last_error_params` text;--> statement-breakpoint
ALTER TABLE `sync_attempts` ADD `message_code` text;--> statement-breakpoint
ALTER TABLE `sync_attempts` ADD `message_params` text;