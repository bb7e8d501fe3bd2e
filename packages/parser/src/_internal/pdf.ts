import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { isParseError, limitExceeded, ParseError } from '../errors.ts';
import type { ParseLimits, ParseOptions } from '../types.ts';
import { Deadline } from './budget.ts';
import { isGarbled } from './garbled.ts';
import { detectLanguage } from './language.ts';
import { matchBodySize, OCR_LANGUAGES, type OcrLanguage, recognisePage, withOcrEngines } from './ocr.ts';
import { dominantSize, layoutPages, type PageRuns, type TextRun } from './pdf-layout.ts';
import { loadPdfjs, withPdf } from './pdfjs.ts';
import type { SourceLayout } from './source-line.ts';

type TextItem = { str?: string; transform?: number[]; width?: number; fontName?: string };

/**
 * The page's text items, streamed from pdfjs (which waits while we do not read), their glyphs
 * counted as they come: a page of millions of glyphs is refused without them all in memory.
 * Past the budget the stream is drained, not cancelled: pdfjs 5 throws an uncaught error when a
 * cancelled text stream receives its next chunk.
 */
async function textItems(page: PDFPageProxy, maxGlyphs: number): Promise<TextItem[]> {
  const reader = page.streamTextContent({ disableNormalization: false }).getReader();
  const items: TextItem[] = [];
  let glyphs = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const item of (value as { items: TextItem[] }).items) {
      glyphs += Math.max(1, item.str?.length ?? 0);
      if (glyphs <= maxGlyphs) items.push(item);
    }
  }
  if (glyphs > maxGlyphs) {
    throw limitExceeded('maxGlyphsPerPage', `page ${page.pageNumber} has ${glyphs} glyphs`, maxGlyphs);
  }
  return items;
}

/** Reads a PDF's text layer into lines: pdfjs extraction here, geometry in pdf-layout.ts. */
/** The page's text layer as runs in the page's reading direction. */
async function readTextLayer(pdf: PDFDocumentProxy, n: number, limits: ParseLimits): Promise<PageRuns> {
  const page = await pdf.getPage(n);
  const view = page.view;
  let width = (view[2] ?? 612) - (view[0] ?? 0);
  let height = (view[3] ?? 792) - (view[1] ?? 0);
  const content = await textItems(page, limits.maxGlyphsPerPage);
  const vx = view[0] ?? 0;
  const vy = view[1] ?? 0;
  const items: { quarter: number; e: number; f: number; size: number; width: number; str: string; font: string }[] = [];
  for (const item of content) {
    if (typeof item.str !== 'string' || item.str.length === 0) continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform ?? [];
    const angle = Math.atan2(b, a);
    const quarter = Math.round(angle / (Math.PI / 2));
    // Skewed text (stamps, diagonal watermarks) is not part of the reading flow.
    if (Math.abs(angle - (quarter * Math.PI) / 2) > 0.02) continue;
    items.push({
      quarter: ((quarter % 4) + 4) % 4,
      e: e - vx,
      f: f - vy,
      size: Math.hypot(c, d),
      width: item.width ?? 0,
      str: item.str,
      font: item.fontName ?? '',
    });
  }
  // Landscape tables are often printed as rotated text: read the page in its dominant direction.
  const weight = [0, 0, 0, 0];
  for (const it of items) weight[it.quarter] = (weight[it.quarter] ?? 0) + it.str.length;
  const quarter = weight.indexOf(Math.max(...weight));
  if (quarter % 2 === 1) [width, height] = [height, width];
  const runs: TextRun[] = [];
  for (const it of items) {
    if (it.quarter !== quarter) continue;
    let x = it.e;
    let y = it.f;
    if (quarter === 1) [x, y] = [it.f, height - it.e];
    else if (quarter === 2) [x, y] = [width - it.e, height - it.f];
    else if (quarter === 3) [x, y] = [width - it.f, it.e];
    runs.push({ x, y, width: it.width, size: it.size, str: it.str, font: it.font });
  }
  page.cleanup();
  return { page: n, width, height, runs };
}

