import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CLASSIFIER_VERSION, classify, scorecard } from '@ccm/classifier';
import { CcmError } from '@ccm/contracts';
import { agreementMeta, type ManifestEntry } from '@ccm/corpus';
import { DEFAULT_LIMITS, type OcrMode, type ParseLimits, readFileBounded } from '@ccm/parser';
import { runPool } from '@ccm/pool';
import { mediaTypeOf, type RunCounts, type Store } from '@ccm/store';
import type { Analysed, AnalyseTask } from './worker.ts';

export type IngestEvent =
  | { type: 'planned'; files: number; unchanged: number; toDo: number }
  | { type: 'unchanged'; file: string; agreementId: string }
  | { type: 'stored'; file: string; agreementId: string; title: string; provisions: number; tags: number }
  | { type: 'failed'; file: string; code: string; message: string };

export interface IngestOptions {
  /** Manifest entries by absolute file path. */
  manifest?: Map<string, ManifestEntry>;
  /** Parser and classifier workers; default one per core. */
  workers?: number;
  /** OCR of PDF pages (the parser's `ocr` option); default `auto`. */
  ocr?: OcrMode;
  limits?: Partial<ParseLimits>;
  onEvent?: (event: IngestEvent) => void;
}

export interface IngestSummary extends RunCounts {
  runId: number;
  provisions: number;
  tags: number;
}

const WORKER = new URL('./worker.ts', import.meta.url);

const emptySummary = (files: number): IngestSummary => ({
  runId: 0,
  files,
  added: 0,
  unchanged: 0,
  failed: 0,
  errors: [],
  provisions: 0,
  tags: 0,
});

/**
 * The content hash of a regular file, streamed: a size check first (a FIFO or /dev/zero is not
 * a file; a file larger than the parser accepts is refused before a byte is read).
 */
export async function sha256Of(file: string, maxBytes = DEFAULT_LIMITS.maxBytes): Promise<string> {
  const info = await stat(file);
  if (!info.isFile()) throw new CcmError('INGEST_NOT_A_FILE', 'not a regular file');
  if (info.size > maxBytes)
    throw new CcmError('PARSER_TOO_LARGE', `${info.size} bytes, more than the limit of ${maxBytes}`);
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { end: maxBytes }), hash);
  return hash.digest('hex');
}

function fail(summary: IngestSummary, emit: (e: IngestEvent) => void, file: string, code: string, message: string) {
  summary.failed++;
  summary.errors.push({ file, code, message });
  emit({ type: 'failed', file, code, message });
}

const storeCode = (error: unknown): string => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^STORE_[A-Z_]+$/.test(code) ? code : 'STORE_WRITE_FAILED';
};

/** The database's own reason, first line only: drizzle's message carries the SQL and its parameters (the text). */
function storeMessage(error: unknown): string {
  let e = error as { cause?: unknown; message?: string } | undefined;
  while (e?.cause && typeof e.cause === 'object') e = e.cause as typeof e;
  const reason = (e?.message ?? 'the store refused the agreement').split('\n')[0] ?? '';
  return reason.startsWith('Failed query') ? 'the store refused the agreement' : reason.slice(0, 200);
}

/**
 * Ingests files into the store: each new document is parsed, classified and fingerprinted on a
 * worker and written in one transaction with the file itself (a crash leaves whole agreements or
 * none). Idempotent: a file whose content is already stored is skipped. A bad file is reported
 * and skipped, and so is one that changed between parsing and storing.
 */
