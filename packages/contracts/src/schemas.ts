import { z } from 'zod';

/*
 * The public shapes of ccm, one casing (camelCase) for JSON and CSV. The CLI parses its options
 * and writes its JSON with these; the API validates and documents (OpenAPI 3.1 via
 * `z.toJSONSchema`) with them. test/types.test.ts keeps each equal to its domain type.
 */

/** A page size from a query string: a whole number from 1 to `max`, `fallback` when absent. */
export const pageSize = (max: number, fallback: number) => {
  const rule = `a whole number from 1 to ${max}`;
  return z.coerce.number({ error: rule }).int(rule).min(1, rule).max(max, rule).default(fallback);
};

// ── Vocabularies ──────────────────────────────────────────────────────────────────────────

/** Tag ids of ../shared/spec/taxonomy.md (the classifier's TAG_IDS; a test keeps them equal). */
export const TAG_IDS = [
  'cdce.reference',
  'cdce.principles',
  'culture.instrument',
  'culture.exemption',
  'culture.audiovisual_exclusion',
  'culture.policy_space',
  'culture.heritage_exception',
  'culture.cooperation',
  'culture.preferential_treatment',
  'ecommerce.provision',
  'ecommerce.cultural_specificity',
] as const;
export const STRENGTHS = ['binding', 'soft', 'preambular'] as const;
export const PROVISION_KINDS = [
  'preamble',
  'part',
  'title',
  'chapter',
  'section',
  'subsection',
  'article',
  'paragraph',
  'annex',
  'appendix',
  'protocol',
  'side-letter',
  'signatures',
] as const;
export const SOURCE_FORMATS = ['pdf', 'docx', 'html', 'text', 'tota-xml'] as const;
/** Formats whose pages are real: the others cite the article, never "p. 1". */
export const PAGED_FORMATS: readonly SourceFormat[] = ['pdf'];
/** Languages the parser detects (ISO 639-1), `und` when it cannot tell. */
export const LANGUAGES = ['en', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'und'] as const;
/** UN M49 regions: the one region vocabulary of filters and exports. */
export const M49_REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'] as const;
export const CHECK_IDS = [
  '18-preferential-treatment',
  '19.1-cultural-instruments',
  '19.4-cultural-clause',
  '19.4-ecommerce-cultural-specificity',
  '19.5-convention-reference',
  'art21-convention-principles',
  '19.5-policy-space',
] as const;
export const CHECK_STATUSES = ['pass', 'fail', 'not_applicable'] as const;
export const PLACEMENTS = ['preamble', 'body', 'protocol-or-annex'] as const;
/** Was a party a Party to the 2005 Convention at signature? Before its adoption (2005-10-20) it could not be. */
export const CONVENTION_AT_SIGNATURE = ['yes', 'no', 'unknown', 'not_yet_adopted'] as const;

export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const TagIdSchema = z.enum(TAG_IDS);
export const StrengthSchema = z.enum(STRENGTHS);
export const ProvisionKindSchema = z.enum(PROVISION_KINDS);
export const SourceFormatSchema = z.enum(SOURCE_FORMATS);
export const LanguageSchema = z.enum(LANGUAGES);
export const RegionSchema = z.enum(M49_REGIONS);
export const CheckIdSchema = z.enum(CHECK_IDS);
export const CheckStatusSchema = z.enum(CHECK_STATUSES);
export const PlacementSchema = z.enum(PLACEMENTS);
export const ConventionAtSignatureSchema = z.enum(CONVENTION_AT_SIGNATURE);
export const Iso3Schema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code (CAN, FRA, EUU…)');

// ── Document (the parser's ccm.document/1.0) ──────────────────────────────────────────────

export const ProvisionSchema = z.object({
  id: z.string(),
  kind: ProvisionKindSchema,
  number: z.string().nullable(),
  heading: z.string().nullable(),
  text: z.string(),
  parentId: z.string().nullable(),
  pageStart: z.number().int(),
  pageEnd: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  textStart: z.number().int(),
  sourceId: z.string().optional(),
  footnoteIds: z.array(z.string()),
});

export const FootnoteSchema = z.object({
  id: z.string(),
  marker: z.string(),
  text: z.string(),
  page: z.number().int(),
  provisionId: z.string().nullable(),
});

export const PageSpanSchema = z.object({ page: z.number().int(), start: z.number().int(), end: z.number().int() });

export const SourceInfoSchema = z.object({
  format: SourceFormatSchema,
  sha256: z.string(),
  byteLength: z.number().int(),
  fileName: z.string().optional(),
});

