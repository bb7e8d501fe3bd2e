import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CLASSIFIER_VERSION, classify, scorecard } from '@ccm/classifier';
import type { OcrMode, ParseOptions } from '@ccm/parser';
import { runPool } from '@ccm/pool';
import type { RunCounts, Store } from '@ccm/store';
import type { ManifestEntry } from './manifest.ts';
import { agreementMeta } from './metadata.ts';
import type { Analysed } from './worker.ts';

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

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * Ingests files into the store: each new document is parsed and classified on a worker and
 * written in one transaction (a crash leaves whole agreements or none). Idempotent: a file
 * whose content is already stored is skipped. A bad file is reported and skipped.
 */
export async function ingest(store: Store, files: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const emit = options.onEvent ?? (() => {});
  const known = await store.documents();
  const summary = emptySummary(files.length);
  const toDo: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    let sha: string;
    try {
      sha = await sha256Of(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      summary.failed++;
      summary.errors.push({ file, code: 'INGEST_UNREADABLE', message });
      emit({ type: 'failed', file, code: 'INGEST_UNREADABLE', message });
      continue;
    }
    const stored = known.get(sha);
    if (stored || seen.has(sha)) {
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
  for await (const { path, result } of runPool<Analysed, ParseOptions>(
    toDo,
    WORKER,
    options.ocr ? { ocr: options.ocr } : {},
    pool,
  )) {
    if (!result.ok) {
      summary.failed++;
      summary.errors.push({ file: path, code: result.code, message: result.message });
      emit({ type: 'failed', file: path, code: result.code, message: result.message });
      continue;
    }
    const meta = agreementMeta(result.document, options.manifest?.get(resolve(path)));
    await store.saveAgreement({ meta, ...result });
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
  await store.finishRun(summary.runId, summary);
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
