ALTER TABLE `points_ledger` ADD `request_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `points_ledger_request_key_unique` ON `points_ledger` (`request_key`);