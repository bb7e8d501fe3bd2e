/**
 * The store's one schema, for both engines (PGlite and PostgreSQL). Change it, then run
 * `pnpm --filter @ccm/store generate` to write the next SQL migration in `migrations/`;
 * migrations are applied when a store opens.
 */
import type { CheckEvidence, CheckId, CheckStatus, ExemptionScope, Strength, TagId } from '@ccm/classifier';
import type { SerialisedFingerprint } from '@ccm/compare';
import type { Footnote, PageSpan, ProvisionKind, SourceFormat } from '@ccm/parser';
import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
  unique,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** Binary data: both drivers give a `Uint8Array` (node-postgres a `Buffer`, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** `party` (listed with or without a date) or `unknown`: absence from the source list is not a "no". */
export type CdceStatus = 'party' | 'unknown';

/**
 * Countries and areas (UN M49), with development status and their standing under the Convention.
 * Filled by a migration (`0002_reference`), never on open: a read-only store works.
 */
export const parties = pgTable('parties', {
  iso3: text('iso3').primaryKey(),
  name: text('name').notNull(),
  region: text('region'),
  subregion: text('subregion'),
  /** The M49 "developing" flag (last published 2021-10): the usual proxy for Article 16. */
  developing: boolean('developing'),
  ldc: boolean('ldc'),
  /** Deposit of the instrument of ratification, acceptance, approval or accession; null when unknown. */
  /** The day of deposit when a source gives it. */
  cdceDeposit: date('cdce_deposit', { mode: 'string' }),
  /**
   * Bounds of the deposit when only a month, a year or "by June 2007" is known (equal to
   * `cdce_deposit` when the day is); null where a bound is unknown.
   */
  cdceDepositEarliest: date('cdce_deposit_earliest', { mode: 'string' }),
  cdceDepositLatest: date('cdce_deposit_latest', { mode: 'string' }),
  cdceInstrument: text('cdce_instrument'),
  cdceStatus: text('cdce_status').$type<CdceStatus>().notNull(),
  source: text('source').notNull(),
});

export const agreements = pgTable(
  'agreements',
  {
    /** `tota:<treaty_identifier>`, `sha256:<16 hex>`, or an id given by a manifest. */
    id: text('id').primaryKey(),
    /** The content hash of its document: unique, so no path can store one text twice. */
    sha256: text('sha256').notNull(),
    title: text('title').notNull(),
    type: text('type'),
    status: text('status'),
    dateSigned: date('date_signed', { mode: 'string' }),
    dateInForce: date('date_in_force', { mode: 'string' }),
    wtoRtaId: text('wto_rta_id'),
    composition: text('composition'),
    /** The source's own region label (ToTA's `region`), kept apart from the parties' UN M49 regions. */
    sourceRegion: text('region'),
    language: text('language').notNull(),
    /** One of the fictional agreements written for the project: left out of queries unless asked for. */
    sample: boolean('sample').notNull().default(false),
    /** Where the text comes from (a URL, "ToTA v0.5.0", a file name). */
    source: text('source'),
    classifier: text('classifier').notNull(),
    /** The Guidelines 18–19 scorecard as `@ccm/classifier` computes it. */
    scorecard: jsonb('scorecard').notNull(),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreements_date_signed').on(t.dateSigned), unique('agreements_sha256_unique').on(t.sha256)],
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
  format: text('format').$type<SourceFormat>().notNull(),
  byteSize: integer('byte_size').notNull(),
  pageCount: integer('page_count').notNull(),
  warnings: jsonb('warnings').$type<string[]>().notNull(),
  /**
   * The parsed document beyond its provisions, so `loadDocument` gives it back whole. Null on
   * rows stored before migration 0001 (their text was not kept).
   */
  title: text('title'),
  language: text('language'),
  text: text('text'),
  pages: jsonb('pages').$type<PageSpan[]>(),
  footnotes: jsonb('footnotes').$type<Footnote[]>(),
  metadata: jsonb('metadata').$type<Record<string, unknown>>(),
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
    kind: text('kind').$type<ProvisionKind>().notNull(),
    number: text('number'),
    heading: text('heading'),
    text: text('text').notNull(),
    pageStart: integer('page_start').notNull(),
    pageEnd: integer('page_end').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    textStart: integer('text_start').notNull(),
    sourceId: text('source_id'),
    footnoteIds: jsonb('footnote_ids').$type<string[]>().notNull().default([]),
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
    tag: text('tag').$type<TagId>().notNull(),
    strength: text('strength').$type<Strength>().notNull(),
    confidence: real('confidence').notNull(),
    /** `[{start, end, text}]`: spans of the provision text. */
    evidence: jsonb('evidence').notNull(),
    why: jsonb('why').notNull(),
    scope: text('scope').$type<ExemptionScope>(),
    classifier: text('classifier').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.provisionId, t.tag] }),
    check('tags_strength', sql`${t.strength} IN ('binding', 'soft', 'preambular')`),
    foreignKey({
      columns: [t.agreementId, t.provisionId],
      foreignColumns: [provisions.agreementId, provisions.provisionId],
    }).onDelete('cascade'),
    index('tags_tag').on(t.tag),
  ],
);

