CREATE TABLE `pickup_lead_times` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`day` integer NOT NULL,
	`lead_ms` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pickup_lead_times_day` ON `pickup_lead_times` (`day`,`lead_ms`);--> statement-breakpoint
CREATE TABLE `purchase_days` (
	`day` integer NOT NULL,
	`channel` text NOT NULL,
	`purchases` integer NOT NULL,
	`total` integer NOT NULL,
	`identified` integer NOT NULL,
	`claimed` integer NOT NULL,
	PRIMARY KEY(`day`, `channel`)
);
--> statement-breakpoint
DROP INDEX `customer_purchases_points`;--> statement-breakpoint
CREATE INDEX `customer_purchases_gaps` ON `customer_purchases` (day - prev_day,`day`) WHERE first_of_day = 1 AND prev_day IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customer_purchases_points` ON `customer_purchases` (`rate_bp`,`day`,`total`,`points`,`at`);--> statement-breakpoint
-- Backfill of the per-day purchase sums (purchase_days) and the pickup lead times (pickup_lead_times) from the orders and counter sales, with
-- the default zone's offset (Asia/Seoul, UTC+9) as migration 0016 uses for customer_purchases;
-- a shop in another zone runs `npm run cli -- rebuild-metrics` after migrating.
INSERT INTO purchase_days (day, channel, purchases, total, identified, claimed)
SELECT ((picked_up_at + 32400000) / 86400000) AS d, channel, count(*), sum(total), count(customer_id), 0
  FROM orders WHERE status = 'picked_up' AND picked_up_at IS NOT NULL GROUP BY d, channel
UNION ALL
SELECT ((occurred_at + 32400000) / 86400000) AS d, 'store', count(*), sum(total), count(customer_id), count(claimed_at IS NOT NULL AND customer_id IS NOT NULL OR NULL)
  FROM store_sales GROUP BY d;
--> statement-breakpoint
INSERT INTO pickup_lead_times (order_id, day, lead_ms)
SELECT id, ((picked_up_at + 32400000) / 86400000),
       CASE WHEN arrived_at IS NOT NULL THEN max(0, picked_up_at - max(arrived_at, unixepoch(pickup_date || ' ' || slot_start) * 1000 - 32400000)) END
  FROM orders WHERE status = 'picked_up' AND picked_up_at IS NOT NULL;