export const DocumentSchema = z.object({
  format: z.literal('ccm.document/1.0'),
  title: z.string(),
  language: z.string(),
  pageCount: z.number().int(),
  source: SourceInfoSchema,
  metadata: z.record(z.string(), z.unknown()),
  text: z.string(),
  pages: z.array(PageSpanSchema),
  provisions: z.array(ProvisionSchema),
  footnotes: z.array(FootnoteSchema),
  warnings: z.array(z.string()),
});

// ── Tags and scorecard ────────────────────────────────────────────────────────────────────

export const EvidenceSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const TagSchema = z.object({
  tag: TagIdSchema,
  strength: StrengthSchema,
  confidence: z.number().min(0).max(1),
  evidence: z.array(EvidenceSchema),
  why: z.array(z.string()),
  scope: z.enum(['agreement', 'chapter', 'article']).optional(),
  fromProvisionId: z.string().optional(),
});

export const CheckEvidenceSchema = z.object({
  provisionId: z.string(),
  citation: z.string(),
  pageStart: z.number().int(),
  placement: PlacementSchema,
  tag: TagIdSchema,
  strength: StrengthSchema,
  confidence: z.number(),
  quote: z.string(),
});

export const CheckSchema = z.object({
  id: CheckIdSchema,
  title: z.string(),
  status: CheckStatusSchema,
  explanation: z.string(),
  evidence: z.array(CheckEvidenceSchema),
});

export const ScorecardSchema = z.object({
  classifier: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  total: z.number().int(),
  checks: z.array(CheckSchema),
  conventionReferences: z.record(PlacementSchema, z.number().int()),
});

/** A clause from the stored corpus that makes a failed check pass elsewhere: the model to follow. */
export const ModelClauseSchema = z.object({
  agreementId: z.string(),
  title: z.string(),
  /** "Article 20.1" or "Article 20.1, p. 312": pages only where the source has them. */
  citation: z.string(),
  quote: z.string(),
});

/** A check as `analyze` reports it: where it is from, and for a failure what would make it pass. */
export const ReportedCheckSchema = CheckSchema.extend({
  /** For a failure: what the text would need for the check to pass; null otherwise. */
  remedy: z.string().nullable(),
  /** For a failure with a stored corpus: its strongest clause that passes the check. */
  modelClause: ModelClauseSchema.nullable(),
});

/** The output of `ccm analyze --format json` and of the API's analyse endpoint. */
export const AnalysisSchema = z.object({
  agreementId: z.string(),
  title: z.string(),
  fileName: z.string().nullable(),
  format: SourceFormatSchema,
  scorecard: ScorecardSchema.extend({ checks: z.array(ReportedCheckSchema) }),
});

// ── Search ────────────────────────────────────────────────────────────────────────────────

/** A year of signature, from a string or a number. */
export const YearSchema = z.coerce
  .number({ error: 'a year such as 2010' })
  .int('a year such as 2010')
  .min(1900, 'a year from 1900 to 2100')
  .max(2100, 'a year from 1900 to 2100');

/** Search filters and paging, shared by the CLI's options and the API's query string. */
export const SearchFiltersSchema = z.object({
  tag: TagIdSchema.optional(),
  strength: StrengthSchema.optional(),
  party: z.string().toUpperCase().pipe(Iso3Schema).optional(),
  region: RegionSchema.optional(),
  yearFrom: YearSchema.optional(),
  yearTo: YearSchema.optional(),
  language: LanguageSchema.optional(),
  kind: ProvisionKindSchema.optional(),
  limit: pageSize(200, 20),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});

/** The refinement every year range takes: the first year is not after the last. */
export const yearsInOrder: [
  check: (q: { yearFrom?: number | undefined; yearTo?: number | undefined }) => boolean,
  params: { message: string; path: string[] },
] = [
  (q) => q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo,
  { message: 'is after the last year asked for', path: ['yearFrom'] },
];

/** A search as a caller asks for it; strings are coerced so CLI options and query strings parse alike. */
export const SearchQuerySchema = SearchFiltersSchema.extend({
  text: z.string().default(''),
  includeSamples: z.boolean().default(false),
}).refine(...yearsInOrder);

/** What a citation needs: the agreement, the provision, its article and number (the page is added per shape). */
const CitedProvisionSchema = z.object({
  agreementId: z.string(),
  title: z.string(),
  dateSigned: z.string().nullable(),
  provisionId: z.string(),
  kind: ProvisionKindSchema,
  article: z.string().nullable(),
  number: z.string().nullable(),
  heading: z.string().nullable(),
});

export const SearchHitSchema = CitedProvisionSchema.extend({
  pageStart: z.number().int().nullable(),
  language: z.string(),
  rank: z.number(),
  snippet: z.string(),
  tags: z.array(TagIdSchema),
});

