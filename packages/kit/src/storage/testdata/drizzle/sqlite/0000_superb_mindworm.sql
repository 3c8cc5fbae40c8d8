CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`title` text NOT NULL,
	`tags` text NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notes_tenant_title` ON `notes` (`tenant_id`,`title`);