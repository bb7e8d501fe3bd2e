import { Unzip, UnzipInflate } from 'fflate';
import { ParseError } from '../errors.ts';
import type { ParseLimits } from '../types.ts';
import type { SourceFootnote, SourceLayout, SourceLine } from './source-line.ts';

/**
 * Inflates every part of the archive while counting real output bytes, so a zip bomb is caught
 * by what it produces, not by the sizes it claims. Returns the part names.
 */
function inspectZip(bytes: Uint8Array, limits: ParseLimits): string[] {
  const names: string[] = [];
  let total = 0;
  let bomb = false;
  const unzip = new Unzip((file) => {
    names.push(file.name);
    file.ondata = (error, chunk) => {
      if (error || bomb) return;
      total += chunk.length;
      if (total > limits.maxUncompressedBytes) {
        bomb = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const step = 1 << 16;
  try {
    for (let i = 0; i < bytes.length && !bomb; i += step) {
      unzip.push(bytes.subarray(i, i + step), i + step >= bytes.length);
    }
  } catch (error) {
    throw new ParseError('PARSER_NOT_A_DOCX', 'The file is not a readable DOCX (its zip archive is damaged).', {
      cause: error,
    });
  }
  if (bomb) {
    throw new ParseError(
      'PARSER_ZIP_BOMB',
      `The DOCX expands to more than ${limits.maxUncompressedBytes} bytes (a zip bomb?); refusing to read it.`,
    );
  }
  return names;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };
function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#?\w+);/g, (all, name: string) => {
      if (ENTITIES[name]) return ENTITIES[name];
      if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return all;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * DOCX through mammoth's HTML: paragraphs and headings become lines, table rows become
 * tab-separated lines, footnotes are taken out of the body and their calls recorded.
 */
export async function readDocx(bytes: Uint8Array, limits: ParseLimits): Promise<SourceLayout> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ParseError('PARSER_NOT_A_DOCX', 'The file is not a DOCX (not a zip archive).');
  }
  const names = inspectZip(bytes, limits);
  if (!names.includes('word/document.xml')) {
    throw new ParseError('PARSER_NOT_A_DOCX', 'The zip archive has no word/document.xml: it is not a DOCX.');
  }
  // mammoth is loaded only when a DOCX is actually parsed (as pdfjs is for PDFs).
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (error) {
    throw new ParseError('PARSER_NOT_A_DOCX', 'The DOCX could not be read (damaged document part).', { cause: error });
  }

  // Footnotes and endnotes: mammoth appends them as <li id="footnote-N"> items.
  const footnotes: SourceFootnote[] = [];
  const noteRe = /<li id="(?:footnote|endnote)-(\d+)">([\s\S]*?)<\/li>/g;
  for (const m of html.matchAll(noteRe)) {
    footnotes.push({
      marker: m[1] ?? '',
      text: htmlText((m[2] ?? '').replace(/<a href="#[^"]*-ref-\d+">.*?<\/a>/g, '')),
      page: 1,
    });
  }
  html = html.replace(/<ol>\s*<li id="(?:footnote|endnote)-[\s\S]*$/, '');

  const lines: SourceLine[] = [];
  const blockRe = /<(p|h[1-6]|tr|li)\b[^>]*>([\s\S]*?)<\/\1>/g;
  for (const m of html.matchAll(blockRe)) {
    const tag = m[1] ?? 'p';
    let inner = m[2] ?? '';
    if (tag === 'li' && /<(?:p|ul|ol)\b/.test(inner)) continue;
    const refs: string[] = [];
    inner = inner.replace(/<sup><a href="#(?:footnote|endnote)-(\d+)"[^>]*>.*?<\/a><\/sup>/g, (_all, n: string) => {
      refs.push(n);
      return '';
    });
    if (tag === 'tr') {
      const cells = [...inner.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => htmlText(c[1] ?? ''));
      const text = cells.filter(Boolean).join('\t');
      if (text) lines.push({ text, page: 1, blockStart: true, table: true, refs: refs.length ? refs : undefined });
      continue;
    }
    if (/<table\b/.test(inner)) continue;
    const text = htmlText(inner);
    if (text) lines.push({ text, page: 1, blockStart: true, refs: refs.length ? refs : undefined });
  }
  return { lines, footnotes, pageCount: 1, metadata: {}, warnings: [] };
}