/**
 * The agreement's provision fingerprints (`@ccm/compare`), computed at ingest so a reuse index
 * is built without loading and re-reading every document. `format` is the fingerprint's own
 * (`ccm.fingerprint/1`): a row of another format is recomputed, never misread.
 */
export const fingerprints = pgTable('fingerprints', {
  agreementId: text('agreement_id')
    .primaryKey()
    .references(() => agreements.id, { onDelete: 'cascade' }),
  format: text('format').notNull(),
  data: jsonb('data').$type<SerialisedFingerprint>().notNull(),
});

/**
 * The file an agreement was read from, byte for byte, so the API can serve it (PDF page links).
 * `content` is gzip (node:zlib): XML and text shrink 5–10 times, PDFs little. `byte_size` is the
 * file's own size. Only ingest writes one (never a draft); agreements stored before migration
 * 0004 have none. A separate table, so no query over agreements or documents reads the bytes.
 */
export const originals = pgTable('originals', {
  agreementId: text('agreement_id')
    .primaryKey()
    .references(() => agreements.id, { onDelete: 'cascade' }),
  mediaType: text('media_type').notNull(),
  byteSize: integer('byte_size').notNull(),
  content: bytea('content').notNull(),
});

/**
 * Confidential drafts under analysis, shared by every API process on the store. The analysis is
 * sealed (AES-256-GCM under a key derived from the uploader's token, which the store never
 * holds: only its hash, as `owner`); no provision, tag or text of a draft is kept in the clear,
 * and nothing here is read by the corpus queries.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the token that uploaded it. */
    owner: text('owner').notNull(),
    status: text('status').$type<'queued' | 'parsing' | 'done' | 'failed'>().notNull(),
    format: text('format').$type<SourceFormat>().notNull(),
    byteSize: integer('byte_size').notNull(),
    /** The stable code of a failure (the message, which may quote the file, is sealed). */
    errorCode: text('error_code'),
    /** iv ‖ ciphertext ‖ tag of the analysis or the failure; null until it ends. */
    sealed: bytea('sealed'),
    /**
     * The process analysing it (`host:pid`) while it is queued or parsing. With `updated_at`,
     * kept fresh by that process, it tells another process that the analysis died with its
     * runner (the draft then ends as `DRAFT_INTERRUPTED`).
     */
    runner: text('runner'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('drafts_owner').on(t.owner), index('drafts_status').on(t.status)],
);

/**
 * Bearer tokens for draft uploads: only the SHA-256 of a token is kept, so a copy of the store
 * lets nobody upload. Revoked tokens stay listed (with the time) rather than vanish.
 */
export const tokens = pgTable('tokens', {
  /** Short public id (`tok_…`) to name a token in `ccm token list`/`revoke`: never the token. */
  id: text('id').primaryKey(),
  hash: text('hash').notNull().unique(),
  label: text('label').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * One row per accepted draft upload, for the per-token sliding window: kept in the store so that
 * every API process on it counts the same uploads. Rows older than the window are pruned.
 */
export const uploadEvents = pgTable(
  'upload_events',
  {
    id: serial('id').primaryKey(),
    owner: text('owner').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('upload_events_owner_at').on(t.owner, t.at)],
);

/** One row per scorecard check of an agreement, so checks can be filtered and counted in SQL. */
export const checks = pgTable(
  'checks',
  {
    agreementId: text('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    checkId: text('check_id').$type<CheckId>().notNull(),
    status: text('status').$type<CheckStatus>().notNull(),
    title: text('title').notNull(),
    explanation: text('explanation').notNull(),
    /** The provisions that make it pass, or that cause the failure. */
    evidence: jsonb('evidence').$type<CheckEvidence[]>().notNull(),
    classifier: text('classifier').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.checkId] }),
    index('checks_check_status').on(t.checkId, t.status),
    check('checks_status', sql`${t.status} IN ('pass', 'fail', 'not_applicable')`),
  ],
);

export const ingestionRuns = pgTable('ingestion_runs', {
  id: serial('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  mode: text('mode').$type<'ingest' | 'reclassify'>().notNull(),
  classifier: text('classifier').notNull(),
  files: integer('files').notNull().default(0),
  added: integer('added').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  errors: jsonb('errors').$type<{ file: string; code: string; message: string }[]>().notNull().default([]),
});
