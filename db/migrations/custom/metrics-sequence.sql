-- Backfill of customer_purchases (lib/purchases/sequence.ts) for a shop in Asia/Seoul (UTC+9, the
-- default and only zone the settings offer); another zone: run `npm run cli -- rebuild-metrics`.
INSERT INTO customer_purchases (customer_id, order_id, sale_id, channel, at, day, total, points, rate_bp, first_of_day, prev_day, next_day, next_other_day, value_180)
WITH p AS (
  SELECT o.customer_id AS c, o.id AS order_id, NULL AS sale_id, o.channel AS ch, o.picked_up_at AS at, ((o.picked_up_at + 32400000) / 86400000) AS day,
         o.total, o.points_earned AS pts, (SELECT l.rate_bp FROM points_ledger l WHERE l.reason = 'earn' AND l.source_type = 'order' AND l.source_id = o.id ORDER BY l.earn_round DESC LIMIT 1) AS rate_bp, o.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.order_id = o.id), 0) AS net
    FROM orders o WHERE o.status = 'picked_up' AND o.picked_up_at IS NOT NULL AND o.customer_id IS NOT NULL
  UNION ALL
  SELECT x.customer_id, NULL, x.id, 'store', x.occurred_at, ((x.occurred_at + 32400000) / 86400000),
         x.total, x.points_earned, (SELECT l.rate_bp FROM points_ledger l WHERE l.reason = 'earn' AND l.source_type = 'sale' AND l.source_id = x.id ORDER BY l.earn_round DESC LIMIT 1), x.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.sale_id = x.id), 0)
    FROM store_sales x WHERE x.customer_id IS NOT NULL),
w AS (
  SELECT *,
         row_number() OVER (PARTITION BY c, day ORDER BY at, order_id IS NULL, coalesce(order_id, sale_id)) AS rn,
         min(day) OVER (PARTITION BY c) AS first_day,
         max(day) OVER (PARTITION BY c ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_day,
         min(day) OVER later AS next_day,
         min(CASE WHEN ch = 'web' THEN day END) OVER later AS nw, min(CASE WHEN ch = 'phone' THEN day END) OVER later AS np, min(CASE WHEN ch = 'store' THEN day END) OVER later AS ns,
         sum(net) OVER (PARTITION BY c ORDER BY day RANGE BETWEEN CURRENT ROW AND 180 FOLLOWING) AS v180
    FROM p
  WINDOW later AS (PARTITION BY c ORDER BY day RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING))
SELECT c, order_id, sale_id, ch, at, day, total, pts, rate_bp, rn = 1, prev_day, next_day,
       nullif(min(coalesce(CASE WHEN ch != 'web' THEN nw END, 1000000000), coalesce(CASE WHEN ch != 'phone' THEN np END, 1000000000), coalesce(CASE WHEN ch != 'store' THEN ns END, 1000000000)), 1000000000),
       CASE WHEN rn = 1 AND day = first_day THEN v180 END
  FROM w;
