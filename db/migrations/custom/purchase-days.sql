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
