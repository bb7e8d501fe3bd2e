export type { DraftRecords, DraftRow, DraftState } from './drafts.ts';
export type { StoreOptions } from './engine.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export { mediaTypeOf } from './originals.ts';
export { CONVENTION_ADOPTED, conventionAt, type StoreReader } from './read.ts';
export { sanitiseText } from './sanitize.ts';
export { MAX_PAGE, type SearchHit, type SearchPage, type SearchQuery } from './search.ts';
export { recordServer, runningServer, SERVER_FILE, storeDir } from './server-record.ts';
export { openStore, type Store } from './store.ts';
export type { TokenRecords, TokenRow } from './tokens.ts';
export type {
  AgreementDetail,
  AgreementMeta,
  AgreementRecord,
  AgreementScorecard,
  AgreementSummaryMeta,
  CdceStatus,
  CheckCounts,
  CheckQuery,
  CheckRow,
  CitedProvision,
  ConventionAtSignature,
  CorpusQuery,
  CorpusSummary,
  OriginalFile,
  PartyStanding,
  RunCounts,
  SaveResult,
  StoredDocument,
  StoredOriginal,
  TagRow,
} from './types.ts';
export type { StoreWriter } from './write.ts';
