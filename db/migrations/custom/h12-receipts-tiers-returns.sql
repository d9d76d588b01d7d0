-- Data: every earlier credit was computed with the shop's rate (no tiers existed), so each
-- existing `earn` entry gets the shop's current rate as the rate used.
UPDATE `points_ledger` SET `rate_bp` = (SELECT `points_rate_bp` FROM `shop_settings` WHERE `id` = 1) WHERE `reason` = 'earn' AND `rate_bp` IS NULL;--> statement-breakpoint
-- Data: every earlier counter sale gets its unguessable receipt token (18 random bytes, hex).
UPDATE `store_sales` SET `receipt_token` = lower(hex(randomblob(18))) WHERE `receipt_token` IS NULL;
