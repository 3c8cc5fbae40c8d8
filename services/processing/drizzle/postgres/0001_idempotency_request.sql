ALTER TABLE "action_keys" ADD COLUMN "request" text;--> statement-breakpoint
ALTER TABLE "claim_keys" ADD COLUMN "request" text;