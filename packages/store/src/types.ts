import type {
  CheckEvidence,
  CheckId,
  CheckStatus,
  Classification,
  ExemptionScope,
  Scorecard,
  Strength,
  TagId,
} from '@ccm/classifier';
import type { SerialisedFingerprint } from '@ccm/compare';
import type { AgreementDocument, ProvisionKind, SourceFormat } from '@ccm/parser';
import type { CdceStatus } from './schema.ts';

export type { CdceStatus } from './schema.ts';

/** What ingestion knows about an agreement beyond its text (ToTA metadata, a manifest). */
export interface AgreementMeta {
  id: string;
  title: string;
  type?: string | null;
  status?: string | null;
  dateSigned?: string | null;
  dateInForce?: string | null;
  wtoRtaId?: string | null;
  composition?: string | null;
  /** The source's own region label (ToTA's `region`); the parties' UN M49 regions are `m49Regions`. */
  sourceRegion?: string | null;
  language: string;
  source?: string | null;
  /** ISO 3166-1 alpha-3 codes (`EUU` for the European Union). */
  parties: string[];
  /**
   * One of the fictional agreements written for the project. Default: true for ids in the
   * `sample:` namespace (the sample manifest's), false otherwise.
   */
  sample?: boolean;
}

/** One agreement as ingestion hands it to the store: written in one transaction. */
export interface AgreementRecord {
  meta: AgreementMeta;
  document: AgreementDocument;
  classification: Classification;
  scorecard: Scorecard;
  /**
   * The document's provision fingerprints (`@ccm/compare`), stored with it for the reuse index.
   * Optional: an agreement saved without one gets it later through `saveFingerprint`.
   */
  fingerprint?: SerialisedFingerprint;
  /**
   * The file the document was parsed from, stored (gzip) in the same transaction so the API can
   * serve it. Its bytes must hash to `document.source.sha256`. Ingest gives it; drafts never.
   */
  original?: OriginalFile;
}

/** A source file as ingestion hands it to the store. */
export interface OriginalFile {
  /** `application/pdf`, `text/plain`, …: see `mediaTypeOf`. */
  mediaType: string;
  bytes: Uint8Array;
}

/** A stored source file, decompressed: what `original(id)` gives back. */
export interface StoredOriginal {
  mediaType: string;
  byteSize: number;
  /** The file's name when it was ingested (no directory), or null. */
  fileName: string | null;
  /** On an `ArrayBuffer` of its own (never shared): a `fetch` body or a Web `Response` takes it as is. */
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * What `saveAgreement` did: `unchanged` when the same content is already stored (under
 * `agreementId`, which may differ from the record's id), `replaced` when it replaced another
 * version of the same agreement id.
 */
export interface SaveResult {
  status: 'added' | 'replaced' | 'unchanged';
  agreementId: string;
}

export interface StoredDocument {
  agreementId: string;
  classifier: string;
  /** Whether its original file is stored (agreements stored before files were kept have none). */
  hasOriginal: boolean;
}

export interface RunCounts {
  files: number;
  added: number;
  unchanged: number;
  failed: number;
  errors: { file: string; code: string; message: string }[];
}

/** Options of every query over the corpus. */
export interface CorpusQuery {
  /** Count the fictional sample agreements too; default false. */
  includeSamples?: boolean;
}

/** For each scorecard check, how many agreements pass, fail, or are outside its scope. */
export type CheckCounts = Partial<Record<CheckId, Record<CheckStatus, number>>>;

export interface CorpusSummary {
  agreements: number;
  provisions: number;
  tags: number;
  byTag: Partial<Record<TagId, number>>;
  byCheck: CheckCounts;
  byLanguage: Record<string, number>;
  byFormat: Partial<Record<SourceFormat, number>>;
  classifiers: string[];
  /** Sample agreements left out of the figures above (0 with `includeSamples`). */
  samplesExcluded: number;
}

/**
 * Whether at least one party was a Party to the Convention when the agreement was signed;
 * `not_yet_adopted` before the Convention's adoption on 2005-10-20.
 */
export type ConventionAtSignature = 'yes' | 'no' | 'unknown' | 'not_yet_adopted';

/** A party's standing under the Convention, as `conventionAt` reads it. */
export interface PartyStanding {
  cdceStatus: CdceStatus;
  /** The day of deposit, when known. */
  cdceDeposit: string | null;
  /** Bounds of the deposit when only a month or year is known (default: `cdceDeposit`). */
  cdceDepositEarliest?: string | null;
  cdceDepositLatest?: string | null;
}

export interface AgreementSummaryMeta extends AgreementMeta {
  sample: boolean;
  classifier: string;
  ingestedAt: string;
  /** UN M49 regions of its parties, sorted (the one region vocabulary of filters and exports). */
  m49Regions: string[];
}

export interface AgreementDetail {
  meta: AgreementSummaryMeta;
  parties: ({
    iso3: string;
    name: string | null;
    region: string | null;
    developing: boolean | null;
    ldc: boolean | null;
  } & Required<PartyStanding>)[];
  conventionAtSignature: ConventionAtSignature;
  document: { sha256: string; fileName: string | null; format: SourceFormat; pageCount: number; byteSize: number };
  scorecard: Scorecard;
  tags: TagRow[];
}

/** A provision with what a citation needs: its agreement, article, number and page. */
export interface CitedProvision {
  agreementId: string;
  title: string;
  dateSigned: string | null;
  provisionId: string;
  kind: ProvisionKind;
  /** Number of the article the provision belongs to. */
  article: string | null;
  number: string | null;
  heading: string | null;
  pageStart: number;
}

/** One tag with its citation: the row of `ccm export --level provision`. */
export interface TagRow extends CitedProvision {
  tag: TagId;
  strength: Strength;
  confidence: number;
  scope: ExemptionScope | null;
  /** The evidence spans' words, joined with " … ". */
  evidence: string;
  classifier: string;
}

/** One check of one agreement's scorecard. */
export interface CheckRow {
  agreementId: string;
  title: string;
  dateSigned: string | null;
  checkId: CheckId;
  status: CheckStatus;
  explanation: string;
  evidence: CheckEvidence[];
  classifier: string;
}

export interface CheckQuery extends CorpusQuery {
  check?: CheckId;
  status?: CheckStatus;
}

export interface AgreementScorecard {
  meta: AgreementSummaryMeta;
  scorecard: Scorecard;
  conventionAtSignature: ConventionAtSignature;
}
