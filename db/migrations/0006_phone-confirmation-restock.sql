CREATE TABLE `phone_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`confirmed_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `phone_confirmations_phone` ON `phone_confirmations` (`phone`,`created_at`);--> statement-breakpoint
CREATE TABLE `restock_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`created_at` integer NOT NULL,
	`notified_at` integer,
	`notified_date` text,
	`hold_until` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `restock_one_waiting` ON `restock_subscriptions` (`customer_id`,`product_id`) WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX `restock_waiting_product` ON `restock_subscriptions` (`product_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `restock_holds` ON `restock_subscriptions` (`notified_date`,`product_id`,`hold_until`);--> statement-breakpoint
ALTER TABLE `shop_settings` ADD `restock_hold_minutes` integer DEFAULT 0 NOT NULL;