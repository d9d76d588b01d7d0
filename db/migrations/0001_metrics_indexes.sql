CREATE INDEX `orders_customer_picked_up` ON `orders` (`customer_id`,`picked_up_at`) WHERE status = 'picked_up';--> statement-breakpoint
CREATE INDEX `orders_purchases` ON `orders` (`picked_up_at`,`customer_id`,`channel`,`total`,`points_earned`,`arrived_at`) WHERE status = 'picked_up';--> statement-breakpoint
CREATE INDEX `store_sales_customer_occurred_at` ON `store_sales` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `store_sales_purchases` ON `store_sales` (`occurred_at`,`customer_id`,`total`,`points_earned`);