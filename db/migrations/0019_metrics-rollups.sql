CREATE TABLE `pickup_lead_days` (
	`day` integer NOT NULL,
	`bucket` integer NOT NULL,
	`orders` integer NOT NULL,
	PRIMARY KEY(`day`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `purchase_rate_days` (
	`day` integer NOT NULL,
	`rate_bp` integer NOT NULL,
	`total` integer NOT NULL,
	`points` integer NOT NULL,
	`purchases` integer NOT NULL,
	PRIMARY KEY(`day`, `rate_bp`, `total`, `points`)
);
--> statement-breakpoint
CREATE INDEX `purchase_rate_days_range` ON `purchase_rate_days` (`day`,`rate_bp`,`total`,`points`,`purchases`);--> statement-breakpoint
CREATE TABLE `repurchase_gap_days` (
	`day` integer NOT NULL,
	`gap` integer NOT NULL,
	`customers` integer NOT NULL,
	PRIMARY KEY(`day`, `gap`)
);
--> statement-breakpoint
CREATE INDEX `repurchase_gap_days_range` ON `repurchase_gap_days` (`day`,`gap`,`customers`);--> statement-breakpoint
CREATE TABLE `revisit_week_days` (
	`day` integer PRIMARY KEY NOT NULL,
	`anchors` integer NOT NULL,
	`within_30` integer NOT NULL,
	`within_60` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `customer_purchases_gaps`;--> statement-breakpoint
DROP INDEX `customer_purchases_customer`;--> statement-breakpoint
DROP INDEX `customer_purchases_points`;--> statement-breakpoint
DROP INDEX `customer_purchases_days`;--> statement-breakpoint
CREATE INDEX `customer_purchases_customer` ON `customer_purchases` (`customer_id`,`day`,`total`);--> statement-breakpoint
CREATE INDEX `customer_purchases_points` ON `customer_purchases` (`rate_bp`,`day`,`at`);--> statement-breakpoint
CREATE INDEX `customer_purchases_days` ON `customer_purchases` (`day`,`prev_day`,`next_day`,`next_other_day`,`channel`,`value_180`,`day_mixed`,`customer_id`) WHERE first_of_day = 1;--> statement-breakpoint
-- Backfill of 0019 (metrics-rollups): the rollups of the purchase sequence and the lead times from
-- their own rows, as `rebuild-metrics` computes them (lib/purchases/rollups.ts ROLLUP_REBUILD).
INSERT INTO purchase_rate_days (day, rate_bp, total, points, purchases)
  SELECT day, coalesce(rate_bp, -1), total, points, count(*) FROM customer_purchases GROUP BY day, coalesce(rate_bp, -1), total, points;
--> statement-breakpoint
INSERT INTO revisit_week_days (day, anchors, within_30, within_60)
  SELECT day, count(*), coalesce(sum(next_day - day <= 30), 0), coalesce(sum(next_day - day <= 60), 0)
  FROM customer_purchases WHERE first_of_day = 1 AND (prev_day IS NULL OR prev_day < day - (day + 3) % 7) GROUP BY day;
--> statement-breakpoint
INSERT INTO repurchase_gap_days (day, gap, customers)
  SELECT day, day - prev_day, count(*) FROM customer_purchases WHERE first_of_day = 1 AND prev_day IS NOT NULL GROUP BY day, day - prev_day;
--> statement-breakpoint
INSERT INTO pickup_lead_days (day, bucket, orders)
  SELECT day, coalesce((lead_ms + 9999) / 10000, -1), count(*) FROM pickup_lead_times GROUP BY day, coalesce((lead_ms + 9999) / 10000, -1);
