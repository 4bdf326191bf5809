ALTER TABLE `stop_sales` ADD `profile_id` integer REFERENCES sedna_profiles(id);--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `declare_date` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `lease_until` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `synced_at` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `phase1_sent_at` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `waiting_for_network` integer DEFAULT false NOT NULL;