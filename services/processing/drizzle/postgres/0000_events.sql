CREATE TABLE "action_keys" (
	"tenant_id" text NOT NULL,
	"stream_id" text NOT NULL,
	"key" text NOT NULL,
	"answer" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "action_keys_pkey" PRIMARY KEY("tenant_id","stream_id","key")
);
--> statement-breakpoint
CREATE TABLE "claim_keys" (
	"tenant_id" text NOT NULL,
	"stream_id" text NOT NULL,
	"key" text NOT NULL,
	"answer" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "claim_keys_pkey" PRIMARY KEY("tenant_id","stream_id","key")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"transaction_id" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"grant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quest_progress" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"quest_name" text NOT NULL,
	"progress" integer NOT NULL,
	"completions" integer NOT NULL,
	"claims" integer NOT NULL,
	"last_counted_day" text,
	"started" boolean NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "quest_progress_pkey" PRIMARY KEY("tenant_id","user_id","quest_name")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "events_stream_version_key" ON "events" USING btree ("tenant_id","stream_id","version");--> statement-breakpoint
CREATE INDEX "events_global_order_idx" ON "events" USING btree ("tenant_id","transaction_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_grant_key" ON "outbox" USING btree ("tenant_id","grant_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("tenant_id","delivered_at","next_attempt_at");