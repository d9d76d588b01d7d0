CREATE TABLE `customer_purchases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`order_id` integer,
	`sale_id` integer,
	`channel` text NOT NULL,
	`at` integer NOT NULL,
	`day` integer NOT NULL,
	`first_of_day` integer NOT NULL,
	`prev_day` integer,
	`next_day` integer,
	`next_other_day` integer,
	`value_180` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sale_id`) REFERENCES `store_sales`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_purchases_order` ON `customer_purchases` (`order_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customer_purchases_sale` ON `customer_purchases` (`sale_id`);--> statement-breakpoint
CREATE INDEX `customer_purchases_customer` ON `customer_purchases` (`customer_id`,`day`);--> statement-breakpoint
CREATE INDEX `customer_purchases_days` ON `customer_purchases` (`day`,`prev_day`,`next_day`,`next_other_day`,`channel`,`value_180`) WHERE first_of_day = 1;--> statement-breakpoint
DROP INDEX `orders_date_status`;--> statement-breakpoint
DROP INDEX `orders_purchases`;--> statement-breakpoint
CREATE INDEX `orders_date_status` ON `orders` (`pickup_date`,`status`,`prepaid_amount`);--> statement-breakpoint
CREATE INDEX `orders_purchases` ON `orders` (`picked_up_at`,`customer_id`,`channel`,`total`,`points_earned`,`arrived_at`,`pickup_date`,`slot_start`) WHERE status = 'picked_up';--> statement-breakpoint
DROP INDEX `store_sales_purchases`;--> statement-breakpoint
CREATE INDEX `store_sales_purchases` ON `store_sales` (`occurred_at`,`customer_id`,`total`,`points_earned`,`claimed_at`);