CREATE TABLE `birthday_coupon_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`year` integer NOT NULL,
	`coupon_code_id` integer NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coupon_code_id`) REFERENCES `coupon_codes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `birthday_coupon_grants_customer_year` ON `birthday_coupon_grants` (`customer_id`,`year`);--> statement-breakpoint
ALTER TABLE `customers` ADD `birthday` text;