export const SearchPageSchema = z.object({
  /** Every provision that matches, not only this page's. */
  total: z.number().int(),
  hits: z.array(SearchHitSchema),
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

// ── Agreements ────────────────────────────────────────────────────────────────────────────

export const AgreementMetaSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  dateSigned: z.string().nullable().optional(),
  dateInForce: z.string().nullable().optional(),
  wtoRtaId: z.string().nullable().optional(),
  composition: z.string().nullable().optional(),
  /** The source's own region (ToTA's "Europe & Central Asia"…), as it says it; not the M49 filter. */
  sourceRegion: z.string().nullable().optional(),
  language: z.string(),
  source: z.string().nullable().optional(),
  parties: z.array(z.string()),
  /** One of the fictional sample agreements. */
  sample: z.boolean().optional(),
});

export const AgreementSummaryMetaSchema = AgreementMetaSchema.extend({
  sample: z.boolean(),
  classifier: z.string(),
  ingestedAt: z.string(),
  /** UN M49 regions of the parties, sorted: the one region vocabulary of filters and exports. */
  m49Regions: z.array(z.string()),
});

export const TagRowSchema = CitedProvisionSchema.extend({
  pageStart: z.number().int(),
  tag: TagIdSchema,
  strength: StrengthSchema,
  confidence: z.number(),
  scope: z.enum(['agreement', 'chapter', 'article']).nullable(),
  evidence: z.string(),
  classifier: z.string(),
});

export const PartySchema = z.object({
  iso3: z.string(),
  name: z.string().nullable(),
  region: z.string().nullable(),
  developing: z.boolean().nullable(),
  ldc: z.boolean().nullable(),
  cdceStatus: z.enum(['party', 'unknown']),
  cdceDeposit: z.string().nullable(),
  cdceDepositEarliest: z.string().nullable(),
  cdceDepositLatest: z.string().nullable(),
});

export const AgreementDetailSchema = z.object({
  meta: AgreementSummaryMetaSchema,
  parties: z.array(PartySchema),
  conventionAtSignature: ConventionAtSignatureSchema,
  document: z.object({
    sha256: z.string(),
    fileName: z.string().nullable(),
    format: SourceFormatSchema,
    pageCount: z.number().int(),
    byteSize: z.number().int(),
  }),
  scorecard: ScorecardSchema,
  tags: z.array(TagRowSchema),
});

// ── Statistics ────────────────────────────────────────────────────────────────────────────

export const UptakeByValues = ['year', 'party', 'region'] as const;
/** Uptake's query before its year-range refinement (which a refined schema can no longer be extended past). */
export const UptakeFiltersSchema = z.object({
  by: z.enum(UptakeByValues).default('year'),
  check: CheckIdSchema,
  /** Only agreements one of whose parties is this one. */
  party: z.string().toUpperCase().pipe(Iso3Schema).optional(),
  /** Only agreements with a party in this UN M49 region. */
  region: RegionSchema.optional(),
  yearFrom: YearSchema.optional(),
  yearTo: YearSchema.optional(),
  includeSamples: z.boolean().default(false),
});
export const UptakeQuerySchema = UptakeFiltersSchema.refine(...yearsInOrder);

/** Passes of the check among some of a group's agreements, with the denominator. */
export const UptakeShareSchema = z.object({
  agreements: z.number().int(),
  /** Of those, the ones the check applies to (`not_applicable` leaves the denominator). */
  applicable: z.number().int(),
  passed: z.number().int(),
  /** passed / applicable, or null when nothing applies. */
  share: z.number().nullable(),
});

/** One point of an uptake series, with its denominators: no share without what it is a share of. */
export const UptakePointSchema = z.object({
  key: z.string(),
  /** Agreements in the group. */
  agreements: z.number().int(),
  /** Of those, the ones the check applies to (the denominator of `share`). */
  applicable: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  /** passed / applicable, or null when nothing applies. */
  share: z.number().nullable(),
  /** The same among the group's agreements where at least one party was a Party to the 2005 Convention at signature. */
  convention: UptakeShareSchema,
  /** Tag → agreements of the group carrying it at least once (denominator: `agreements`). */
  tags: z.record(z.string(), z.number().int()),
  /**
   * `GET /v1/agreements` queries listing the agreements behind the figures (all of the group,
   * those passing, those failing); null for groups no filter selects ("undated", "unknown").
   */
  list: z.object({ all: z.string(), passed: z.string(), failed: z.string(), convention: z.string() }).nullable(),
});

export const UptakeSeriesSchema = z.object({
  check: CheckIdSchema,
  by: z.enum(UptakeByValues),
  /** Agreements in the series (each counts once here, though it may sit in several groups). */
  agreements: z.number().int(),
  points: z.array(UptakePointSchema),
});

// ── Text reuse, model clauses, drafts (responses) ────────────────────────────────────────

