ALTER TABLE `order_events` ADD `payment_method` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_method` text;--> statement-breakpoint
ALTER TABLE `shop_settings` ADD `check_in_opens_minutes` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `store_sale_items` ADD `excess` integer DEFAULT 0 NOT NULL;