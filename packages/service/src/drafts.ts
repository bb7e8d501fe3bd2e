import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CcmError, type ReportedCheck, type SourceFormat } from '@ccm/contracts';
import { agreementId, ParseError, type ParseErrorCode, type ParseLimits, sniffFormat } from '@ccm/parser';
import { engine } from '@ccm/pool';
import { type DraftRow, mediaTypeOf } from '@ccm/store';
import { alive } from '@ccm/store/server';
import { analyse } from './analyse.ts';
import { reportChecks } from './remedy.ts';
import type { Service } from './service.ts';

/*
 * Confidential drafts. Its bytes go to an analysis worker in the task message and are never
 * written to disk, so a crash leaves no plaintext behind; its provisions, tags and scorecard are
 * never written to the corpus tables, so a draft cannot reach agreements, search, compare,
 * reuse, uptake or clauses. Its state is kept in the store's `drafts` table so that every API
 * process on the store can answer for it, its analysis sealed with AES-256-GCM under a key
 * derived (HKDF) from the uploader's token and the draft's id: the store holds only the token's
 * hash, so neither its rows nor what a deleted row leaves on disk can be read without the token.
 *
 * Load is bounded per process: uploads wait in one queue in front of the process's analysis
 * engine, and past its depth an upload is refused (503 with Retry-After) rather than held in
 * memory. The per-token rate is a sliding window kept in the store, so it holds across API
 * processes. A draft whose process died (its runner) ends as `failed` with DRAFT_INTERRUPTED,
 * seen by any live process on the store: at once when the runner was on this host, else when its
 * heartbeat goes stale.
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

/** Who holds a draft: the token's hash (stored, as the owner) and the token (never stored: it makes the key). */
export interface DraftHolder {
  owner: string;
  token: string;
}

export interface DraftOptions {
  limits?: Partial<ParseLimits>;
  /** Drafts a token may hold at once (default 20). */
  maxPerOwner?: number;
  /** Uploads per token per window (default 10 a minute), counted in the store across processes. */
  uploadsPerWindow?: number;
  windowMs?: number;
  /** Uploads this process accepts beyond one per analysis worker before it answers 503 (default 8). */
  maxQueue?: number;
  /** Event streams a token may hold open on this process (default 10). */
  streamsPerOwner?: number;
  /** How often the followed drafts are looked up, all in one query; default 250 ms. */
  pollMs?: number;
  /** How often this process says its drafts are alive and looks for dead ones; default 5 s. */
  heartbeatMs?: number;
  /** A draft whose runner has not said it is alive for this long ended with it; default 30 s. */
  staleMs?: number;
}

/** What is sealed: everything a draft says about its text. */
type Sealed = Pick<DraftView, 'analysis' | 'tags' | 'error'>;

const IV = 12;
const TAG = 16;
const keyOf = (holder: DraftHolder, id: string) => Buffer.from(hkdfSync('sha256', holder.token, id, 'ccm.draft/1', 32));

function seal(holder: DraftHolder, id: string, value: Sealed): Uint8Array {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', keyOf(holder, id), iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
}

/** What a caller is told of a draft that is not theirs, not readable, or not there: the same. */
const missing = (id: string) => new CcmError('NOT_FOUND', `no draft ${JSON.stringify(id)}`);

function unseal(holder: DraftHolder, id: string, sealed: Uint8Array): Sealed {
  const bytes = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(holder, id), bytes.subarray(0, IV));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    const body = Buffer.concat([decipher.update(bytes.subarray(IV, bytes.length - TAG)), decipher.final()]);
    return JSON.parse(body.toString('utf8')) as Sealed;
  } catch {
    // Another key (or a damaged row): to this caller the draft does not exist.
    throw missing(id);
  }
}

/** What an upload says it is: the multipart part's file name and `Content-Type`. */
export interface DeclaredUpload {
  fileName?: string;
  mediaType?: string;
}

/** The formats a name or type can claim that bytes then contradict, with the parser's code for it (as `ccm analyze`). */
const CLAIMED: [SourceFormat, ParseErrorCode][] = [
  ['pdf', 'PARSER_NOT_A_PDF'],
  ['docx', 'PARSER_NOT_A_DOCX'],
];

