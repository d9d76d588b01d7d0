CREATE TABLE `preorder_outcome_days` (
	`pickup_date` text PRIMARY KEY NOT NULL,
	`final` integer NOT NULL,
	`picked_up` integer NOT NULL,
	`no_show` integer NOT NULL,
	`prepaid` integer NOT NULL,
	`prepaid_no_show` integer NOT NULL
);
--> statement-breakpoint
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
CREATE INDEX `purchase_exchange_items_date` ON `purchase_exchange_items` (`date`,`product_id`);--> statement-breakpoint
DROP INDEX `customer_purchases_customer`;--> statement-breakpoint
DROP INDEX `customer_purchases_points`;--> statement-breakpoint
DROP INDEX `customer_purchases_gaps`;--> statement-breakpoint
DROP INDEX `customer_purchases_days`;--> statement-breakpoint
ALTER TABLE `customer_purchases` ADD `prev_other_day` integer;--> statement-breakpoint
ALTER TABLE `customer_purchases` ADD `day_mixed` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `customer_purchases_customer` ON `customer_purchases` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_purchases_points` ON `customer_purchases` (`rate_bp`,`day`,`total`,`points`,`at`,`prev_other_day`,`next_other_day`,`day_mixed`);--> statement-breakpoint
CREATE INDEX `customer_purchases_gaps` ON `customer_purchases` (day - prev_day,`day`,`prev_day`) WHERE first_of_day = 1 AND prev_day IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customer_purchases_days` ON `customer_purchases` (`day`,`prev_day`,`next_day`,`next_other_day`,`channel`,`value_180`,`day_mixed`) WHERE first_of_day = 1;--> statement-breakpoint
CREATE INDEX `store_sale_items_excess` ON `store_sale_items` (`sale_id`) WHERE excess > 0;--> statement-breakpoint
-- Backfill of 0018 (metrics-outcomes-omni): the purchase sequence's new columns from its own rows
-- (days are already shop-local), and the pre-order outcome counts per pickup date from the orders.
-- The same as `rebuild-metrics` computes (lib/purchases/sequence.ts, lib/purchases/outcomes.ts).
WITH w AS (
  SELECT id, channel,
         min(channel) OVER (PARTITION BY customer_id, day) != max(channel) OVER (PARTITION BY customer_id, day) AS mixed,
         max(CASE WHEN channel = 'web' THEN day END) OVER earlier AS pw,
         max(CASE WHEN channel = 'phone' THEN day END) OVER earlier AS pp,
         max(CASE WHEN channel = 'store' THEN day END) OVER earlier AS ps
    FROM customer_purchases
  WINDOW earlier AS (PARTITION BY customer_id ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
UPDATE customer_purchases
   SET day_mixed = w.mixed,
       prev_other_day = nullif(max(coalesce(CASE WHEN w.channel != 'web' THEN w.pw END, -1), coalesce(CASE WHEN w.channel != 'phone' THEN w.pp END, -1),
                                   coalesce(CASE WHEN w.channel != 'store' THEN w.ps END, -1)), -1)
  FROM w WHERE w.id = customer_purchases.id;
--> statement-breakpoint
INSERT INTO preorder_outcome_days (pickup_date, final, picked_up, no_show, prepaid, prepaid_no_show)
SELECT pickup_date, count(*), sum(status = 'picked_up'), sum(status = 'no_show'), sum(prepaid_amount > 0), sum(prepaid_amount > 0 AND status = 'no_show')
  FROM orders WHERE status IN ('picked_up', 'no_show', 'cancelled') AND pickup_date IS NOT NULL GROUP BY pickup_date;
