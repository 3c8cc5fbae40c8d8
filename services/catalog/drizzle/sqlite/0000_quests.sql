CREATE TABLE `quests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`trigger` text NOT NULL,
	`target` integer NOT NULL,
	`cadence` text NOT NULL,
	`consecutive` integer NOT NULL,
	`timezone` text NOT NULL,
	`max_completions` integer,
	`auto_claim` integer NOT NULL,
	`auto_start` integer NOT NULL,
	`rewards` text NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quests_tenant_name_key` ON `quests` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `quests_tenant_id_idx` ON `quests` (`tenant_id`,`id`);