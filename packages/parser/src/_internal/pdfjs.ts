import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { ParseError } from '../errors.ts';
import type { ParseLimits } from '../types.ts';
import { DecodeBudget, withDecodeBudget } from './budget.ts';

/**
 * pdfjs's own copies of the standard 14 fonts: pages that use them render (for OCR) without system
 * fonts. Text extraction does not need them, and loading them cost RCEP about a seventh of its parse.
 */
const STANDARD_FONTS = `${dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfjsModule> | undefined;

/** pdfjs-dist is large; load it once, and only when a PDF is actually parsed. */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * Opens a PDF, runs `operation` and frees the document afterwards (unpdf's `withDocument`).
 * Every byte pdfjs decodes meanwhile is charged to a {@link DecodeBudget} (given to `operation`
 * to check between pages); pdfjs errors become typed {@link ParseError}s, a spent budget its own.
 */
export async function withPdf<T>(
  bytes: Uint8Array,
  limits: ParseLimits,
  operation: (pdf: PDFDocumentProxy, budget: DecodeBudget) => Promise<T>,
  options: { renderText?: boolean } = {},
): Promise<T> {
  const budget = new DecodeBudget(limits);
  return withDecodeBudget(budget, async () => {
    try {
      return await openPdf(bytes, limits, (pdf) => operation(pdf, budget), options);
    } catch (error) {
      // pdfjs wraps what it catches: the budget's own error says which limit.
      throw budget.exceeded ?? error;
    }
  });
}

async function openPdf<T>(
  bytes: Uint8Array,
  limits: ParseLimits,
  operation: (pdf: PDFDocumentProxy) => Promise<T>,
  options: { renderText?: boolean },
): Promise<T> {
  const { getDocument } = await loadPdfjs();
  // pdfjs detaches the buffer it is given (and refuses a Buffer): hand it a plain copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    // Images larger than this are not decoded (pdfjs skips them): a 64k × 64k image is 16 GB.
    maxImageSize: limits.maxImagePixels,
    // Only pages whose text is rendered (OCR forced on a text layer) need the standard fonts' outlines.
    ...(options.renderText ? { standardFontDataUrl: STANDARD_FONTS } : {}),
  });
  let pdf: PDFDocumentProxy;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    throw toParseError(error);
  }
  try {
    return await operation(pdf);
  } finally {
    await task.destroy().catch(() => {});
  }
}

function toParseError(error: unknown): ParseError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new ParseError('PARSER_ENCRYPTED_PDF', 'The PDF is password-protected; remove the password and try again.', {
      cause: error,
    });
  }
  return new ParseError('PARSER_CORRUPT_PDF', `The PDF is corrupt or truncated (${message}).`, { cause: error });
}
