import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import type { CheckId, Scorecard } from '@ccm/classifier';
import {
  CcmError,
  type Comparison,
  type ModelClause,
  type ModelClauses,
  parseInput,
  type SearchPage,
  type SearchQueryInput,
  SearchQuerySchema,
  systemCode,
} from '@ccm/contracts';
import type { AgreementDetail, StoreOptions } from '@ccm/store';
import { runningServer, storeDir } from '@ccm/store/server';
import type { z } from 'zod';
import type { ClausesQuerySchema } from './clauses.ts';
import type { CompareQuerySchema } from './compare.ts';
import type { ExportFormat, ExportLevel } from './export.ts';
import type { Service } from './service.ts';

/**
 * The read verbs the CLI's read commands and the MCP server need, answered either by the store
 * (`localReads`) or by the `ccm serve` that holds a PGlite store open (`serverReads`, over its
 * HTTP API): the same answers either way, so a command's output does not depend on which.
 */
export interface CorpusReads {
  search(query: SearchQueryInput): Promise<SearchPage>;
  /** Null when no agreement has this id. */
  agreement(id: string): Promise<AgreementDetail | null>;
  compare(query: z.input<typeof CompareQuerySchema>): Promise<Comparison>;
  clauses(query: z.input<typeof ClausesQuerySchema>): Promise<ModelClauses>;
  /** For each failed check of `card`, the corpus's strongest clause that passes it (`Service.modelClauses`). */
  modelClauses(card: Scorecard, except?: string): Promise<Map<CheckId, ModelClause | null>>;
  export(level: ExportLevel, format: ExportFormat, options?: { includeSamples?: boolean }): Promise<Readable>;
  close(): Promise<void>;
}

/** The read verbs over an open service (which `close` closes). */
export function localReads(service: Service): CorpusReads {
  return {
    search: (query) => service.search(query),
    agreement: (id) => service.agreement(id),
    // Loaded when asked: search and export need neither compare's nor the clauses' modules.
    compare: async (query) => (await import('./compare.ts')).compare(service, query),
    clauses: async (query) => (await import('./clauses.ts')).modelClauses(service, query),
    modelClauses: (card, except) => service.modelClauses(card, except),
    export: (level, format, options) => service.export(level, format, options),
    close: () => service.close(),
  };
}

/** How long the server has to start answering a request (not to finish a long export). */
const ANSWER_TIMEOUT_MS = 120_000;

const queryString = (params: Record<string, unknown>): string => {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null) q.set(key, String(value));
  return q.size ? `?${q}` : '';
};

/**
 * A request to a running `ccm serve` (plain fetch): its response when ok; a problem+json error
 * becomes the `CcmError` with the server's code, so the CLI reports it as it would its own.
 */
export async function serverRequest(
  server: { url: string; pid: number },
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const who = `the ccm server at ${server.url} (pid ${server.pid})`;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ANSWER_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, { ...init, signal: timeout.signal });
  } catch (error) {
    const why = timeout.signal.aborted ? 'timed out' : (systemCode(error) ?? 'failed');
    throw new CcmError(
      'STORE_UNAVAILABLE',
      `${who} holds the store but did not answer (${why}); stop it (kill ${server.pid}) and run the command again`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) return response;
  const problem = (await response.json().catch(() => null)) as { code?: unknown; detail?: unknown } | null;
  if (typeof problem?.code === 'string') throw new CcmError(problem.code, String(problem.detail ?? problem.code));
  throw new CcmError(
    'STORE_UNAVAILABLE',
    `${who} answered ${response.status} to ${init.method ?? 'GET'} ${path.split('?')[0]}`,
  );
}

/** The read verbs over the HTTP API of a running `ccm serve`. */
export function serverReads(server: { url: string; pid: number }): CorpusReads {
  const get = (path: string) => serverRequest(server, path);
  const getJson = async <T>(path: string): Promise<T> => (await (await get(path)).json()) as T;

  const reads: CorpusReads = {
    async search(input) {
      // Checked here as the store would, so a bad query fails the same way.
      const { text, ...filters } = parseInput(SearchQuerySchema, input);
      return getJson(`/v1/search${queryString({ q: text, ...filters })}`);
    },

    async agreement(id) {
      try {
        return await getJson<AgreementDetail>(`/v1/agreements/${encodeURIComponent(id)}`);
      } catch (error) {
        if ((error as CcmError).code === 'NOT_FOUND') return null;
        throw error;
      }
    },

    compare: (query) => getJson(`/v1/compare${queryString(query)}`),

    clauses: (query) => getJson(`/v1/clauses${queryString(query)}`),

    async modelClauses(card, except) {
      const failed = card.checks.filter((c) => c.status === 'fail').map((c) => c.id);
      // /v1/clauses?check= ranks with the same strongestClause, one clause per agreement: its first
      // clause that is not `except`'s is the one Service.modelClauses picks.
      const found = await Promise.all(
        failed.map(async (check): Promise<[CheckId, ModelClause | null]> => {
          const { clauses } = await reads.clauses({ check, limit: except ? 2 : 1 });
          const best = clauses.find((c) => c.agreementId !== except);
          return [
            check,
            best
              ? { agreementId: best.agreementId, title: best.title, citation: best.citation, quote: best.quote }
              : null,
          ];
        }),
      );
      return new Map(found);
    },

    async export(level, format, options = {}) {
      const response = await get(`/v1/export${queryString({ level, format, includeSamples: options.includeSamples })}`);
      return response.body ? Readable.fromWeb(response.body as WebStream) : Readable.from([]);
    },

    close: async () => {},
  };
  return reads;
}

/**
 * The live `ccm serve` that holds the PGlite store the options (or the environment) name, if any:
 * the only way in to that store while it runs. PostgreSQL takes any number of processes: null.
 */
export function servingServer(options: StoreOptions = {}): ReturnType<typeof runningServer> {
  return options.databaseUrl || process.env.DATABASE_URL ? null : runningServer(storeDir(options.dataDir));
}

/**
 * The read verbs for the store the options (or the environment) name: through the running
 * `ccm serve` when one holds this PGlite store (PGlite is open in one process only), else
 * directly. PostgreSQL takes any number of processes: always direct.
 */
export async function openReads(options: StoreOptions = {}): Promise<CorpusReads> {
  const server = servingServer(options);
  if (server) return serverReads(server);
  const { openService } = await import('./service.ts');
  try {
    return localReads(await openService(options));
  } catch (error) {
    // A server that started while this process waited for the lock answers instead.
    const late = (error as CcmError).code === 'STORE_LOCKED' ? servingServer(options) : null;
    if (late) return serverReads(late);
    throw error;
  }
}
