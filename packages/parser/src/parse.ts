import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readDocx } from './_internal/docx.ts';
import { detectLanguage } from './_internal/language.ts';
import { readPdf } from './_internal/pdf.ts';
import type { SourceLayout } from './_internal/source-line.ts';
import { buildStructure, type StructureLine } from './_internal/structure.ts';
import { decodeText, readText } from './_internal/text.ts';
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

/** Guesses the format from the bytes themselves, never from the file name alone. */
export function sniffFormat(bytes: Uint8Array, fileName?: string): SourceFormat {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  const lower = fileName?.toLowerCase() ?? '';
  if (lower.endsWith('.pdf')) return 'pdf';
  if (lower.endsWith('.docx')) return 'docx';
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<treaty[\s>]/.test(head) || lower.endsWith('.xml'))
    return 'tota-xml';
  if (bytes.includes(0)) {
    throw new ParseError('PARSER_UNKNOWN_FORMAT', 'The file is binary and not a PDF or DOCX; cannot read it.');
  }
  return 'text';
}

/**
 * Parses an agreement (PDF, DOCX, plain text or ToTA XML) into a {@link AgreementDocument}.
 * Pure and deterministic: the same bytes always give the same document.
 *
 * @example
 * const doc = await parse(await readFile('rcep.pdf'), { fileName: 'rcep.pdf' })
 * doc.provisions.filter((p) => p.kind === 'chapter').map((p) => p.heading)
 */
export async function parse(input: Uint8Array, options: ParseOptions = {}): Promise<AgreementDocument> {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
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
    const tota = readTota(decodeText(input));
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
  if (format === 'pdf') layout = await readPdf(input, limits, options);
  else if (format === 'docx') layout = await readDocx(input, limits);
  else layout = readText(decodeText(input));

  if (layout.lines.length === 0) throw new ParseError('PARSER_EMPTY_INPUT', 'The document contains no text.');
  const structure = buildStructure(layout.lines as StructureLine[], layout.footnotes);
  return {
    format: DOCUMENT_FORMAT,
    title: detectTitle(layout.lines, layout.metadataTitle, options.fileName),
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

/** Reads and parses a file; the file name feeds format sniffing and the fallback title. */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<AgreementDocument> {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new ParseError('PARSER_UNREADABLE_FILE', `Cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // Refuse before reading a huge file into memory.
  if (size > limits.maxBytes) {
    throw new ParseError('PARSER_TOO_LARGE', `${path} is ${size} bytes; the limit is ${limits.maxBytes}.`);
  }
  const bytes = new Uint8Array(await readFile(path));
  return parse(bytes, { fileName: path, ...options });
}
