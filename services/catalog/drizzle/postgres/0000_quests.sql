CREATE TABLE "quests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"trigger" text NOT NULL,
	"target" integer NOT NULL,
	"cadence" text NOT NULL,
	"consecutive" boolean NOT NULL,
	"timezone" text NOT NULL,
	"max_completions" integer,
	"auto_claim" boolean NOT NULL,
	"auto_start" boolean NOT NULL,
	"rewards" jsonb NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "quests_tenant_name_key" ON "quests" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "quests_tenant_id_idx" ON "quests" USING btree ("tenant_id","id");