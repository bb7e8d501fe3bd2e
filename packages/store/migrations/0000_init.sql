CREATE TABLE "agreement_parties" (
	"agreement_id" text NOT NULL,
	"iso3" text NOT NULL,
	CONSTRAINT "agreement_parties_agreement_id_iso3_pk" PRIMARY KEY("agreement_id","iso3")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"type" text,
	"status" text,
	"date_signed" date,
	"date_in_force" date,
	"wto_rta_id" text,
	"composition" text,
	"region" text,
	"language" text NOT NULL,
	"source" text,
	"classifier" text NOT NULL,
	"scorecard" jsonb NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"sha256" text PRIMARY KEY NOT NULL,
	"agreement_id" text NOT NULL,
	"file_name" text,
	"media_type" text NOT NULL,
	"format" text NOT NULL,
	"byte_size" integer NOT NULL,
	"page_count" integer NOT NULL,
	"warnings" jsonb NOT NULL,
	CONSTRAINT "documents_agreement_id_unique" UNIQUE("agreement_id")
);
--> statement-breakpoint
CREATE TABLE "ingestion_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"mode" text NOT NULL,
	"classifier" text NOT NULL,
	"files" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"iso3" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text,
	"subregion" text,
	"developing" boolean,
	"ldc" boolean,
	"cdce_deposit" date,
	"cdce_instrument" text,
	"cdce_status" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisions" (
	"agreement_id" text NOT NULL,
	"provision_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"parent_id" text,
	"kind" text NOT NULL,
	"number" text,
	"heading" text,
	"text" text NOT NULL,
	"page_start" integer NOT NULL,
	"page_end" integer NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text_start" integer NOT NULL,
	"source_id" text,
	"article" text,
	"language" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS ((
        CASE "provisions"."language"
          WHEN 'en' THEN to_tsvector('english'::regconfig, coalesce("provisions"."heading", '') || ' ' || "provisions"."text")
          WHEN 'fr' THEN to_tsvector('french'::regconfig, coalesce("provisions"."heading", '') || ' ' || "provisions"."text")
          WHEN 'es' THEN to_tsvector('spanish'::regconfig, coalesce("provisions"."heading", '') || ' ' || "provisions"."text")
          ELSE to_tsvector('simple'::regconfig, coalesce("provisions"."heading", '') || ' ' || "provisions"."text")
        END)) STORED,
	CONSTRAINT "provisions_agreement_id_provision_id_pk" PRIMARY KEY("agreement_id","provision_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"agreement_id" text NOT NULL,
	"provision_id" text NOT NULL,
	"tag" text NOT NULL,
	"strength" text NOT NULL,
	"confidence" real NOT NULL,
	"evidence" jsonb NOT NULL,
	"why" jsonb NOT NULL,
	"scope" text,
	"classifier" text NOT NULL,
	CONSTRAINT "tags_agreement_id_provision_id_tag_pk" PRIMARY KEY("agreement_id","provision_id","tag")
);
--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisions" ADD CONSTRAINT "provisions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_agreement_id_provision_id_provisions_agreement_id_provision_id_fk" FOREIGN KEY ("agreement_id","provision_id") REFERENCES "public"."provisions"("agreement_id","provision_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_parties_iso3" ON "agreement_parties" USING btree ("iso3");--> statement-breakpoint
CREATE INDEX "agreements_date_signed" ON "agreements" USING btree ("date_signed");--> statement-breakpoint
CREATE INDEX "provisions_search" ON "provisions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "provisions_kind" ON "provisions" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "tags_tag" ON "tags" USING btree ("tag");