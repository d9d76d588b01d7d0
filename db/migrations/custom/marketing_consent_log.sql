-- Marketing consent moves from customers.marketing_consent to the consent log alone.
-- Must run BEFORE `ALTER TABLE customers DROP COLUMN marketing_consent`.
-- A customer whose column said yes while the log's latest marketing decision did not gets
-- that yes logged (source 'migration'), against the current marketing text (created if none).
INSERT INTO `consent_texts` (`kind`, `version`, `body`)
SELECT 'marketing', 1, '[선택] 마케팅 정보 수신 동의: 신상품, 내일의 빵 목록, 할인 소식을 문자로 받습니다. 동의하지 않아도 주문할 수 있으며 언제든 철회할 수 있습니다.'
WHERE EXISTS (SELECT 1 FROM `customers` WHERE `marketing_consent` = 1)
  AND NOT EXISTS (SELECT 1 FROM `consent_texts` WHERE `kind` = 'marketing');
--> statement-breakpoint
INSERT INTO `consents` (`customer_id`, `consent_text_id`, `granted`, `source`, `created_at`)
SELECT c.`id`,
       (SELECT t.`id` FROM `consent_texts` t WHERE t.`kind` = 'marketing' ORDER BY t.`version` DESC LIMIT 1),
       1, 'migration', cast(unixepoch('subsec') * 1000 as integer)
  FROM `customers` c
 WHERE c.`marketing_consent` = 1
   AND coalesce((SELECT k.`granted` FROM `consents` k JOIN `consent_texts` t ON t.`id` = k.`consent_text_id`
                  WHERE k.`customer_id` = c.`id` AND t.`kind` = 'marketing'
                  ORDER BY k.`created_at` DESC, k.`id` DESC LIMIT 1), 0) = 0;
--> statement-breakpoint
