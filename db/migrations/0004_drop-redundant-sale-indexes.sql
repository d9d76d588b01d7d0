DROP INDEX `store_sales_customer`;--> statement-breakpoint
DROP INDEX `store_sales_occurred_at`;