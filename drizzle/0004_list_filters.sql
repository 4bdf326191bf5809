ALTER TABLE `stop_sales` ADD `hotel_key` text;--> statement-breakpoint
ALTER TABLE `stop_sales` ADD `nights` integer GENERATED ALWAYS AS (cast(julianday("last_night") - julianday("first_night") as integer) + 1) VIRTUAL;--> statement-breakpoint
CREATE INDEX `stop_sales_hotel_key_idx` ON `stop_sales` (`hotel_key`);--> statement-breakpoint
CREATE INDEX `stop_sales_first_night_idx` ON `stop_sales` (`first_night`,`last_night`);--> statement-breakpoint
CREATE INDEX `stop_sales_last_night_idx` ON `stop_sales` (`last_night`);--> statement-breakpoint
CREATE INDEX `stop_sales_nights_idx` ON `stop_sales` (`nights`);--> statement-breakpoint
CREATE INDEX `stop_sales_kind_idx` ON `stop_sales` (`kind`);--> statement-breakpoint
CREATE INDEX `stop_sales_last_attempt_idx` ON `stop_sales` (`last_attempt_at`);