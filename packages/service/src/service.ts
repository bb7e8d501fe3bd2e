import type { Readable } from 'node:stream';
import type { CheckId, CheckStatus, Scorecard } from '@ccm/classifier';
import {
  CcmError,
  CHECK_IDS,
  type ModelClause,
  parseInput,
  type SearchPage,
  type SearchQueryInput,
  SearchQuerySchema,
  UptakeQuerySchema,
  type UptakeSeries,
} from '@ccm/contracts';
import type { AgreementDocument, Provision } from '@ccm/parser';
import {
  type AgreementDetail,
  type AgreementScorecard,
  type CorpusSummary,
  openStore,
  type Store,
  type StoredOriginal,
  type StoreOptions,
} from '@ccm/store';
import type { z } from 'zod';
import { type CorpusSnapshot, type CorpusViewOptions, corpusView } from './corpus.ts';
import {
  type AgreementExportRow,
  agreementRow,
  type ExportFormat,
  type ExportLevel,
  exportStream,
  type ProvisionExportRow,
  provisionRow,
} from './export.ts';
import { type Page, pageOf } from './paging.ts';
import { citeRow, strongestClause } from './remedy.ts';
import { type AgreementScope, inScope } from './scope.ts';
import { uptakeSeries } from './uptake.ts';

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

const MAX_PAGE = 200;

function page<T>(all: readonly T[], query: PageQuery): Page<T> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new CcmError('USAGE_INVALID', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  return pageOf(all, query.cursor, limit);
}

export interface Service {
  readonly store: Store;
  /** The corpus as of now, in memory: what the read side answers from (see corpus.ts). */
  corpus(): Promise<CorpusSnapshot>;
  /** The stored document of an agreement (text, pages, provisions); null when it is not stored. */
  document(id: string): Promise<AgreementDocument | null>;
  search(query: SearchQueryInput): Promise<SearchPage>;
  /** Agreements with their scorecard summary, by id; samples only when asked. */
  agreements(query?: PageQuery & { includeSamples?: boolean }): Promise<Page<AgreementScorecard>>;
  agreement(id: string): Promise<AgreementDetail | null>;
  /**
   * The file an agreement was ingested from (bytes, media type, name); null when the store has
   * none (an unknown id, or an agreement stored before files were kept). Never cached: files are
   * large, and each request reads its own.
   */
  original(id: string): Promise<StoredOriginal | null>;
  /** The provisions of one agreement in document order; null when it is not stored. */
  provisions(agreementId: string, query?: PageQuery): Promise<Page<Provision> | null>;
  stats(query?: { includeSamples?: boolean }): Promise<CorpusSummary>;
  uptake(query: z.input<typeof UptakeQuerySchema>): Promise<UptakeSeries>;
  exportRows(level: 'provision', options?: { includeSamples?: boolean }): Promise<ProvisionExportRow[]>;
  exportRows(level: 'agreement', options?: { includeSamples?: boolean }): Promise<AgreementExportRow[]>;
  export(level: ExportLevel, format: ExportFormat, options?: { includeSamples?: boolean }): Promise<Readable>;
  /** For each failed check of `card`, the stored corpus's strongest clause that passes it (samples never). */
  modelClauses(card: Scorecard, except?: string): Promise<Map<CheckId, ModelClause | null>>;
  close(): Promise<void>;
}

/** The service over a store (PGlite in ./data, or DATABASE_URL). */
export async function openService(options: StoreOptions & CorpusViewOptions = {}): Promise<Service> {
  return serviceOn(await openStore(options), options);
}

/** The cards within `scope` (samples only when asked). */
const scoped = (snapshot: CorpusSnapshot, scope: AgreementScope) =>
  snapshot.cards.filter((c) => inScope(c.meta, scope));

export function serviceOn(store: Store, options: CorpusViewOptions = {}): Service {
  const view = corpusView(store, options);
  const corpus = view.snapshot;
  // What needs no corpus in memory (search, details, documents) keys on the version alone.
  const cache = view.cache;
  const service: Service = {
    store,
    corpus,

    async document(id) {
      // Documents are large (the whole text): few are kept.
      return (await cache()).memo('document', id, () => store.loadDocument(id), 16);
    },

    async search(input) {
      const query = parseInput(SearchQuerySchema, input);
      return (await cache()).memo('search', JSON.stringify(query), () => store.search(query), 1024);
    },

    async agreements(query = {}) {
      return page(scoped(await corpus(), { includeSamples: Boolean(query.includeSamples) }), query);
    },

    agreement: async (id) => (await cache()).memo('agreement', id, () => store.agreement(id), 512),

    original: (id) => store.original(id),

    async provisions(agreementId, query = {}) {
      const document = await service.document(agreementId);
      return document ? page(document.provisions, query) : null;
    },

    stats: async (query = {}) => {
      const includeSamples = Boolean(query.includeSamples);
      return (await cache()).memo('stats', String(includeSamples), () => store.summary({ includeSamples }));
    },

    async uptake(input) {
      const query = parseInput(UptakeQuerySchema, input);
      const snapshot = await corpus();
      return snapshot.memo('uptake', JSON.stringify(query), async () => {
        // The same scope as the agreement list its points link to.
        const rows = scoped(snapshot, query);
        const { check, by, ...filters } = query;
        return uptakeSeries(
          check,
          by,
          rows.map(({ meta, scorecard, conventionAtSignature }) => ({
            dateSigned: meta.dateSigned,
            parties: meta.parties,
            regions: meta.m49Regions,
            status: new Map(scorecard.checks.map((c) => [c.id, c.status] as [CheckId, CheckStatus])),
            tags: snapshot.tagsOf.get(meta.id) ?? new Set(),
            conventionAtSignature,
          })),
          filters,
        );
      });
    },

    // biome-ignore lint/suspicious/noExplicitAny: the overloads share one body
    async exportRows(level: ExportLevel, options: { includeSamples?: boolean } = {}): Promise<any[]> {
      const includeSamples = Boolean(options.includeSamples);
      if (level === 'agreement') {
        return (await store.scorecards({ includeSamples })).map(({ meta, scorecard, conventionAtSignature }) =>
          agreementRow(meta, new Map(scorecard.checks.map((c) => [c.id, c.status])), conventionAtSignature),
        );
      }
      const [rows, formats] = await Promise.all([store.tagRows({ includeSamples }), store.formats()]);
      return rows.map((r) => provisionRow(r, formats.get(r.agreementId)));
    },

    async export(level, format, options = {}) {
      const rows: object[] =
        level === 'agreement'
          ? await service.exportRows('agreement', options)
          : await service.exportRows('provision', options);
      const columns = rows[0]
        ? Object.keys(rows[0])
        : level === 'agreement'
          ? ['agreementId', ...CHECK_IDS]
          : ['agreementId'];
      return exportStream(rows, format, columns);
    },

    async modelClauses(card, except) {
      const failed = card.checks.filter((c) => c.status === 'fail').map((c) => c.id);
      const out = new Map<CheckId, ModelClause | null>();
      if (failed.length === 0) return out;
      // Samples are fiction: never the model a negotiator is pointed to (tagRows leaves them out).
      const { tagRows, formats } = await corpus();
      const candidates = tagRows.filter((r) => r.agreementId !== except);
      for (const id of failed) {
        const best = strongestClause(id, candidates);
        out.set(
          id,
          best
            ? {
                agreementId: best.agreementId,
                title: best.title,
                citation: citeRow(best, formats.get(best.agreementId) ?? ''),
                quote: best.evidence,
              }
            : null,
        );
      }
      return out;
    },

    close: () => store.close(),
  };
  return service;
}