export async function ingest(store: Store, files: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const emit = options.onEvent ?? (() => {});
  const known = await store.documents();
  const summary = emptySummary(files.length);
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const toDo: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    let sha: string;
    try {
      sha = await sha256Of(file, maxBytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof CcmError ? error.code : 'INGEST_UNREADABLE';
      summary.failed++;
      summary.errors.push({ file, code, message });
      emit({ type: 'failed', file, code, message });
      continue;
    }
    const stored = known.get(sha);
    if (stored || seen.has(sha)) {
      // Stored before files were kept: the file is added now (the API serves it), nothing else.
      if (stored && !stored.hasOriginal && !seen.has(sha) && !store.readOnly) {
        try {
          await store.saveOriginal(sha, await readFileBounded(file, maxBytes));
        } catch (error) {
          fail(summary, emit, file, storeCode(error), storeMessage(error));
          seen.add(sha);
          continue;
        }
      }
      seen.add(sha);
      summary.unchanged++;
      emit({ type: 'unchanged', file, agreementId: stored?.agreementId ?? '' });
      continue;
    }
    seen.add(sha);
    toDo.push(file);
  }
  emit({ type: 'planned', files: files.length, unchanged: summary.unchanged, toDo: toDo.length });
  summary.runId = await store.beginRun('ingest', CLASSIFIER_VERSION);
  const pool = options.workers !== undefined ? { workers: options.workers } : {};
  const task: AnalyseTask['options'] = {
    ...(options.ocr ? { ocr: options.ocr } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    // Fingerprinted on the worker, stored with the agreement: the reuse index then reads them.
    fingerprint: true,
  };
  try {
    for await (const { path, result } of runPool<Analysed, AnalyseTask['options']>(toDo, WORKER, task, pool)) {
      if (!result.ok) {
        fail(summary, emit, path, result.code, result.message);
        continue;
      }
      const meta = agreementMeta(result.document, options.manifest?.get(resolve(path)));
      // The file itself, stored with its agreement (the API serves it): read once more, here,
      // within the same byte limit; the store checks the bytes hash to the parsed document's.
      let bytes: Uint8Array;
      try {
        bytes = await readFileBounded(path, maxBytes);
      } catch (error) {
        fail(
          summary,
          emit,
          path,
          error instanceof CcmError ? error.code : 'INGEST_UNREADABLE',
          (error as Error).message,
        );
        continue;
      }
      const original = { mediaType: mediaTypeOf(result.document.source.format), bytes };
      let saved: Awaited<ReturnType<Store['saveAgreement']>>;
      try {
        saved = await store.saveAgreement({ meta, ...result, original });
      } catch (error) {
        // One file the database refuses fails alone, and its text never reaches the message.
        fail(summary, emit, path, storeCode(error), storeMessage(error));
        continue;
      }
      // Another process may have stored the same content meanwhile: the store's answer counts.
      if (saved.status === 'unchanged') {
        summary.unchanged++;
        emit({ type: 'unchanged', file: path, agreementId: saved.agreementId });
        continue;
      }
      const tags = result.classification.provisions.reduce((n, p) => n + p.tags.length, 0);
      summary.added++;
      summary.provisions += result.document.provisions.length;
      summary.tags += tags;
      emit({
        type: 'stored',
        file: path,
        agreementId: meta.id,
        title: meta.title,
        provisions: result.document.provisions.length,
        tags,
      });
    }
  } finally {
    // The run row is finished whatever happened: a crash mid-run leaves counts, not a hole.
    await store.finishRun(summary.runId, summary).catch(() => {});
  }
  return summary;
}

export type ReclassifyEvent = { type: 'reclassified'; agreementId: string; from: string; tags: number };

/**
 * Re-runs only the classifier over stored agreements (after a classifier upgrade): those
 * tagged by another version, or all with `force`. One transaction per agreement.
 */
export async function reclassify(
  store: Store,
  options: { force?: boolean; onEvent?: (event: ReclassifyEvent) => void } = {},
): Promise<IngestSummary> {
  const documents = await store.documents();
  const summary = emptySummary(documents.size);
  summary.runId = await store.beginRun('reclassify', CLASSIFIER_VERSION);
  for (const { agreementId, classifier } of documents.values()) {
    if (!options.force && classifier === CLASSIFIER_VERSION) {
      summary.unchanged++;
      continue;
    }
    const document = await store.loadDocument(agreementId);
    if (!document) continue;
    const classification = classify(document);
    await store.replaceClassification(agreementId, classification, scorecard(classification));
    const tags = classification.provisions.reduce((n, p) => n + p.tags.length, 0);
    summary.added++;
    summary.provisions += document.provisions.length;
    summary.tags += tags;
    options.onEvent?.({ type: 'reclassified', agreementId, from: classifier, tags });
  }
  await store.finishRun(summary.runId, summary);
  return summary;
}
