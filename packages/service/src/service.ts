import type { Readable } from 'node:stream';
import type { CheckId, CheckStatus, Scorecard } from '@ccm/classifier';
import {
  type AgreementDetailSchema,
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
import { type AgreementMeta, openStore, referenceParties, type Store, type StoreOptions } from '@ccm/store';
import type { z } from 'zod';
import { CONVENTION_ADOPTED } from './convention.ts';
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

export type AgreementDetail = z.infer<typeof AgreementDetailSchema>;

/** The fictional sample agreements (corpus/samples): marked `Sample` by their manifest. */
export const isSample = (meta: { status?: string | null }): boolean => meta.status === 'Sample';

/** Paging a caller can't tamper into SQL: an opaque cursor holding the next offset. */
export const encodeCursor = (offset: number): string =>
  Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
export function decodeCursor(cursor: string | undefined, label = 'cursor'): number {
  if (!cursor) return 0;
  try {
    const o = (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {}
  throw new CcmError('USAGE_INVALID', `${label} is not a cursor this service gave out`);
}

/** Before the Convention existed nobody could be its Party; the store's answer otherwise. */
const atSignature = <T extends string>(dateSigned: string | null | undefined, stored: T) =>
  dateSigned && dateSigned < CONVENTION_ADOPTED ? ('not_yet_adopted' as const) : stored;

export interface Service {
  readonly store: Store;
  search(query: SearchQueryInput): Promise<SearchPage>;
  agreement(id: string): Promise<AgreementDetail | null>;
  uptake(query: z.input<typeof UptakeQuerySchema>): Promise<UptakeSeries>;
  exportRows(level: 'provision', options?: { includeSamples?: boolean }): Promise<ProvisionExportRow[]>;
  exportRows(level: 'agreement', options?: { includeSamples?: boolean }): Promise<AgreementExportRow[]>;
  export(level: ExportLevel, format: ExportFormat, options?: { includeSamples?: boolean }): Promise<Readable>;
  /** For each failed check of `card`, the stored corpus's strongest clause that passes it. */
  modelClauses(card: Scorecard, except?: string): Promise<Map<CheckId, ModelClause | null>>;
  close(): Promise<void>;
}

/** The service over a store (PGlite in ./data, or DATABASE_URL). */
export async function openService(options: StoreOptions = {}): Promise<Service> {
  return serviceOn(await openStore(options));
}

export function serviceOn(store: Store): Service {
  const regionOf = (() => {
    let map: Map<string, string | null> | null = null;
    return (iso3: string) => {
      map ??= new Map(referenceParties().map((p) => [p.iso3, p.region ?? null]));
      return map.get(iso3) ?? null;
    };
  })();
  const regionsOf = (parties: string[]) =>
    [...new Set(parties.map(regionOf).filter((r): r is string => Boolean(r)))].sort();

  async function scorecards(includeSamples: boolean) {
    const rows = await store.scorecards();
    return rows.filter((r) => includeSamples || !isSample(r.meta));
  }

  const service: Service = {
    store,

    async search(input) {
      const query = parseInput(SearchQuerySchema, input);
      const offset = decodeCursor(query.cursor);
      // includeSamples goes to the store: samples stay out of public search (the store filters them).
      const { cursor: _c, ...rest } = query;
      // One more than asked: whether a next page exists, without a count.
      const hits = await store.search({ ...rest, limit: Math.min(query.limit + 1, 200), offset });
      const more = hits.length > query.limit;
      const page = hits.slice(0, query.limit);
      return {
        total: offset + page.length + (more ? 1 : 0),
        hits: page,
        nextCursor: more ? encodeCursor(offset + query.limit) : null,
      };
    },

    async agreement(id) {
      const detail = await store.agreement(id);
      if (!detail) return null;
      return { ...detail, conventionAtSignature: atSignature(detail.meta.dateSigned, detail.conventionAtSignature) };
    },

    async uptake(input) {
      const query = parseInput(UptakeQuerySchema, input);
      const rows = await scorecards(query.includeSamples);
      return uptakeSeries(
        query.check,
        query.by,
        rows.map(({ meta, scorecard }) => ({
          dateSigned: meta.dateSigned,
          parties: meta.parties,
          regions: regionsOf(meta.parties),
          status: new Map(scorecard.checks.map((c) => [c.id, c.status] as [CheckId, CheckStatus])),
        })),
      );
    },

    // biome-ignore lint/suspicious/noExplicitAny: overloads share one body
    async exportRows(level: ExportLevel, options: { includeSamples?: boolean } = {}): Promise<any[]> {
      const includeSamples = Boolean(options.includeSamples);
      if (level === 'agreement') {
        return (await scorecards(includeSamples)).map(({ meta, scorecard, conventionAtSignature }) =>
          agreementRow(
            meta,
            new Map(scorecard.checks.map((c) => [c.id, c.status])),
            regionsOf(meta.parties),
            atSignature(meta.dateSigned, conventionAtSignature),
          ),
        );
      }
      const [rows, formats, metas] = await Promise.all([store.tagRows(), store.formats(), scorecards(true)]);
      const samples = new Set(metas.filter((m) => isSample(m.meta)).map((m) => m.meta.id));
      return rows
        .filter((r) => includeSamples || !samples.has(r.agreementId))
        .map((r) => provisionRow(r, formats.get(r.agreementId)));
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
      const [rows, formats, metas] = await Promise.all([store.tagRows(), store.formats(), scorecards(true)]);
      // Samples are fiction: never the model a negotiator is pointed to.
      const real = new Set(metas.filter((m) => !isSample(m.meta) && m.meta.id !== except).map((m) => m.meta.id));
      const candidates = rows.filter((r) => real.has(r.agreementId));
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

export type { AgreementMeta };

/** A party filter must name a known party: else one line listing every code the reference knows. */
export function checkParty(iso3: string): void {
  const known = referenceParties()
    .map((p) => p.iso3)
    .sort();
  if (!known.includes(iso3))
    throw new CcmError(
      'USAGE_UNKNOWN_VALUE',
      `--party ${JSON.stringify(iso3)} is not a known party; valid values: ${known.join(', ')}`,
    );
}
