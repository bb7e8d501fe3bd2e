CREATE TABLE "drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"status" text NOT NULL,
	"format" text NOT NULL,
	"byte_size" integer NOT NULL,
	"error_code" text,
	"sealed" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "drafts_owner" ON "drafts" USING btree ("owner");