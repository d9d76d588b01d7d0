ALTER TABLE `order_events` ADD `amount` integer;--> statement-breakpoint
ALTER TABLE `order_events` ADD `payment_key` text;--> statement-breakpoint
ALTER TABLE `order_events` ADD `provider_method` text;--> statement-breakpoint
ALTER TABLE `order_events` ADD `approved_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_until` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_order_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_key` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `prepaid_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `refund_owed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `refunded_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_payment_order_id_unique` ON `orders` (`payment_order_id`);--> statement-breakpoint
ALTER TABLE `products` ADD `payment_policy` text;--> statement-breakpoint
ALTER TABLE `shop_settings` ADD `payment_policy` text DEFAULT 'at_pickup' NOT NULL;--> statement-breakpoint
ALTER TABLE `shop_settings` ADD `payment_hold_minutes` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `shop_settings` ADD `prepaid_keep_percent` integer DEFAULT 100 NOT NULL;