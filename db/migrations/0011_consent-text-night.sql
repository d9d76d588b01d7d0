-- The separate consent to advertising at night (21:00–08:00) exists from the start, like the others.
INSERT OR IGNORE INTO `consent_texts` (`kind`, `version`, `body`) VALUES ('marketing_night', 1, '[선택] 야간 광고 수신 동의: 밤 9시부터 아침 8시 사이에도 광고성 알림을 받습니다. 동의하지 않으면 그 시간의 알림은 아침 8시에 보내 드립니다.');
