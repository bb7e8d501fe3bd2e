import { ParseError } from '../errors.ts';
import type { ParseLimits } from '../types.ts';
import { layoutPages, type PageRuns, type TextRun } from './pdf-layout.ts';
import { withPdf } from './pdfjs.ts';
import type { SourceLayout } from './source-line.ts';

/** Reads a PDF's text layer into lines: pdfjs extraction here, geometry in pdf-layout.ts. */
export async function readPdf(bytes: Uint8Array, limits: ParseLimits): Promise<SourceLayout> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    throw new ParseError('PARSER_NOT_A_PDF', 'The file is not a PDF (no %PDF- header).');
  }
  return withPdf(bytes, async (pdf) => {
    if (pdf.numPages > limits.maxPages) {
      throw new ParseError(
        'PARSER_TOO_MANY_PAGES',
        `The PDF has ${pdf.numPages} pages; the limit is ${limits.maxPages} (raise it with the maxPages limit).`,
      );
    }
    const warnings: string[] = [];
    const pages: PageRuns[] = [];
    let failed = 0;
    let emptyPages = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      let runs: TextRun[] = [];
      let width = 612;
      let height = 792;
      try {
        const page = await pdf.getPage(n);
        const view = page.view;
        width = (view[2] ?? 612) - (view[0] ?? 0);
        height = (view[3] ?? 792) - (view[1] ?? 0);
        const content = await page.getTextContent({ disableNormalization: false });
        const vx = view[0] ?? 0;
        const vy = view[1] ?? 0;
        const items: {
          quarter: number;
          e: number;
          f: number;
          size: number;
          width: number;
          str: string;
          font: string;
        }[] = [];
        for (const item of content.items) {
          if (!('str' in item) || item.str.length === 0) continue;
          const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
          const angle = Math.atan2(b, a);
          const quarter = Math.round(angle / (Math.PI / 2));
          // Skewed text (stamps, diagonal watermarks) is not part of the reading flow.
          if (Math.abs(angle - (quarter * Math.PI) / 2) > 0.02) continue;
          items.push({
            quarter: ((quarter % 4) + 4) % 4,
            e: e - vx,
            f: f - vy,
            size: Math.hypot(c, d),
            width: item.width,
            str: item.str,
            font: item.fontName,
          });
        }
        // Landscape tables are often printed as rotated text: read the page in its dominant direction.
        const weight = [0, 0, 0, 0];
        for (const it of items) weight[it.quarter] = (weight[it.quarter] ?? 0) + it.str.length;
        const quarter = weight.indexOf(Math.max(...weight));
        if (quarter % 2 === 1) [width, height] = [height, width];
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
      } catch (error) {
        failed++;
        warnings.push(`page ${n}: text could not be read (${error instanceof Error ? error.message : String(error)})`);
        runs = [];
      }
      if (runs.reduce((k, r) => k + r.str.trim().length, 0) < 10) emptyPages++;
      pages.push({ page: n, width, height, runs });
    }
    if (failed === pdf.numPages) {
      throw new ParseError('PARSER_CORRUPT_PDF', 'The PDF is corrupt: no page could be read.');
    }
    if (emptyPages === pdf.numPages || emptyPages >= pdf.numPages * 0.9) {
      throw new ParseError(
        'PARSER_NO_TEXT_LAYER',
        `The PDF has no text layer on ${emptyPages} of ${pdf.numPages} pages (an image-only scan): run OCR on it first.`,
      );
    }
    if (emptyPages > 0) warnings.push(`${emptyPages} of ${pdf.numPages} pages have no text layer (images only)`);
    const { lines, footnotes } = layoutPages(pages);
    const meta = await pdf.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    const metadata: Record<string, unknown> = {};
    for (const key of ['Title', 'Author', 'Subject', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
      if (typeof info[key] === 'string' && info[key]) metadata[key.charAt(0).toLowerCase() + key.slice(1)] = info[key];
    }
    return {
      lines,
      footnotes,
      pageCount: pdf.numPages,
      metadataTitle: typeof info.Title === 'string' ? info.Title : undefined,
      metadata,
      warnings,
    };
  });
}