/** Whether a page without text paints an image or enough vector paths to be text drawn as outlines. */
async function drawsSomething(pdf: PDFDocumentProxy, n: number): Promise<boolean> {
  const { OPS } = await loadPdfjs();
  const images = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
  ]);
  try {
    const page = await pdf.getPage(n);
    const { fnArray } = await page.getOperatorList();
    page.cleanup();
    let paths = 0;
    for (const fn of fnArray) {
      if (images.has(fn)) return true;
      if (fn === OPS.constructPath) paths++;
    }
    return paths > 50;
  } catch {
    return false;
  }
}

/**
 * Reads `toRead` by OCR into `pages`, in the document's language: the text layer's when there is
 * one, otherwise the language of the first page read in English (which is then read again when
 * it is French or Spanish). Sizes are scaled to the text layer's body size.
 */
async function ocrPages(
  pdf: PDFDocumentProxy,
  pages: PageRuns[],
  toRead: number[],
  textLayer: PageRuns[],
  onProgress: ParseOptions['onProgress'],
  checkBudgets: () => void,
): Promise<OcrLanguage> {
  return withOcrEngines(async () => {
    const layerText = textLayer.flatMap((p) => p.runs.map((r) => r.str)).join(' ');
    let language: OcrLanguage | undefined = OCR_LANGUAGES[detectLanguage(layerText)];
    const bodySize = textLayer.some((p) => p.runs.length > 0) ? dominantSize(textLayer.flatMap((p) => p.runs)) : 0;
    let done = 0;
    for (const n of toRead) {
      let read = await recognisePage(pdf, n, language ?? 'eng');
      if (!language) {
        language = OCR_LANGUAGES[detectLanguage(read.runs.map((r) => r.str).join(' '))] ?? 'eng';
        if (language !== 'eng') read = await recognisePage(pdf, n, language);
      }
      if (bodySize && read.runs.length > 0) matchBodySize(read, bodySize, dominantSize(read.runs));
      pages[n - 1] = read;
      checkBudgets();
      done++;
      onProgress?.({ stage: 'ocr', page: n, pages: pdf.numPages, done, total: toRead.length });
    }
    return language ?? 'eng';
  });
}

/** "1–3, 7" */
function pageList(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    const first = pages[i] ?? 0;
    let last = first;
    while (pages[i + 1] === last + 1) last = pages[++i] ?? last;
    parts.push(last > first ? `${first}–${last}` : `${first}`);
  }
  return parts.join(', ');
}

