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
