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
import type { Provision } from '@ccm/parser';
import {
  type AgreementDetail,
  type AgreementScorecard,
  type CorpusSummary,
  openStore,
  type Store,
  type StoreOptions,
} from '@ccm/store';
import type { z } from 'zod';
import {
  type AgreementExportRow,
  agreementRow,
  type ExportFormat,
  type ExportLevel,
  exportStream,
  type ProvisionExportRow,
  provisionRow,
} from './export.ts';
import { citeRow, strongestClause } from './remedy.ts';
import { uptakeSeries } from './uptake.ts';

/** One page of a list, its total, and the cursor of the next page (null on the last). */
export interface Page<T> {
  total: number;
  items: T[];
  nextCursor: string | null;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

const MAX_PAGE = 200;

/** Cursors of the service's own lists: the offset, opaque to callers and checked on return. */
const encodeCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new CcmError('USAGE_INVALID', 'the cursor is not one this service gave out');
  return Number(match[1]);
}

function page<T>(all: T[], query: PageQuery): Page<T> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new CcmError('USAGE_INVALID', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  const offset = decodeCursor(query.cursor);
  const items = all.slice(offset, offset + limit);
  return {
    total: all.length,
    items,
    nextCursor: offset + limit < all.length ? encodeCursor(offset + limit) : null,
  };
}

export interface Service {
  readonly store: Store;
  search(query: SearchQueryInput): Promise<SearchPage>;
  /** Agreements with their scorecard summary, by id; samples only when asked. */
  agreements(query?: PageQuery & { includeSamples?: boolean }): Promise<Page<AgreementScorecard>>;
  agreement(id: string): Promise<AgreementDetail | null>;
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
export async function openService(options: StoreOptions = {}): Promise<Service> {
  return serviceOn(await openStore(options));
}

export function serviceOn(store: Store): Service {
  const service: Service = {
    store,

    async search(input) {
      const query = parseInput(SearchQuerySchema, input);
      return store.search(query);
    },

    async agreements(query = {}) {
      return page(await store.scorecards({ includeSamples: Boolean(query.includeSamples) }), query);
    },

    agreement: (id) => store.agreement(id),

    async provisions(agreementId, query = {}) {
      const document = await store.loadDocument(agreementId);
      return document ? page(document.provisions, query) : null;
    },

    stats: (query = {}) => store.summary({ includeSamples: Boolean(query.includeSamples) }),

    async uptake(input) {
      const query = parseInput(UptakeQuerySchema, input);
      const rows = await store.scorecards({ includeSamples: query.includeSamples });
      return uptakeSeries(
        query.check,
        query.by,
        rows.map(({ meta, scorecard }) => ({
          dateSigned: meta.dateSigned,
          parties: meta.parties,
          regions: meta.m49Regions,
          status: new Map(scorecard.checks.map((c) => [c.id, c.status] as [CheckId, CheckStatus])),
        })),
      );
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
      const [rows, formats] = await Promise.all([store.tagRows(), store.formats()]);
      const candidates = rows.filter((r) => r.agreementId !== except);
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
