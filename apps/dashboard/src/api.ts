import type {
  AgreementDetailSchema,
  Analysis,
  CHECK_IDS,
  ConventionAtSignature,
  Problem,
  ProvisionSchema,
  SearchPage,
  UptakeSeries,
} from '@ccm/contracts';
import type { z } from 'zod';

/* A typed client over fetch. Shapes come from @ccm/contracts (types only: no zod in the bundle).
 * Shapes the contracts do not define yet (agreement list, compare, reuse, drafts) are declared
 * here, with every field the dashboard does not strictly need left optional. */

export type CheckId = (typeof CHECK_IDS)[number];
export type AgreementDetail = z.infer<typeof AgreementDetailSchema>;
export type Provision = Omit<z.infer<typeof ProvisionSchema>, 'footnoteIds'>;

/** One row of `GET /v1/agreements` (the service's AgreementSummary; not yet in @ccm/contracts). */
export interface AgreementListItem {
  id: string;
  title: string;
  type: string | null;
  dateSigned: string | null;
  language: string;
  parties: string[];
  regions: string[];
  conventionAtSignature: ConventionAtSignature;
  passed: number;
  failed: number;
  notApplicable: number;
  tags: string[];
}
export interface AgreementPage {
  total: number;
  agreements: AgreementListItem[];
  nextCursor: string | null;
}
export interface ProvisionPage {
  agreementId: string;
  total: number;
  provisions: Provision[];
  nextCursor: string | null;
}

/** One run of a word diff from A's wording to B's (@ccm/compare's WordChange). */
export interface WordChange {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}
export interface AlignedProvision {
  a: { provisionId: string | null; citation: string };
  b: { provisionId: string | null; citation: string };
  /** Character 5-gram Jaccard of the two provisions. */
  charJaccard: number;
  wordContainment: { aInB: number; bInA: number };
  /** null when the two differ by too many words to diff. */
  diff: WordChange[] | null;
}
export interface ComparedPair {
  a: string;
  b: string;
  charJaccard: number;
  wordContainment: { aInB: number; bInA: number };
  alignedTotal: number;
  aligned: AlignedProvision[];
  unmatched: { a: number; b: number };
}
/** `GET /v1/compare` (the service's compare(); not yet in @ccm/contracts). */
export interface Comparison {
  agreements: { id: string; title: string; dateSigned: string | null }[];
  scorecards: { check: string; status: Record<string, string | null> }[];
  tags: Record<string, Record<string, Record<string, number>>>;
  pairs: ComparedPair[];
  nextCursor: string | null;
}
/** `GET /v1/agreements/{id}/reuse`: earlier agreements and the share of its word 5-grams each supplies. */
export interface Reuse {
  grams: number;
  earlierShare: number;
  predecessors: { id: string; title: string | null; signed: string | null; share: number; sharedGrams: number }[];
}
export type DraftStatus = 'queued' | 'parsing' | 'done' | 'failed';
/** `GET /v1/drafts/{id}` (the service's DraftView). */
export interface Draft {
  id: string;
  status: DraftStatus;
  createdAt: string;
  format: string;
  byteSize: number;
  analysis: Analysis | null;
  tags: { tag: string; strength: string; confidence: number; provisionId: string; citation: string; quote: string }[];
  error: { code: string; message: string } | null;
}
export interface ProgressEvent {
  status: DraftStatus | 'upload';
  code?: string;
}

/** An API failure: the problem document when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null) {
    super(problem ? `${problem.title}: ${problem.detail}` : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  if (!res.ok) {
    const type = res.headers.get('content-type') ?? '';
    const problem = type.includes('json') ? ((await res.json()) as Problem) : null;
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

type Params = Record<string, string | number | undefined | null>;
function qs(params: Params): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  uptake: (params: { by: 'year' | 'party' | 'region'; check: CheckId; party?: string; region?: string }) =>
    request<UptakeSeries>(`/v1/uptake${qs(params)}`),
  agreements: (params: Params) => request<AgreementPage>(`/v1/agreements${qs(params)}`),
  /** Every page of a list: the corpus is a few hundred agreements, and the table sorts and filters it locally. */
  async allAgreements(params: Params): Promise<AgreementListItem[]> {
    const out: AgreementListItem[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await api.agreements({ ...params, limit: 200, cursor });
      out.push(...page.agreements);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  },
  agreement: (id: string) => request<AgreementDetail>(`/v1/agreements/${encodeURIComponent(id)}`),
  /** Every provision of an agreement, page after page (a long agreement has a few thousand). */
  async provisions(id: string): Promise<Provision[]> {
    const out: Provision[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await request<ProvisionPage>(
        `/v1/agreements/${encodeURIComponent(id)}/provisions${qs({ limit: 1000, cursor })}`,
      );
      out.push(...page.provisions);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  },
  fileUrl: (id: string, page?: number) => `/v1/agreements/${encodeURIComponent(id)}/file${page ? `#page=${page}` : ''}`,
  /** Whether the store holds the original file (the API answers 404 when it does not). */
  fileStored: async (id: string) =>
    (await fetch(`/v1/agreements/${encodeURIComponent(id)}/file`, { method: 'HEAD' })).ok,
  reuse: (id: string) => request<Reuse>(`/v1/agreements/${encodeURIComponent(id)}/reuse`),
  search: (q: string, limit = 200) => request<SearchPage>(`/v1/search${qs({ q, limit })}`),
  compare: (ids: string[], cursor?: string) =>
    request<Comparison>(`/v1/compare${qs({ ids: ids.join(','), limit: 100, cursor })}`),
  uploadDraft: (file: File, token: string) => {
    const body = new FormData();
    body.set('file', file);
    return request<{ id: string }>('/v1/drafts', { method: 'POST', body, headers: auth(token) });
  },
  draft: (id: string, token: string) =>
    request<Draft>(`/v1/drafts/${encodeURIComponent(id)}`, { headers: auth(token) }),
  deleteDraft: (id: string, token: string) =>
    request<void>(`/v1/drafts/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth(token) }),
  /**
   * Progress of a draft as Server-Sent Events. EventSource cannot send a bearer token, so the
   * stream is read with fetch; resolves when the server ends it.
   */
  async draftEvents(id: string, token: string, onEvent: (e: ProgressEvent) => void, signal?: AbortSignal) {
    const res = await fetch(`/v1/drafts/${encodeURIComponent(id)}/events`, { headers: auth(token), signal });
    if (!res.ok || !res.body) throw new ApiError(res.status, null);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        const type = /^event:\s*(.*)$/m.exec(block)?.[1] as DraftStatus | undefined;
        let event: ProgressEvent | null = null;
        try {
          event = data ? (JSON.parse(data) as ProgressEvent) : null;
        } catch {
          // A data line that is not JSON: the event name still says where the draft is.
        }
        event ??= type ? { status: type } : null;
        if (event) {
          onEvent(event);
          // The last events: no need to wait for the server to close the stream.
          if (event.status === 'done' || event.status === 'failed') {
            await reader.cancel();
            return;
          }
        }
        end = buffer.indexOf('\n\n');
      }
    }
  },
};

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
