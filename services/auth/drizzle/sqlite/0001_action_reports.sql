CREATE TABLE `action_reports` (
	`tenant_id` text NOT NULL,
	`action_id` text NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer NOT NULL,
	`delivered_at` integer,
	`last_error` text,
	PRIMARY KEY(`tenant_id`, `action_id`)
);
--> statement-breakpoint
CREATE INDEX `action_reports_due_idx` ON `action_reports` (`tenant_id`,`delivered_at`,`next_attempt_at`);