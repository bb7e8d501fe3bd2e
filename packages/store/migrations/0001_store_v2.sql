CREATE TABLE "checks" (
	"agreement_id" text NOT NULL,
	"check_id" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"explanation" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"classifier" text NOT NULL,
	CONSTRAINT "checks_agreement_id_check_id_pk" PRIMARY KEY("agreement_id","check_id"),
	CONSTRAINT "checks_status" CHECK ("checks"."status" IN ('pass', 'fail', 'not_applicable'))
);
--> statement-breakpoint
-- Hand-edited: existing rows get their hash from their document before the column becomes NOT NULL.
ALTER TABLE "agreements" ADD COLUMN "sha256" text;--> statement-breakpoint
UPDATE "agreements" a SET "sha256" = d."sha256" FROM "documents" d WHERE d."agreement_id" = a."id";--> statement-breakpoint
DELETE FROM "agreements" WHERE "sha256" IS NULL;--> statement-breakpoint
ALTER TABLE "agreements" ALTER COLUMN "sha256" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-edited: the sample manifest's ids are in the `sample:` namespace.
UPDATE "agreements" SET "sample" = true WHERE "id" LIKE 'sample:%';--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "text" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "pages" jsonb;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "footnotes" jsonb;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "cdce_deposit_earliest" date;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "cdce_deposit_latest" date;--> statement-breakpoint
ALTER TABLE "provisions" ADD COLUMN "footnote_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-edited: the checks of stored scorecards (before taxonomy v1.1 a check had `passed`).
INSERT INTO "checks" ("agreement_id", "check_id", "status", "title", "explanation", "evidence", "classifier")
SELECT a."id", c->>'id',
       coalesce(c->>'status', CASE WHEN (c->>'passed')::boolean THEN 'pass' ELSE 'fail' END),
       coalesce(c->>'title', c->>'id'), coalesce(c->>'explanation', ''), coalesce(c->'evidence', '[]'::jsonb), a."classifier"
FROM "agreements" a, jsonb_array_elements(a."scorecard"->'checks') c
ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE INDEX "checks_check_status" ON "checks" USING btree ("check_id","status");--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_sha256_unique" UNIQUE("sha256");--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_strength" CHECK ("tags"."strength" IN ('binding', 'soft', 'preambular'));