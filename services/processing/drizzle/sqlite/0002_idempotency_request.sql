ALTER TABLE `action_keys` ADD `request` text;--> statement-breakpoint
ALTER TABLE `claim_keys` ADD `request` text;