-- Order events: typed columns instead of Korean notes (parsed once, here).
-- An undo was the note "되돌리기": it takes back the event just before it on that order.
UPDATE `order_events` SET `kind` = 'undo', `note` = NULL,
  `reverses_event_id` = (SELECT max(p.`id`) FROM `order_events` p WHERE p.`order_id` = `order_events`.`order_id` AND p.`id` < `order_events`.`id`)
WHERE `note` = '되돌리기';
--> statement-breakpoint
-- "랙 A3" on a move to ready: the slot the bag was put on.
UPDATE `order_events` SET `rack_slot` = substr(`note`, 3), `note` = NULL
WHERE `kind` = 'status_change' AND `to_status` IN ('ready', 'arrived') AND (`note` GLOB '랙 [A-Z][0-9]' OR `note` GLOB '랙 [A-Z][0-9][0-9]');
--> statement-breakpoint
-- "랙 A3" on a hand-over or no-show: the slot the bag left.
UPDATE `order_events` SET `from_rack_slot` = substr(`note`, 3), `note` = NULL
WHERE `kind` = 'status_change' AND `to_status` IN ('picked_up', 'no_show', 'cancelled') AND (`note` GLOB '랙 [A-Z][0-9]' OR `note` GLOB '랙 [A-Z][0-9][0-9]');
--> statement-breakpoint
-- Consent texts exist from the start (version 1 of each kind), so pages only read them.
INSERT OR IGNORE INTO `consent_texts` (`kind`, `version`, `body`) VALUES ('privacy', 1, '[필수] 개인정보 수집·이용 동의: 픽업 주문 확인과 안내를 위해 이름과 휴대전화 번호를 수집합니다. 주문 완료 후 5년간(전자상거래법에 따른 거래 기록) 보관하며, ''내 정보''에서 언제든 확인·수정·삭제를 요청할 수 있습니다.');
--> statement-breakpoint
INSERT OR IGNORE INTO `consent_texts` (`kind`, `version`, `body`) VALUES ('marketing', 1, '[선택] 마케팅 정보 수신 동의: 신상품, 내일의 빵 목록, 할인 소식을 문자로 받습니다. 동의하지 않아도 주문할 수 있으며 언제든 철회할 수 있습니다.');
--> statement-breakpoint
INSERT OR IGNORE INTO `consent_texts` (`kind`, `version`, `body`) VALUES ('consultation', 1, '[필수] 상담 정보 수집·이용 동의: 더 잘 맞는 상담과 추천을 위해 상담표 응답과 방문 기록을 보관합니다. ''내 정보''에서 언제든 확인·수정·삭제할 수 있습니다.');
