import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Deadline } from './_internal/budget.ts';
import { readDocx } from './_internal/docx.ts';
import { isGarbledDocument, stripControls } from './_internal/garbled.ts';
import { readHtml } from './_internal/html.ts';
import { detectLanguage } from './_internal/language.ts';
import { readPdf } from './_internal/pdf.ts';
import { readFileBounded } from './_internal/read-file.ts';
import type { SourceLayout } from './_internal/source-line.ts';
import { buildStructure, type StructureLine } from './_internal/structure.ts';
import { decodeText, readText, utf16Of } from './_internal/text.ts';
import { detectTitle } from './_internal/title.ts';
import { readTota } from './_internal/tota.ts';
import { ParseError } from './errors.ts';
import {
  type AgreementDocument,
  DEFAULT_LIMITS,
  DOCUMENT_FORMAT,
  type ParseLimits,
  type ParseOptions,
  type SourceFormat,
} from './types.ts';

/** Where a page starts: a doctype, `<html>`, `<head>` or `<body>` after any XML declaration and comments. */
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
const FRAGMENT_START =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:p|div|h[1-6]|table|ul|ol|dl|section|article|main|blockquote|pre|title|meta|span|center|font|b|strong|i|em|a)[\s>]/i;
/** Tags of a fragment with no doctype (`<h1>…</h1><p>…</p>`), which plain text and ToTA never open with. */
const HTML_TAG =
  /<(?:p|div|h[1-6]|table|tr|td|ul|ol|li|br|section|article|main|blockquote|pre|title|meta|span)[\s/>]/gi;

function looksLikeHtml(bytes: Uint8Array): boolean {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const head = utf16
    ? new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, 8192))
    : new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).replace(/^\u00ef\u00bb\u00bf/, '');
  if (HTML_START.test(head.replace(/^\ufeff/, ''))) return true;
  // A fragment: it opens with an HTML tag and is mostly markup of blocks.
  return FRAGMENT_START.test(head) && (head.match(HTML_TAG)?.length ?? 0) >= 2;
}

/** Guesses the format from the bytes themselves, never from the file name alone. */
export function sniffFormat(bytes: Uint8Array, fileName?: string): SourceFormat {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  const lower = fileName?.toLowerCase() ?? '';
  // A page saved as .pdf (a download that returned an error page) is reported as not a PDF.
  if (lower.endsWith('.pdf')) return 'pdf';
  if (lower.endsWith('.docx')) return 'docx';
  // Before ToTA and the `.xml` name: XHTML opens with an XML declaration too.
  if (looksLikeHtml(bytes)) return 'html';
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<treaty[\s>]/.test(head) || lower.endsWith('.xml'))
    return 'tota-xml';
  if (/\.x?html?$/.test(lower)) return 'html';
  // Binary: more NULs than a stray one or two (an export glitch, stripped later with other controls).
  const sample = bytes.subarray(0, 1 << 16);
  if (!utf16Of(bytes) && sample.filter((b) => b === 0).length > Math.max(2, sample.length / 1000)) {
    throw new ParseError('PARSER_UNKNOWN_FORMAT', 'The file is binary and not a PDF or DOCX; cannot read it.');
  }
  return 'text';
}

/**
 * Parses an agreement (PDF, DOCX, HTML, plain text or ToTA XML) into a {@link AgreementDocument}.
 * Pure and deterministic: the same bytes always give the same document.
 *
 * @example
 * const doc = await parse(await readFile('rcep.pdf'), { fileName: 'rcep.pdf' })
 * doc.provisions.filter((p) => p.kind === 'chapter').map((p) => p.heading)
 */
export async function parse(input: Uint8Array, options: ParseOptions = {}): Promise<AgreementDocument> {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const deadline = new Deadline(limits.timeoutMs);
  if (input.byteLength === 0) throw new ParseError('PARSER_EMPTY_INPUT', 'The file is empty.');
  if (input.byteLength > limits.maxBytes) {
    throw new ParseError(
      'PARSER_TOO_LARGE',
      `The file is ${input.byteLength} bytes; the limit is ${limits.maxBytes} (raise it with the maxBytes limit).`,
    );
  }
  const format = options.format ?? sniffFormat(input, options.fileName);
  const source = {
    format,
    sha256: createHash('sha256').update(input).digest('hex'),
    byteLength: input.byteLength,
    ...(options.fileName ? { fileName: basename(options.fileName) } : {}),
  };

  if (format === 'tota-xml') {
    const tota = readTota(decodeText(input), limits);
    for (const line of tota.lines) line.text = stripControls(line.text);
    const structure = buildStructure(tota.lines, []);
    const detected = detectLanguage(structure.text);
    return {
      format: DOCUMENT_FORMAT,
      title: tota.title,
      language: tota.language && /^[a-z]{2}$/.test(tota.language) ? tota.language : detected,
      pageCount: 1,
      source,
      metadata: tota.metadata,
      text: structure.text,
      pages: structure.pages,
      provisions: structure.provisions,
      footnotes: structure.footnotes,
      warnings: [],
    };
  }

  let layout: SourceLayout;
  if (format === 'pdf') layout = await readPdf(input, limits, options, deadline);
  else if (format === 'docx') layout = await readDocx(input, limits);
  else if (format === 'html') layout = await readHtml(input, limits);
  else layout = readText(decodeText(input));

  // PDF pages are judged one by one (and read by OCR); other formats have one text layer.
  if (format !== 'pdf' && isGarbledDocument(layout.lines.map((l) => l.text).join('\n'))) {
    throw new ParseError(
      'PARSER_GARBLED_TEXT',
      'The document is mostly control, private-use or unmapped characters, not text in any language (a binary file, or a broken export).',
    );
  }
  for (const line of layout.lines) line.text = stripControls(line.text);
  for (const note of layout.footnotes) note.text = stripControls(note.text);
  layout.lines = layout.lines.filter((l) => l.text.trim() !== '');
  if (layout.lines.length === 0) throw new ParseError('PARSER_EMPTY_INPUT', 'The document contains no text.');
  const structure = buildStructure(layout.lines as StructureLine[], layout.footnotes);
  return {
    format: DOCUMENT_FORMAT,
    title: detectTitle(
      layout.lines,
      layout.metadataTitle === undefined ? undefined : stripControls(layout.metadataTitle),
      options.fileName,
    ),
    language: detectLanguage(structure.text),
    pageCount: layout.pageCount,
    source,
    metadata: layout.metadata,
    text: structure.text,
    pages: structure.pages,
    provisions: structure.provisions,
    footnotes: structure.footnotes,
    warnings: layout.warnings,
  };
}

/**
 * Reads and parses a file; the file name feeds format sniffing and the fallback title. Only a
 * regular file is read, and never more than the maxBytes limit of it.
 */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<AgreementDocument> {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const bytes = await readFileBounded(path, limits.maxBytes);
  return parse(bytes, { fileName: path, ...options });
}
