import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { CcmError, type ReportedCheck, type SourceFormat } from '@ccm/contracts';
import { agreementId, ParseError, type ParseErrorCode, type ParseLimits, sniffFormat } from '@ccm/parser';
import { type DraftRow, mediaTypeOf } from '@ccm/store';
import { analyse } from './analyse.ts';
import { reportChecks } from './remedy.ts';
import type { Service } from './service.ts';

/*
 * Confidential drafts. Its bytes go to a private temporary file for the parser worker (removed
 * as soon as the worker is done, success or failure); its provisions, tags and scorecard are
 * never written to the corpus tables, so a draft cannot reach agreements, search, compare,
 * reuse, uptake or clauses. Its state is kept in the store's `drafts` table so that every API
 * process on the store can answer for it, its analysis sealed with AES-256-GCM under a key
 * derived (HKDF) from the uploader's token and the draft's id: the store holds only the token's
 * hash, so neither its rows nor what a deleted row leaves on disk can be read without the token.
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
  /** Drafts a token may hold at once. */
  maxPerOwner?: number;
  /** How often another process's draft is looked at while its events are followed; default 250 ms. */
  pollMs?: number;
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

const isFinal = (s: DraftStatus) => s === 'done' || s === 'failed';

export function draftStore(service: Service, options: DraftOptions = {}) {
  const store = service.store;
  // Drafts analysed by this process: their events wake followers at once (others are polled).
  const local = new Map<string, EventEmitter>();

  async function owned(holder: DraftHolder, id: string): Promise<DraftRow> {
    const row = id.length <= 100 ? await store.draft(id) : null;
    if (!row || row.owner !== holder.owner) throw missing(id);
    return row;
  }

  function view(holder: DraftHolder, row: DraftRow): DraftView {
    const sealed: Sealed = row.sealed ? unseal(holder, row.id, row.sealed) : { analysis: null, tags: [], error: null };
    return {
      id: row.id,
      status: row.status,
      createdAt: row.createdAt,
      format: row.format,
      byteSize: row.byteSize,
      ...sealed,
    };
  }

  /** Stores a new state unless the draft was deleted meanwhile; tells this process's followers. */
  async function set(id: string, change: Parameters<typeof store.updateDraft>[1]): Promise<boolean> {
    const kept = await store.updateDraft(id, change);
    local.get(id)?.emit('event', { status: change.status, ...(change.errorCode ? { code: change.errorCode } : {}) });
    return kept;
  }

  async function run(holder: DraftHolder, id: string, format: SourceFormat, bytes: Uint8Array) {
    try {
      if (!(await set(id, { status: 'parsing' }))) return; // deleted before it started
      let sealed: Sealed;
      try {
        const { document, classification, scorecard } = await analyse(
          { bytes, fileName: `draft.${EXTENSION[format]}` },
          { ...(options.limits ? { limits: options.limits } : {}), workers: 1 },
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
          sealed: seal(holder, id, { analysis: null, tags: [], error: failure }),
        });
        return;
      }
      await set(id, { status: 'done', sealed: seal(holder, id, sealed) });
    } catch {
      // The store refused the state (closed, full): followers see the draft end as failed.
      local.get(id)?.emit('event', { status: 'failed', code: 'INTERNAL' });
    } finally {
      local.get(id)?.emit('settled');
      local.delete(id);
    }
  }

  return {
    /** Accepts an upload: sniffs it, records it, queues its analysis and returns at once. */
    async submit(holder: DraftHolder, bytes: Uint8Array, declared?: DeclaredUpload): Promise<DraftView> {
      const format = draftFormat(bytes, declared);
      const mine = (await store.draftsOf(holder.owner)).length;
      if (mine >= (options.maxPerOwner ?? 20))
        throw new CcmError('API_RATE_LIMITED', `this token already holds ${mine} drafts: delete some first`);
      const id = randomUUID();
      await store.insertDraft({ id, owner: holder.owner, status: 'queued', format, byteSize: bytes.byteLength });
      local.set(id, new EventEmitter());
      setImmediate(() => void run(holder, id, format, bytes));
      return view(holder, await owned(holder, id));
    },
    get: async (holder: DraftHolder, id: string): Promise<DraftView> => view(holder, await owned(holder, id)),
    /** The holder's drafts, newest first (their state only: nothing is unsealed). */
    list: async (holder: DraftHolder) =>
      (await store.draftsOf(holder.owner)).map(({ id, status, createdAt }) => ({ id, status, createdAt })),
    /** The draft's state now, then each change until it is done or failed (or deleted). */
    async *events(holder: DraftHolder, id: string, signal?: AbortSignal): AsyncGenerator<DraftEvent> {
      let row = await owned(holder, id);
      const event = (r: DraftRow): DraftEvent => ({ status: r.status, ...(r.errorCode ? { code: r.errorCode } : {}) });
      yield event(row);
      let last = row.status;
      while (!isFinal(last) && !signal?.aborted) {
        // Woken by this process's own analysis, or after a poll interval for another process's.
        await new Promise<void>((wake) => {
          const emitter = local.get(id);
          const timer = setTimeout(done, options.pollMs ?? 250);
          function done() {
            clearTimeout(timer);
            emitter?.off('event', done);
            emitter?.off('deleted', done);
            signal?.removeEventListener('abort', done);
            wake();
          }
          emitter?.once('event', done);
          emitter?.once('deleted', done);
          signal?.addEventListener('abort', done, { once: true });
        });
        const now = await store.draft(id);
        if (!now) {
          yield { status: 'failed', code: 'NOT_FOUND' };
          return;
        }
        row = now;
        if (row.status !== last) {
          // A quick analysis may pass through several states between two looks: each is reported once.
          last = row.status;
          yield event(row);
        }
      }
    },
    /** Deletes the draft: its row and sealed analysis go (the temporary file is already gone). */
    async remove(holder: DraftHolder, id: string): Promise<void> {
      if (id.length > 100 || !(await store.deleteDraft(id, holder.owner))) throw missing(id);
      local.get(id)?.emit('deleted');
    },
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
