import type { Readable } from 'node:stream';
import type { CheckId, CheckStatus, Scorecard } from '@ccm/classifier';
import {
  CHECK_IDS,
  type ModelClause,
  parseInput,
  type SearchPage,
  type SearchQueryInput,
  SearchQuerySchema,
  UptakeQuerySchema,
  type UptakeSeries,
} from '@ccm/contracts';
import { type AgreementDetail, openStore, type Store, type StoreOptions } from '@ccm/store';
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

export interface Service {
  readonly store: Store;
  search(query: SearchQueryInput): Promise<SearchPage>;
  agreement(id: string): Promise<AgreementDetail | null>;
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

    agreement: (id) => store.agreement(id),

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
