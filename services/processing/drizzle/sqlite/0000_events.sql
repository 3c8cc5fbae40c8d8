CREATE TABLE `action_keys` (
	`tenant_id` text NOT NULL,
	`stream_id` text NOT NULL,
	`key` text NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `stream_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `claim_keys` (
	`tenant_id` text NOT NULL,
	`stream_id` text NOT NULL,
	`key` text NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `stream_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `events` (
	`position` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`stream_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`metadata` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`transaction_id` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_stream_version_key` ON `events` (`tenant_id`,`stream_id`,`version`);--> statement-breakpoint
CREATE INDEX `events_global_order_idx` ON `events` (`tenant_id`,`transaction_id`,`position`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`grant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`items` text NOT NULL,
	`reason` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`delivered_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_grant_key` ON `outbox` (`tenant_id`,`grant_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`tenant_id`,`delivered_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `quest_progress` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`quest_name` text NOT NULL,
	`progress` integer NOT NULL,
	`completions` integer NOT NULL,
	`claims` integer NOT NULL,
	`last_counted_day` text,
	`started` integer NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`, `quest_name`)
);
