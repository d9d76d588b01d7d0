CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`purpose` text DEFAULT 'transactional' NOT NULL,
	`customer_id` integer,
	`phone` text,
	`webhook_endpoint_id` integer,
	`payload` text NOT NULL,
	`locale` text DEFAULT 'ko' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`last_status_code` integer,
	`channel` text,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_customer` ON `outbox` (`customer_id`);