export async function readPdf(
  bytes: Uint8Array,
  limits: ParseLimits,
  options: Pick<ParseOptions, 'ocr' | 'onProgress'> = {},
  deadline: Deadline = new Deadline(limits.timeoutMs),
): Promise<SourceLayout> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    throw new ParseError('PARSER_NOT_A_PDF', 'The file is not a PDF (no %PDF- header).');
  }
  return withPdf(
    bytes,
    limits,
    async (pdf, budget) => {
      /** Between pages: a spent decode budget (pdfjs swallowed its error inside the page) or the time limit. */
      const checkBudgets = () => {
        if (budget.exceeded) throw budget.exceeded;
        deadline.check();
      };
      if (pdf.numPages > limits.maxPages) {
        throw new ParseError(
          'PARSER_TOO_MANY_PAGES',
          `The PDF has ${pdf.numPages} pages; the limit is ${limits.maxPages} (raise it with the maxPages limit).`,
        );
      }
      const warnings: string[] = [];
      const pages: PageRuns[] = [];
      let failed = 0;
      const empty: number[] = [];
      const garbled: number[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        let page: PageRuns;
        try {
          page = await readTextLayer(pdf, n, limits);
        } catch (error) {
          if (isParseError(error)) throw error;
          checkBudgets();
          failed++;
          warnings.push(
            `page ${n}: text could not be read (${error instanceof Error ? error.message : String(error)})`,
          );
          page = { page: n, width: 612, height: 792, runs: [] };
        }
        const text = page.runs.map((r) => r.str).join(' ');
        if (text.replace(/\s/g, '').length < 10) empty.push(n);
        else if (isGarbled(text)) garbled.push(n);
        pages.push(page);
        checkBudgets();
      }
      if (failed === pdf.numPages) {
        throw new ParseError('PARSER_CORRUPT_PDF', 'The PDF is corrupt: no page could be read.');
      }
      // A garbled layer is worse than none: its junk would reach the text.
      for (const n of garbled) {
        const page = pages[n - 1];
        if (page) page.runs = [];
      }
      const mode = options.ocr ?? 'auto';
      if (mode === 'off') {
        const unusable = empty.length + garbled.length;
        if (unusable >= pdf.numPages * 0.9) {
          if (garbled.length > 0 && garbled.length >= empty.length) {
            throw new ParseError(
              'PARSER_GARBLED_TEXT',
              `The PDF's text layer is garbled on ${garbled.length} of ${pdf.numPages} pages (glyphs without a Unicode mapping): parse it with OCR (--ocr auto).`,
            );
          }
          throw new ParseError(
            'PARSER_NO_TEXT_LAYER',
            `The PDF has no text layer on ${empty.length} of ${pdf.numPages} pages (an image-only scan): parse it with OCR (--ocr auto).`,
          );
        }
        if (empty.length > 0)
          warnings.push(`${empty.length} of ${pdf.numPages} pages have no text layer (images only)`);
        if (garbled.length > 0) warnings.push(`pages ${pageList(garbled)}: garbled text layer left out`);
      } else {
        // Blank pages are not worth loading an OCR engine for: only pages that draw something.
        const drawn: number[] = [];
        for (const n of empty) {
          if (await drawsSomething(pdf, n)) drawn.push(n);
          checkBudgets();
        }
        const toRead = mode === 'force' ? pages.map((p) => p.page) : [...drawn, ...garbled].sort((a, b) => a - b);
        if (toRead.length > 0) {
          const textLayer = pages.filter((p) => !toRead.includes(p.page));
          const language = await ocrPages(pdf, pages, toRead, textLayer, options.onProgress, checkBudgets);
          const why =
            mode === 'force'
              ? 'OCR forced'
              : [
                  drawn.length ? 'no text layer' : '',
                  garbled.length ? `garbled text layer on ${pageList(garbled)}` : '',
                ]
                  .filter(Boolean)
                  .join('; ');
          warnings.push(`pages ${pageList(toRead)} read by OCR (${language}; ${why})`);
        }
        const stillEmpty = pages.filter((p) => p.runs.reduce((k, r) => k + r.str.trim().length, 0) < 10).length;
        if (stillEmpty >= pdf.numPages * 0.9) {
          throw new ParseError(
            'PARSER_NO_TEXT_LAYER',
            toRead.length > 0
              ? `The PDF has no text on ${stillEmpty} of ${pdf.numPages} pages, even read by OCR.`
              : `The PDF has no text layer on ${stillEmpty} of ${pdf.numPages} pages and no image of text for OCR to read.`,
          );
        }
        const blank = empty.filter((n) => !toRead.includes(n));
        if (blank.length > 0) warnings.push(`${blank.length} of ${pdf.numPages} pages are blank`);
      }
      checkBudgets();
      const { lines, footnotes } = layoutPages(pages);
      const meta = await pdf.getMetadata().catch(() => null);
      const info = (meta?.info ?? {}) as Record<string, unknown>;
      const metadata: Record<string, unknown> = {};
      for (const key of ['Title', 'Author', 'Subject', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
        if (typeof info[key] === 'string' && info[key])
          metadata[key.charAt(0).toLowerCase() + key.slice(1)] = info[key];
      }
      return {
        lines,
        footnotes,
        pageCount: pdf.numPages,
        metadataTitle: typeof info.Title === 'string' ? info.Title : undefined,
        metadata,
        warnings,
      };
    },
    { renderText: options.ocr === 'force' },
  );
}
