import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { CcmError, type ReportedCheck, type SourceFormat } from '@ccm/contracts';
import { agreementId, type ParseLimits, sniffFormat } from '@ccm/parser';
import { analyse } from './analyse.ts';
import { reportChecks } from './remedy.ts';
import type { Service } from './service.ts';

/*
 * Confidential drafts. A draft lives in this process's memory only: its bytes go to a private
 * temporary file for the parser worker (removed as soon as the worker is done, success or
 * failure), and its provisions, tags and scorecard are never written to the store. So a
 * draft cannot reach agreements, search, compare, reuse, uptake or clauses, and `remove`
 * (or a restart) leaves no trace of it.
 */

export const DRAFT_FORMATS: readonly SourceFormat[] = ['pdf', 'docx', 'html', 'text'];

export type DraftStatus = 'queued' | 'parsing' | 'done' | 'failed';

export interface DraftTag {
  tag: string;
  strength: string;
  confidence: number;
  provisionId: string;
  citation: string;
  quote: string;
}

export interface DraftView {
  id: string;
  status: DraftStatus;
  createdAt: string;
  format: SourceFormat;
  byteSize: number;
  /** Once done: the same analysis as `ccm analyze --format json`, and the tags with citations. */
  analysis: {
    agreementId: string;
    title: string;
    fileName: string | null;
    format: SourceFormat;
    scorecard: Record<string, unknown> & { checks: ReportedCheck[] };
  } | null;
  tags: DraftTag[];
  /** Once failed: the parser's (or the pool's) stable code and message. */
  error: { code: string; message: string } | null;
}

export interface DraftEvent {
  status: DraftStatus;
  /** For `failed`: the error code. */
  code?: string;
}

interface Draft extends DraftView {
  owner: string;
  events: EventEmitter;
}

export interface DraftOptions {
  limits?: Partial<ParseLimits>;
  /** Drafts a token may hold at once. */
  maxPerOwner?: number;
}

/** The media type of an upload from its bytes (never its name): a draft format, or a typed refusal. */
export function draftFormat(bytes: Uint8Array): SourceFormat {
  let format: SourceFormat;
  try {
    format = sniffFormat(bytes);
  } catch (error) {
    throw new CcmError(
      'API_UNSUPPORTED_MEDIA_TYPE',
      `not a PDF, DOCX, HTML or text file (${(error as Error).message})`,
    );
  }
  if (!DRAFT_FORMATS.includes(format))
    throw new CcmError(
      'API_UNSUPPORTED_MEDIA_TYPE',
      `a ${format} file is not a draft format (PDF, DOCX, HTML or text)`,
    );
  return format;
}

const EXTENSION: Record<SourceFormat, string> = {
  pdf: 'pdf',
  docx: 'docx',
  html: 'html',
  text: 'txt',
  'tota-xml': 'xml',
};

export function draftStore(service: Service, options: DraftOptions = {}) {
  const drafts = new Map<string, Draft>();
  const view = ({ owner: _o, events: _e, ...d }: Draft): DraftView => d;
  const owned = (owner: string, id: string): Draft => {
    const d = drafts.get(id);
    // Another token's draft is as absent as a draft that never was.
    if (!d || d.owner !== owner) throw new CcmError('NOT_FOUND', `no draft ${JSON.stringify(id)}`);
    return d;
  };
  const set = (d: Draft, status: DraftStatus, code?: string) => {
    d.status = status;
    d.events.emit('event', { status, ...(code ? { code } : {}) } satisfies DraftEvent);
  };

  async function run(d: Draft, bytes: Uint8Array) {
    set(d, 'parsing');
    try {
      const { document, classification, scorecard } = await analyse(
        { bytes, fileName: `draft.${EXTENSION[d.format]}` },
        { ...(options.limits ? { limits: options.limits } : {}), workers: 1 },
      );
      if (!drafts.has(d.id)) return; // deleted while parsing: keep nothing
      const models = scorecard.failed > 0 ? await service.modelClauses(scorecard) : undefined;
      const byId = new Map(document.provisions.map((p) => [p.id, p]));
      d.analysis = {
        agreementId: agreementId(document),
        title: document.title,
        fileName: null,
        format: document.source.format,
        scorecard: { ...scorecard, checks: reportChecks(scorecard, models) },
      };
      d.tags = classification.provisions.flatMap((p) =>
        p.tags.map((t) => {
          const provision = byId.get(p.provisionId);
          return {
            tag: t.tag,
            strength: t.strength,
            confidence: t.confidence,
            provisionId: p.provisionId,
            citation: provision?.number ? `${provision.kind} ${provision.number}` : (provision?.kind ?? ''),
            quote: t.evidence.map((e) => e.text).join(' … '),
          };
        }),
      );
      set(d, 'done');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      d.error = {
        code: typeof code === 'string' ? code : 'INTERNAL',
        message: error instanceof CcmError ? error.message : 'the draft could not be analysed',
      };
      set(d, 'failed', d.error.code);
    }
  }

  return {
    /** Accepts an upload: sniffs it, queues its analysis and returns at once. */
    submit(owner: string, bytes: Uint8Array): DraftView {
      const format = draftFormat(bytes);
      const mine = [...drafts.values()].filter((d) => d.owner === owner).length;
      if (mine >= (options.maxPerOwner ?? 20))
        throw new CcmError('API_RATE_LIMITED', `this token already holds ${mine} drafts: delete some first`);
      const d: Draft = {
        id: randomUUID(),
        owner,
        status: 'queued',
        createdAt: new Date().toISOString(),
        format,
        byteSize: bytes.byteLength,
        analysis: null,
        tags: [],
        error: null,
        events: new EventEmitter(),
      };
      drafts.set(d.id, d);
      setImmediate(() => void run(d, bytes));
      return view(d);
    },
    get: (owner: string, id: string): DraftView => view(owned(owner, id)),
    list: (owner: string): DraftView[] => [...drafts.values()].filter((d) => d.owner === owner).map(view),
    /** The draft's state now, then each change until it is done or failed (or deleted). */
    async *events(owner: string, id: string, signal?: AbortSignal): AsyncGenerator<DraftEvent> {
      const d = owned(owner, id);
      const queue: DraftEvent[] = [];
      let wake: (() => void) | null = null;
      const onEvent = (e: DraftEvent) => {
        queue.push(e);
        wake?.();
      };
      const onGone = () => onEvent({ status: 'failed', code: 'NOT_FOUND' });
      d.events.on('event', onEvent);
      d.events.once('deleted', onGone);
      signal?.addEventListener('abort', () => wake?.());
      try {
        yield { status: d.status, ...(d.error ? { code: d.error.code } : {}) };
        if (d.status === 'done' || d.status === 'failed') return;
        while (!signal?.aborted) {
          if (!queue.length) await new Promise<void>((r) => (wake = r));
          wake = null;
          for (let e = queue.shift(); e; e = queue.shift()) {
            yield e;
            if (e.status === 'done' || e.status === 'failed') return;
          }
        }
      } finally {
        d.events.off('event', onEvent);
        d.events.off('deleted', onGone);
      }
    },
    /** Forgets the draft: its analysis goes with it (the temporary file is already gone). */
    remove(owner: string, id: string): void {
      const d = owned(owner, id);
      drafts.delete(id);
      d.events.emit('deleted');
      d.analysis = null;
      d.tags = [];
    },
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
