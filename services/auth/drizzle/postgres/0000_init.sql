CREATE TABLE "accounts" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"user_name" text NOT NULL,
	"name_key" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"family_id" text NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"spent_at" bigint,
	"revoked_at" bigint,
	CONSTRAINT "refresh_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "wallet_entries" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"position" integer NOT NULL,
	"grant_id" text NOT NULL,
	"item" text NOT NULL,
	"qty" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "wallet_entries_tenant_id_user_id_position_pk" PRIMARY KEY("tenant_id","user_id","position")
);
--> statement-breakpoint
CREATE TABLE "wallet_grants" (
	"tenant_id" text NOT NULL,
	"grant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"items" text NOT NULL,
	"reason" text NOT NULL,
	"balances_after" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "wallet_grants_tenant_id_grant_id_pk" PRIMARY KEY("tenant_id","grant_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_tenant_name_key" ON "accounts" USING btree ("tenant_id","name_key");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_tenant_hash_key" ON "refresh_tokens" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_tenant_family_idx" ON "refresh_tokens" USING btree ("tenant_id","family_id");