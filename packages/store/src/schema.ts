/**
 * The store's one schema, for both engines (PGlite and PostgreSQL). Change it, then run
 * `pnpm --filter @ccm/store generate` to write the next SQL migration in `migrations/`;
 * migrations are applied when a store opens.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** Countries and areas (UN M49), with development status and their standing under the Convention. */
export const parties = pgTable('parties', {
  iso3: text('iso3').primaryKey(),
  name: text('name').notNull(),
  region: text('region'),
  subregion: text('subregion'),
  /** The M49 "developing" flag (last published 2021-10): the usual proxy for Article 16. */
  developing: boolean('developing'),
  ldc: boolean('ldc'),
  /** Deposit of the instrument of ratification, acceptance, approval or accession; null when unknown. */
  cdceDeposit: date('cdce_deposit', { mode: 'string' }),
  cdceInstrument: text('cdce_instrument'),
  /** `party` (listed, with or without a date) or `unknown`: absence from the source list is not a "no". */
  cdceStatus: text('cdce_status').notNull(),
  source: text('source').notNull(),
});

export const agreements = pgTable(
  'agreements',
  {
    /** `tota:<treaty_identifier>`, `sha256:<16 hex>`, or an id given by a manifest. */
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    type: text('type'),
    status: text('status'),
    dateSigned: date('date_signed', { mode: 'string' }),
    dateInForce: date('date_in_force', { mode: 'string' }),
    wtoRtaId: text('wto_rta_id'),
    composition: text('composition'),
    region: text('region'),
    language: text('language').notNull(),
    /** Where the text comes from (a URL, "ToTA v0.5.0", a file name). */
    source: text('source'),
    classifier: text('classifier').notNull(),
    /** The Guidelines 18–19 scorecard as `@ccm/classifier` computes it. */
    scorecard: jsonb('scorecard').notNull(),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreements_date_signed').on(t.dateSigned)],
);

export const agreementParties = pgTable(
  'agreement_parties',
  {
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    /** ISO 3166-1 alpha-3; not a foreign key: agreements may name parties the reference lacks. */
    iso3: text('iso3').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.iso3] }), index('agreement_parties_iso3').on(t.iso3)],
);

export const documents = pgTable('documents', {
  sha256: text('sha256').primaryKey(),
  agreementId: text('agreement_id')
    .notNull()
    .unique()
    .references(() => agreements.id, { onDelete: 'cascade' }),
  fileName: text('file_name'),
  mediaType: text('media_type').notNull(),
  format: text('format').notNull(),
  byteSize: integer('byte_size').notNull(),
  pageCount: integer('page_count').notNull(),
  warnings: jsonb('warnings').notNull(),
});

export const provisions = pgTable(
  'provisions',
  {
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    /** The parser's id, stable within the document (`chapter-12/article-12.1/paragraph-4`). */
    provisionId: text('provision_id').notNull(),
    /** Document order. */
    ordinal: integer('ordinal').notNull(),
    parentId: text('parent_id'),
    kind: text('kind').notNull(),
    number: text('number'),
    heading: text('heading'),
    text: text('text').notNull(),
    pageStart: integer('page_start').notNull(),
    pageEnd: integer('page_end').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    textStart: integer('text_start').notNull(),
    sourceId: text('source_id'),
    /** Number of the article the provision belongs to (its own for an article): for citations. */
    article: text('article'),
    language: text('language').notNull(),
    /** Stemmed in the provision's language: English, French or Spanish (others: `simple`). */
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => sql`(
        CASE ${provisions.language}
          WHEN 'en' THEN to_tsvector('english'::regconfig, coalesce(${provisions.heading}, '') || ' ' || ${provisions.text})
          WHEN 'fr' THEN to_tsvector('french'::regconfig, coalesce(${provisions.heading}, '') || ' ' || ${provisions.text})
          WHEN 'es' THEN to_tsvector('spanish'::regconfig, coalesce(${provisions.heading}, '') || ' ' || ${provisions.text})
          ELSE to_tsvector('simple'::regconfig, coalesce(${provisions.heading}, '') || ' ' || ${provisions.text})
        END)`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.provisionId] }),
    index('provisions_search').using('gin', t.search),
    index('provisions_kind').on(t.kind),
  ],
);

export const tags = pgTable(
  'tags',
  {
    agreementId: text('agreement_id').notNull(),
    provisionId: text('provision_id').notNull(),
    tag: text('tag').notNull(),
    strength: text('strength').notNull(),
    confidence: real('confidence').notNull(),
    /** `[{start, end, text}]`: spans of the provision text. */
    evidence: jsonb('evidence').notNull(),
    why: jsonb('why').notNull(),
    scope: text('scope'),
    classifier: text('classifier').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.provisionId, t.tag] }),
    foreignKey({
      columns: [t.agreementId, t.provisionId],
      foreignColumns: [provisions.agreementId, provisions.provisionId],
    }).onDelete('cascade'),
    index('tags_tag').on(t.tag),
  ],
);

export const ingestionRuns = pgTable('ingestion_runs', {
  id: serial('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** `ingest` or `reclassify`. */
  mode: text('mode').notNull(),
  classifier: text('classifier').notNull(),
  files: integer('files').notNull().default(0),
  added: integer('added').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  /** `[{file, code, message}]`. */
  errors: jsonb('errors').notNull().default([]),
});
