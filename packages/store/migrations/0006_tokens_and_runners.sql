CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "tokens_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "upload_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "runner" text;--> statement-breakpoint
CREATE INDEX "upload_events_owner_at" ON "upload_events" USING btree ("owner","at");--> statement-breakpoint
CREATE INDEX "drafts_status" ON "drafts" USING btree ("status");