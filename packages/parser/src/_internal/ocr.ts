import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Worker as TesseractWorker } from 'tesseract.js';
import type { PageRuns, TextRun } from './pdf-layout.ts';

/** Languages whose tesseract data ships with the parser (npm `@tesseract.js-data/*`). */
export type OcrLanguage = 'eng' | 'fra' | 'spa';

export const OCR_LANGUAGES: Record<string, OcrLanguage> = { en: 'eng', fr: 'fra', es: 'spa' };

/**
 * Pages are rendered at this resolution. On the shared annex scan, 150 dpi read its paragraph
 * numbers best (200 and 300 misread some) and took 2–3 s a page against 7 s at 300 dpi.
 */
const DPI = 150;
/** Longest side of a rendered page, in pixels: bounds memory on oversized pages (posters, maps). */
const MAX_SIDE = 5000;
/** Lines tesseract is less sure of than this are stamps, logos, rules and specks, not text. */
const MIN_LINE_CONFIDENCE = 40;
const MIN_WORD_CONFIDENCE = 20;

const require = createRequire(import.meta.url);

/**
 * Tesseract workers, one per language, shared by every document this process parses: loading
 * a language takes ~0.4 s and ~100 MB, so a pool worker keeps them for its next documents
 * ({@link retainOcrEngines}); otherwise they are terminated when the last parse using them
 * ends, so that a process parsing one file exits.
 */
const engines = new Map<OcrLanguage, Promise<TesseractWorker>>();
/** tesseract.js workers take one job at a time: jobs queue here. */
let queue: Promise<unknown> = Promise.resolve();
let users = 0;
let retained = false;

/** Keeps the OCR engines alive between documents (pool workers); they end with the process. */
export function retainOcrEngines(): void {
  retained = true;
}

/** Terminates the OCR engines now (tesseract's workers would otherwise keep the process alive). */
export async function terminateOcrEngines(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map((e) => e.then((w) => w.terminate()).catch(() => {})));
}

/** Runs `operation` with the OCR engines available, and frees them afterwards unless retained. */
export async function withOcrEngines<T>(operation: () => Promise<T>): Promise<T> {
  users++;
  try {
    return await operation();
  } finally {
    users--;
    if (users === 0 && !retained) await terminateOcrEngines();
  }
}

function engine(language: OcrLanguage): Promise<TesseractWorker> {
  let worker = engines.get(language);
  if (!worker) {
    worker = (async () => {
      const { createWorker, OEM } = await import('tesseract.js');
      // The language data comes from its npm package: nothing is downloaded, nothing cached to disk.
      const langPath = join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), '4.0.0_best_int');
      return createWorker(language, OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true });
    })();
    engines.set(language, worker);
    worker.catch(() => engines.delete(language));
  }
  return worker;
}

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

/**
 * Renders a page (pdfjs onto @napi-rs/canvas: any image encoding, mask, rotation or page made of
 * several images comes out as the reader sees it) into a greyscale PGM, which Leptonica reads
 * without the cost of encoding a PNG.
 */
async function renderPage(pdf: PDFDocumentProxy, page: PDFPageProxy): Promise<{ image: Uint8Array; scale: number }> {
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(DPI / 72, MAX_SIDE / Math.max(base.width, base.height));
  const viewport = page.getViewport({ scale });
  const factory = pdf.canvasFactory as CanvasFactory;
  const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    await page.render({
      canvas: target.canvas as never,
      canvasContext: target.context as never,
      viewport,
    }).promise;
    const { width, height } = target.canvas;
    const rgba = target.context.getImageData(0, 0, width, height).data;
    const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
    const image = new Uint8Array(header.length + width * height);
    image.set(header);
    for (let i = 0, j = header.length; j < image.length; i += 4, j++) {
      image[j] = ((rgba[i] ?? 255) * 77 + (rgba[i + 1] ?? 255) * 150 + (rgba[i + 2] ?? 255) * 29) >> 8;
    }
    return { image, scale };
  } finally {
    factory.destroy(target);
  }
}

interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface OcrLine {
  words: OcrWord[];
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  baseline: { x0: number; y0: number; x1: number; y1: number };
  rowAttributes: { rowHeight: number };
}

/**
 * Recognises one page and returns its words as positioned runs in PDF user space (origin
 * bottom-left, points), so that the PDF layout stage (columns, running headers, gaps, widths,
 * relative sizes) treats them like a text layer. A line's words share its baseline; its size
 * is tesseract's row height, the same measure for every line of the page.
 */
export async function recognisePage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  language: OcrLanguage,
): Promise<PageRuns> {
  const page = await pdf.getPage(pageNumber);
  try {
    const { image, scale } = await renderPage(pdf, page);
    const worker = await engine(language);
    const job = queue.then(() => worker.recognize(image as unknown as Buffer, {}, { text: false, blocks: true }));
    queue = job.catch(() => {});
    const result = await job;
    const view = page.getViewport({ scale: 1 });
    const height = view.height;
    const runs: TextRun[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines as unknown as OcrLine[]) {
          if (line.confidence < MIN_LINE_CONFIDENCE) continue;
          const { baseline } = line;
          const mid = (line.bbox.x0 + line.bbox.x1) / 2;
          const slope = baseline.x1 > baseline.x0 ? (baseline.y1 - baseline.y0) / (baseline.x1 - baseline.x0) : 0;
          const baselineY = baseline.x1 > baseline.x0 ? baseline.y0 + slope * (mid - baseline.x0) : line.bbox.y1;
          const size = (line.rowAttributes.rowHeight || line.bbox.y1 - line.bbox.y0) / scale;
          for (const word of line.words) {
            const str = word.text.trim();
            if (!str || word.confidence < MIN_WORD_CONFIDENCE) continue;
            runs.push({
              x: word.bbox.x0 / scale,
              y: height - baselineY / scale,
              width: (word.bbox.x1 - word.bbox.x0) / scale,
              size,
              str,
            });
          }
        }
      }
    }
    evenSizes(runs);
    return { page: pageNumber, width: view.width, height, runs };
  } finally {
    page.cleanup();
  }
}

/**
 * Tesseract's row heights jitter by a pixel or two from line to line: sizes within 15 % of the
 * page's commonest size become that size, so that body lines read as body lines and only
 * real headings and small print stand out.
 */
function evenSizes(runs: TextRun[]): void {
  const weight = new Map<number, number>();
  for (const r of runs) weight.set(Math.round(r.size), (weight.get(Math.round(r.size)) ?? 0) + r.str.length);
  let body = 0;
  let best = -1;
  for (const [size, w] of weight) {
    if (w > best) [body, best] = [size, w];
  }
  if (!body) return;
  const sizes = runs.filter((r) => Math.abs(r.size - body) <= body * 0.15).map((r) => r.size);
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  for (const r of runs) if (Math.abs(r.size - body) <= body * 0.15) r.size = mean;
}

/**
 * Scales an OCR page so that its body size equals the document's: a scan bound into a PDF with a
 * text layer (often reduced or enlarged) is then read against the same body text and the same
 * line spacing as the rest. The whole page scales, so widths and positions keep their proportions.
 */
export function matchBodySize(page: PageRuns, bodySize: number, pageBodySize: number): void {
  if (!bodySize || !pageBodySize) return;
  const factor = bodySize / pageBodySize;
  page.width *= factor;
  page.height *= factor;
  for (const r of page.runs) {
    r.x *= factor;
    r.y *= factor;
    r.width *= factor;
    r.size *= factor;
  }
}
