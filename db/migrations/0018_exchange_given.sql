CREATE TABLE `purchase_exchange_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`return_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`product_name` text NOT NULL,
	`quantity` integer NOT NULL,
	`date` text NOT NULL,
	`excess` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `purchase_returns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_exchange_items_return` ON `purchase_exchange_items` (`return_id`);--> statement-breakpoint
CREATE INDEX `purchase_exchange_items_date` ON `purchase_exchange_items` (`date`,`product_id`);