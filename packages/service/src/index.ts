export {
  AGREEMENT_SORTS,
  type AgreementList,
  type AgreementListQuery,
  AgreementListQuerySchema,
  AgreementListSchema,
  type AgreementSummary,
  agreementProvisions,
  listAgreements,
  type ProvisionPage,
  ProvisionPageSchema,
  ProvisionQuerySchema,
} from './agreements.ts';
export { type AnalyseOptions, type AnalyseOutcome, analyse, analyseMany } from './analyse.ts';
export { ClausesQuerySchema, modelClauses } from './clauses.ts';
export { CompareQuerySchema, compare, reuseOf } from './compare.ts';
export {
  DRAFT_FORMATS,
  type DraftEvent,
  type DraftHolder,
  type DraftOptions,
  type DraftStatus,
  type DraftStore,
  type DraftTag,
  type DraftView,
  draftFormat,
  draftStore,
} from './drafts.ts';
export type {
  AgreementExportRow,
  ExportFormat,
  ExportLevel,
  ProvisionExportRow,
} from './export.ts';
export {
  type IngestEvent,
  type IngestOptions,
  type IngestSummary,
  ingest,
  type ReclassifyEvent,
  reclassify,
} from './ingest.ts';
export type { Page } from './paging.ts';
export { type CorpusReads, localReads, openReads, serverReads } from './reads.ts';
export { citeHit, citeRow, hasPages, reportChecks, strongestClause } from './remedy.ts';
export { analysisMarkdown, analysisTable } from './render.ts';
export { csvCell, shownName, terminalText } from './safe.ts';
export { openService, type PageQuery, type Service, serviceOn } from './service.ts';
export {
  createToken,
  importLegacyTokens,
  legacyTokensFile,
  listTokens,
  openTokenAdmin,
  revokeToken,
  storeTokenAdmin,
  type TokenAdmin,
  type TokenInfo,
  tokenHash,
  tokenVerifier,
} from './tokens.ts';
export { type UptakeInput, uptakeSeries } from './uptake.ts';
export type { Analysed } from './worker.ts';