/**
 * The format of an upload from its bytes: a draft format, or a typed refusal. A PDF or DOCX
 * name or media type (the multipart part's) that the bytes contradict is refused with the
 * parser's code: a page saved as `.pdf` is not read as text. Other names and types are not needed.
 */
export function draftFormat(bytes: Uint8Array, declared: DeclaredUpload = {}): SourceFormat {
  let format: SourceFormat | undefined;
  let unknown = '';
  try {
    format = sniffFormat(bytes);
  } catch (error) {
    unknown = (error as Error).message;
  }
  const name = declared.fileName?.toLowerCase() ?? '';
  const type = declared.mediaType?.split(';')[0]?.trim().toLowerCase();
  for (const [claimed, code] of CLAIMED) {
    const what = claimed.toUpperCase();
    if (format !== claimed && (name.endsWith(`.${claimed}`) || type === mediaTypeOf(claimed)))
      throw new ParseError(code, `The file is named or sent as a ${what}, but its bytes are not a ${what}.`);
  }
  if (!format) throw new CcmError('API_UNSUPPORTED_MEDIA_TYPE', `not a PDF, DOCX, HTML or text file (${unknown})`);
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

/** The queue in front of the engine is full: try again shortly (503 with Retry-After). */
const busy = (pending: number) =>
  new CcmError(
    'API_BUSY',
    `the server is analysing ${pending} drafts, as many as it takes at once; try again shortly`,
    {
      retryAfterS: 5,
    },
  );

const isFinal = (s: DraftStatus) => s === 'done' || s === 'failed';

/** This process as a draft's runner: host and pid, so that a process on the same host can tell it died. */
const RUNNER = `${hostname()}:${process.pid}`;

/** Whether the process a runner names is gone (on another host it cannot be told: its heartbeat tells). */
function runnerDead(runner: string | null): boolean {
  if (!runner) return false;
  const at = runner.lastIndexOf(':');
  return !alive({ host: runner.slice(0, at), pid: Number(runner.slice(at + 1)) });
}

/** What a failure with no sealed message says (the runner died before it could seal one). */
const UNSEALED_FAILURE: Record<string, string> = {
  DRAFT_INTERRUPTED: 'the analysis was interrupted: the server stopped while it ran; upload the draft again',
};

/** The latest state of a followed draft and who waits for its next change. */
interface Followed {
  status: DraftStatus | 'gone';
  code?: string;
  version: number;
  followers: number;
  wake: Set<() => void>;
}

export function draftStore(service: Service, options: DraftOptions = {}) {
  const store = service.store;
  const pollMs = options.pollMs ?? 250;
  const staleMs = options.staleMs ?? 30_000;
  const maxQueue = options.maxQueue ?? 8;
  const streamsPerOwner = options.streamsPerOwner ?? 10;
  // Drafts followed by event streams of this process: one poll for all of them.
  const followed = new Map<string, Followed>();
  const streams = new Map<string, number>();
  let pending = 0;
  let pollTimer: NodeJS.Timeout | null = null;

  async function owned(holder: DraftHolder, id: string): Promise<DraftRow> {
    const row = id.length <= 100 ? await store.draft(id) : null;
    if (!row || row.owner !== holder.owner) throw missing(id);
    return row;
  }

  function view(holder: DraftHolder, row: DraftRow): DraftView {
    const sealed: Sealed = row.sealed
      ? unseal(holder, row.id, row.sealed)
      : {
          analysis: null,
          tags: [],
          error: row.errorCode
            ? { code: row.errorCode, message: UNSEALED_FAILURE[row.errorCode] ?? 'the draft could not be analysed' }
            : null,
        };
    return {
      id: row.id,
      status: row.status,
      createdAt: row.createdAt,
      format: row.format,
      byteSize: row.byteSize,
      ...sealed,
    };
  }

  /** Records what is now known of a draft and wakes its followers when it changed. */
  function observe(id: string, status: Followed['status'], code?: string) {
    const f = followed.get(id);
    if (!f || (f.status === status && f.code === code)) return;
    Object.assign(f, { status, code, version: f.version + 1 });
    for (const wake of f.wake) wake();
  }

  async function poll() {
    const ids = [...followed.keys()];
    if (ids.length === 0) return;
    try {
      const rows = new Map((await store.draftStates(ids)).map((r) => [r.id, r]));
      for (const id of ids) {
        const r = rows.get(id);
        observe(id, r ? r.status : 'gone', r?.errorCode ?? undefined);
      }
    } catch {
      // The store did not answer this time: the next tick asks again.
    }
  }

  function follow(id: string, status: DraftStatus, code?: string): Followed {
    let f = followed.get(id);
    if (!f) {
      f = { status, ...(code ? { code } : {}), version: 0, followers: 0, wake: new Set() };
      followed.set(id, f);
    }
    f.followers++;
    if (!pollTimer) {
      pollTimer = setInterval(() => void poll(), pollMs);
      pollTimer.unref();
    }
    return f;
  }

  function unfollow(id: string) {
    const f = followed.get(id);
    if (f && --f.followers <= 0) followed.delete(id);
    if (followed.size === 0 && pollTimer) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  /** This process's drafts are alive; drafts of dead runners end as interrupted. */
  async function sweep() {
    try {
      // `pending` counts this process's unfinished drafts: none, nothing to keep alive.
      if (pending > 0) await store.touchDrafts(RUNNER);
      const now = Date.now();
      const dead = (await store.unfinishedDrafts())
        .filter((d) => d.runner !== RUNNER && (runnerDead(d.runner) || now - Date.parse(d.updatedAt) > staleMs))
        .map((d) => d.id);
      // Only those still unfinished when ended: one that was done meanwhile keeps its state.
      for (const id of await store.interruptDrafts(dead, 'DRAFT_INTERRUPTED'))
        observe(id, 'failed', 'DRAFT_INTERRUPTED');
    } catch {
      // A read-only or closed store: nothing to keep alive, nothing to end.
    }
  }
  const swept = sweep();
  const heartbeat = setInterval(() => void sweep(), options.heartbeatMs ?? 5_000);
  heartbeat.unref();

  /** Stores a new state unless the draft was deleted meanwhile; tells this process's followers. */
  async function set(id: string, change: Parameters<typeof store.updateDraft>[1]): Promise<boolean> {
    const kept = await store.updateDraft(id, change);
    observe(id, kept ? change.status : 'gone', change.errorCode ?? undefined);
    return kept;
  }

  async function run(holder: DraftHolder, id: string, format: SourceFormat, bytes: Uint8Array) {
    try {
      if (!(await set(id, { status: 'parsing' }))) return; // deleted before it started
      let sealed: Sealed;
      try {
        const { document, classification, scorecard } = await analyse(
          { bytes, fileName: `draft.${EXTENSION[format]}` },
          options.limits ? { limits: options.limits } : {},
        );
        const models = scorecard.failed > 0 ? await service.modelClauses(scorecard) : undefined;
        const byId = new Map(document.provisions.map((p) => [p.id, p]));
        sealed = {
          analysis: {
            agreementId: agreementId(document),
            title: document.title,
            fileName: null,
            format: document.source.format,
            scorecard: { ...scorecard, checks: reportChecks(scorecard, models) },
          },
          tags: classification.provisions.flatMap((p) =>
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
          ),
          error: null,
        };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const failure = {
          code: typeof code === 'string' ? code : 'INTERNAL',
          message: error instanceof CcmError ? error.message : 'the draft could not be analysed',
        };
        await set(id, {
          status: 'failed',
          errorCode: failure.code,
          runner: null,
          sealed: seal(holder, id, { analysis: null, tags: [], error: failure }),
        });
        return;
      }
      await set(id, { status: 'done', runner: null, sealed: seal(holder, id, sealed) });
    } catch {
      // The store refused the state (closed, full): followers see the draft end as failed.
      observe(id, 'failed', 'INTERNAL');
    } finally {
      pending--;
    }
  }

  /** Throws `API_BUSY` when this process already has as many drafts as it takes at once. */
  function assertCapacity() {
    if (pending >= engine().workers + maxQueue) throw busy(pending);
  }

  return {
    assertCapacity,
    /** Accepts an upload: sniffs it, admits it (queue, rate), records it, queues its analysis and returns at once. */
    async submit(holder: DraftHolder, bytes: Uint8Array, declared?: DeclaredUpload): Promise<DraftView> {
      const format = draftFormat(bytes, declared);
      assertCapacity();
      // The place is taken before any await, so concurrent uploads cannot pass the capacity,
      // and given back on any refusal below.
      pending++;
      const id = randomUUID();
      try {
        const mine = (await store.draftsOf(holder.owner)).length;
        if (mine >= (options.maxPerOwner ?? 20))
          throw new CcmError('API_RATE_LIMITED', `this token already holds ${mine} drafts: delete some first`);
        const limit = options.uploadsPerWindow ?? 10;
        const windowMs = options.windowMs ?? 60_000;
        const admitted = await store.admitUpload(holder.owner, limit, windowMs);
        if (!admitted.ok)
          throw new CcmError(
            'API_RATE_LIMITED',
            `more than ${limit} uploads in ${Math.round(windowMs / 1000)} s from this token; try again in ${admitted.retryAfterS} s`,
            { retryAfterS: admitted.retryAfterS },
          );
        await store.insertDraft({
          id,
          owner: holder.owner,
          status: 'queued',
          format,
          byteSize: bytes.byteLength,
          runner: RUNNER,
        });
      } catch (error) {
        pending--;
        throw error;
      }
      setImmediate(() => void run(holder, id, format, bytes));
      return view(holder, await owned(holder, id));
    },
    get: async (holder: DraftHolder, id: string): Promise<DraftView> => view(holder, await owned(holder, id)),
    /** The holder's drafts, newest first (their state only: nothing is unsealed). */
    list: async (holder: DraftHolder) =>
      (await store.draftsOf(holder.owner)).map(({ id, status, createdAt }) => ({ id, status, createdAt })),
    /**
     * Opens an event stream on a draft: checks ownership and the holder's stream cap now (so the
     * caller can answer 404 or 429 before streaming), then yields the draft's state and each change
     * until it is done or failed (or deleted, or `signal` aborts).
     */
    async follow(holder: DraftHolder, id: string, signal?: AbortSignal): Promise<AsyncGenerator<DraftEvent>> {
      const row = await owned(holder, id);
      const open = streams.get(holder.owner) ?? 0;
      if (open >= streamsPerOwner)
        throw new CcmError(
          'API_RATE_LIMITED',
          `this token already has ${open} event streams open; close one (or poll GET /v1/drafts/{id})`,
          { retryAfterS: 5 },
        );
      streams.set(holder.owner, open + 1);
      return (async function* (): AsyncGenerator<DraftEvent> {
        const f = follow(id, row.status, row.errorCode ?? undefined);
        try {
          let seen = -1;
          while (!signal?.aborted) {
            if (f.version !== seen) {
              seen = f.version;
              if (f.status === 'gone') {
                yield { status: 'failed', code: 'NOT_FOUND' };
                return;
              }
              yield { status: f.status, ...(f.code ? { code: f.code } : {}) };
              if (isFinal(f.status)) return;
            }
            await new Promise<void>((wake) => {
              const done = () => {
                f.wake.delete(done);
                signal?.removeEventListener('abort', done);
                wake();
              };
              f.wake.add(done);
              signal?.addEventListener('abort', done, { once: true });
            });
          }
        } finally {
          unfollow(id);
          const left = (streams.get(holder.owner) ?? 1) - 1;
          if (left > 0) streams.set(holder.owner, left);
          else streams.delete(holder.owner);
        }
      })();
    },
    /** Deletes the draft: its row and sealed analysis go (its bytes were only ever in memory). */
    async remove(holder: DraftHolder, id: string): Promise<void> {
      if (id.length > 100 || !(await store.deleteDraft(id, holder.owner))) throw missing(id);
      observe(id, 'gone');
    },
    /** Resolves once the first look for interrupted drafts is done (a server awaits it before listening). */
    ready: () => swept,
    /** Stops this process's timers (the store stays open). */
    close() {
      clearInterval(heartbeat);
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
    },
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
