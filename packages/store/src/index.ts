export type { StoreOptions } from './engine.ts';
export { referenceParties } from './reference.ts';
export type { CitedProvision, SearchHit, SearchQuery } from './search.ts';
export {
  type AgreementDetail,
  type AgreementMeta,
  type AgreementRecord,
  type ConventionAtSignature,
  type CorpusSummary,
  conventionAt,
  openStore,
  type RunCounts,
  type Store,
  type StoredDocument,
  type TagRow,
} from './store.ts';