const ContainmentSchema = z.object({
  /** Share of A's word 5-grams found in B. */
  aInB: z.number(),
  bInA: z.number(),
});
const ProvisionRefSchema = z.object({ provisionId: z.string().nullable(), citation: z.string() });

/** `GET /v1/compare`: scorecard matrix, tag matrix by chapter, each pair's aligned provisions (paged). */
export const ComparisonSchema = z.object({
  agreements: z.array(z.object({ id: z.string(), title: z.string(), dateSigned: z.string().nullable() })),
  /** One row per check: agreement id → its state (null when the agreement has no such check). */
  scorecards: z.array(z.object({ check: CheckIdSchema, status: z.record(z.string(), CheckStatusSchema.nullable()) })),
  /** tag → agreement id → chapter → tagged provisions. */
  tags: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number().int()))),
  pairs: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      /** Character 5-gram Jaccard of the whole texts (Alschner & Skougarevskiy). */
      charJaccard: z.number(),
      /** Word 5-gram containment each way (Allee & Elsig). */
      wordContainment: ContainmentSchema,
      alignedTotal: z.number().int(),
      aligned: z.array(
        z.object({
          a: ProvisionRefSchema,
          b: ProvisionRefSchema,
          charJaccard: z.number(),
          wordContainment: ContainmentSchema,
          /** Word diff from A to B; null when they differ too much to be worth one. */
          diff: z.array(z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() })).nullable(),
        }),
      ),
      unmatched: z.object({ a: z.number().int(), b: z.number().int() }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** `GET /v1/agreements/{id}/reuse`: the closest earlier agreements and the share of its text each supplies. */
export const ReuseReportSchema = z.object({
  id: z.string(),
  signed: z.string().nullable(),
  /** Distinct word 5-grams of the agreement. */
  grams: z.number().int(),
  predecessors: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      signed: z.string().nullable(),
      /** Share of the agreement's word 5-grams found in this earlier one. */
      share: z.number(),
      sharedGrams: z.number().int(),
    }),
  ),
  /** Share of its word 5-grams found in at least one earlier agreement. */
  earlierShare: z.number(),
});

/** A tag on a provision, with its citation and the words that carry it. */
const CitedTagSchema = z.object({
  tag: TagIdSchema,
  strength: StrengthSchema,
  confidence: z.number(),
  provisionId: z.string(),
  citation: z.string(),
  quote: z.string(),
});

/** `GET /v1/clauses`: the strongest examples of a tag or of what passes a check, one per agreement. */
export const ModelClausesSchema = z.object({
  tag: TagIdSchema.optional(),
  check: CheckIdSchema.optional(),
  clauses: z.array(
    CitedTagSchema.extend({ agreementId: z.string(), title: z.string(), dateSigned: z.string().nullable() }),
  ),
});

export const DraftStatusSchema = z.enum(['queued', 'parsing', 'done', 'failed']);

/** `POST /v1/drafts` (202). */
export const DraftAcceptedSchema = z.object({ id: z.string(), status: DraftStatusSchema, events: z.string() });

/** `GET /v1/drafts`: the token's drafts, newest first. */
export const DraftListSchema = z.object({
  drafts: z.array(z.object({ id: z.string(), status: DraftStatusSchema, createdAt: z.string() })),
});

/** `GET /v1/drafts/{id}`: once done, the analysis `ccm analyze` gives, and the tags with citations. */
export const DraftViewSchema = z.object({
  id: z.string(),
  status: DraftStatusSchema,
  createdAt: z.string(),
  format: SourceFormatSchema,
  byteSize: z.number().int(),
  analysis: AnalysisSchema.nullable(),
  tags: z.array(CitedTagSchema),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

// ── Errors ────────────────────────────────────────────────────────────────────────────────

/** RFC 9457 problem details, with ccm's stable code. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
});

export type SearchQueryInput = z.input<typeof SearchQuerySchema>;
export type SearchQueryParsed = z.output<typeof SearchQuerySchema>;
export type SearchPage = z.infer<typeof SearchPageSchema>;
export type UptakePoint = z.infer<typeof UptakePointSchema>;
export type UptakeSeries = z.infer<typeof UptakeSeriesSchema>;
export type ModelClause = z.infer<typeof ModelClauseSchema>;
export type ReportedCheck = z.infer<typeof ReportedCheckSchema>;
export type Analysis = z.infer<typeof AnalysisSchema>;
export type ConventionAtSignature = z.infer<typeof ConventionAtSignatureSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type ReuseReportResponse = z.infer<typeof ReuseReportSchema>;
export type ModelClauses = z.infer<typeof ModelClausesSchema>;
export type DraftViewResponse = z.infer<typeof DraftViewSchema>;
