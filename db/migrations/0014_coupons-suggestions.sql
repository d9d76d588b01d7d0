CREATE TABLE `coupon_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coupon_id` integer NOT NULL,
	`code` text NOT NULL,
	`customer_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_codes_code_unique` ON `coupon_codes` (`code`);--> statement-breakpoint
CREATE INDEX `coupon_codes_coupon` ON `coupon_codes` (`coupon_id`);--> statement-breakpoint
CREATE INDEX `coupon_codes_customer` ON `coupon_codes` (`customer_id`);--> statement-breakpoint
CREATE INDEX `coupon_codes_valid_from` ON `coupon_codes` (`valid_from`);--> statement-breakpoint
CREATE TABLE `coupon_redemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`coupon_id` integer NOT NULL,
	`coupon_code_id` integer,
	`code` text NOT NULL,
	`customer_id` integer,
	`order_id` integer,
	`sale_id` integer,
	`discount` integer NOT NULL,
	`redeemed_at` integer NOT NULL,
	`released_at` integer,
	FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coupon_code_id`) REFERENCES `coupon_codes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sale_id`) REFERENCES `store_sales`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coupon_redemptions_coupon` ON `coupon_redemptions` (`coupon_id`,`customer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_redemptions_order_live` ON `coupon_redemptions` (`order_id`) WHERE order_id is not null and released_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_redemptions_sale_live` ON `coupon_redemptions` (`sale_id`) WHERE sale_id is not null and released_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_redemptions_code_live` ON `coupon_redemptions` (`coupon_code_id`) WHERE coupon_code_id is not null and released_at is null;--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`min_spend` integer DEFAULT 0 NOT NULL,
	`product_ids` text DEFAULT '[]' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`total_limit` integer,
	`per_customer_limit` integer,
	`code_mode` text NOT NULL,
	`code` text,
	`paused_at` integer,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupons_code_unique` ON `coupons` (`code`);--> statement-breakpoint
CREATE TABLE `suggestion_pairs_off` (
	`product_a` integer NOT NULL,
	`product_b` integer NOT NULL,
	`user_id` integer,
	`at` integer NOT NULL,
	PRIMARY KEY(`product_a`, `product_b`),
	FOREIGN KEY (`product_a`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_b`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suggestion_shows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`surface` text NOT NULL,
	`product_id` integer NOT NULL,
	`for_product_id` integer,
	`customer_id` integer,
	`order_id` integer,
	`sale_id` integer,
	`user_id` integer,
	`shown_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`for_product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sale_id`) REFERENCES `store_sales`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestion_shows_customer` ON `suggestion_shows` (`customer_id`,`shown_at`);--> statement-breakpoint
CREATE INDEX `suggestion_shows_shown_at` ON `suggestion_shows` (`shown_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_shows_order_product` ON `suggestion_shows` (`order_id`,`product_id`) WHERE order_id is not null;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `store_sales` ADD `discount` integer DEFAULT 0 NOT NULL;