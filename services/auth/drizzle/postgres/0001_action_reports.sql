CREATE TABLE "action_reports" (
	"tenant_id" text NOT NULL,
	"action_id" text NOT NULL,
	"user_id" text NOT NULL,
	"action" text NOT NULL,
	"occurred_at" bigint NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"lease_until" bigint NOT NULL,
	"delivered_at" bigint,
	"last_error" text,
	CONSTRAINT "action_reports_tenant_id_action_id_pk" PRIMARY KEY("tenant_id","action_id")
);
--> statement-breakpoint
CREATE INDEX "action_reports_due_idx" ON "action_reports" USING btree ("tenant_id","delivered_at","next_attempt_at");