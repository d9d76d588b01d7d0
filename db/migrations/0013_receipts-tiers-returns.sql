CREATE TABLE `purchase_return_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`return_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`product_name` text NOT NULL,
	`quantity` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `purchase_returns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_return_items_return` ON `purchase_return_items` (`return_id`);--> statement-breakpoint
CREATE TABLE `purchase_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text,
	`request_hash` text,
	`order_id` integer,
	`sale_id` integer,
	`customer_id` integer,
	`kind` text DEFAULT 'return' NOT NULL,
	`refund` integer NOT NULL,
	`method` text NOT NULL,
	`points_reversed` integer DEFAULT 0 NOT NULL,
	`restocked` integer DEFAULT false NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_id`) REFERENCES `store_sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_returns_external_id_unique` ON `purchase_returns` (`external_id`);--> statement-breakpoint
CREATE INDEX `purchase_returns_order` ON `purchase_returns` (`order_id`);--> statement-breakpoint
CREATE INDEX `purchase_returns_sale` ON `purchase_returns` (`sale_id`);--> statement-breakpoint
CREATE INDEX `purchase_returns_customer` ON `purchase_returns` (`customer_id`);--> statement-breakpoint
CREATE TABLE `sale_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sale_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `store_sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sale_reviews_sale_id_unique` ON `sale_reviews` (`sale_id`);--> statement-breakpoint
CREATE TABLE `tiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`window_days` integer NOT NULL,
	`threshold_won` integer NOT NULL,
	`points_rate_bp` integer NOT NULL,
	`birthday_coupon_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `tier_id` integer REFERENCES tiers(id);--> statement-breakpoint
ALTER TABLE `points_ledger` ADD `rate_bp` integer;--> statement-breakpoint
ALTER TABLE `store_sales` ADD `receipt_token` text;--> statement-breakpoint
ALTER TABLE `store_sales` ADD `claimed_at` integer;--> statement-breakpoint
ALTER TABLE `store_sales` ADD `claim_confirmed` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `store_sales_receipt_token` ON `store_sales` (`receipt_token`);
--> statement-breakpoint
-- Data: every earlier credit was computed with the shop's rate (no tiers existed), so each
-- existing `earn` entry gets the shop's current rate as the rate used.
UPDATE `points_ledger` SET `rate_bp` = (SELECT `points_rate_bp` FROM `shop_settings` WHERE `id` = 1) WHERE `reason` = 'earn' AND `rate_bp` IS NULL;--> statement-breakpoint
-- Data: every earlier counter sale gets its unguessable receipt token (18 random bytes, hex).
UPDATE `store_sales` SET `receipt_token` = lower(hex(randomblob(18))) WHERE `receipt_token` IS NULL;
