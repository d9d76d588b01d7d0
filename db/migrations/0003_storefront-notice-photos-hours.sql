ALTER TABLE `products` ADD `min_notice_hours` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `min_notice_day_before_time` text;--> statement-breakpoint
ALTER TABLE `products` ADD `photo_key` text;--> statement-breakpoint
ALTER TABLE `shop_settings` ADD `opening_hours` text;