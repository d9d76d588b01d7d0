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
