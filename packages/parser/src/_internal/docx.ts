import { constants, inflateRawSync } from 'node:zlib';
import { limitExceeded, ParseError } from '../errors.ts';
import type { ParseLimits } from '../types.ts';
import type { SourceFootnote, SourceLayout, SourceLine } from './source-line.ts';
import { checkXml } from './xml-scan.ts';

interface ZipPart {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const notADocx = (why: string, cause?: unknown) =>
  new ParseError('PARSER_NOT_A_DOCX', `The file is not a readable DOCX (${why}).`, cause ? { cause } : undefined);

/**
 * The archive's parts as its central directory lists them (the directory mammoth's unzipper
 * trusts too), refused before anything is inflated when there are more than maxZipEntries or
 * when the sizes they declare exceed the budgets.
 */
function centralDirectory(bytes: Uint8Array, limits: ParseLimits): ZipPart[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notADocx('no zip central directory: truncated or damaged');
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  // 0xffff entries means "65,535 or more, see the ZIP64 record": more than any DOCX has.
  if (count > limits.maxZipEntries) {
    const many = count === 0xffff ? 'at least 65535' : String(count);
    throw limitExceeded('maxZipEntries', `its zip archive has ${many} entries`, limits.maxZipEntries);
  }
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw notADocx('a ZIP64 archive, which no DOCX of a sane size needs');
  if (dirOffset + dirSize > bytes.length) throw notADocx('its zip central directory points past the end of the file');
  const parts: ZipPart[] = [];
  let declared = 0;
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50)
      throw notADocx('a damaged zip central directory');
    const nameLength = view.getUint16(p + 28, true);
    const part: ZipPart = {
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
    };
    if (part.size > limits.maxPartBytes) {
      throw limitExceeded(
        'maxPartBytes',
        `its part ${part.name} declares ${part.size} bytes uncompressed`,
        limits.maxPartBytes,
      );
    }
    declared += part.size;
    if (declared > limits.maxUncompressedBytes) throw zipBomb(limits);
    parts.push(part);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return parts;
}

function zipBomb(limits: ParseLimits): ParseError {
  return new ParseError(
    'PARSER_ZIP_BOMB',
    `The DOCX expands to more than ${limits.maxUncompressedBytes} bytes (a zip bomb?); refusing to read it (the maxUncompressedBytes limit).`,
    { limit: 'maxUncompressedBytes' },
  );
}

/**
 * Inflates every part where the central directory says it is, counting what really comes out
 * (local headers may lie, sizes zeroed, and the directory may understate): inflation stops at
 * the part's budget, never more in memory. XML parts are checked for depth and entities.
 * Returns the part names.
 */
function inspectZip(bytes: Uint8Array, limits: ParseLimits): string[] {
  const parts = centralDirectory(bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const part of parts) {
    const at = part.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50)
      throw notADocx(`a damaged zip entry (${part.name})`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + part.compressedSize);
    const budget = Math.min(limits.maxPartBytes, limits.maxUncompressedBytes - total);
    let inflated: Uint8Array | undefined;
    if (part.method === 0) inflated = data;
    else if (part.method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (error) {
        // Past the budget zlib stops and throws: nothing more was inflated.
        if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') {
          throw notADocx(`a damaged zip entry (${part.name})`, error);
        }
      }
    } else throw notADocx(`zip compression method ${part.method} in ${part.name}`);
    if (!inflated || inflated.length > budget) {
      if (budget === limits.maxPartBytes) {
        throw limitExceeded(
          'maxPartBytes',
          `its part ${part.name} inflates to more than ${limits.maxPartBytes} bytes`,
          limits.maxPartBytes,
        );
      }
      throw zipBomb(limits);
    }
    total += inflated.length;
    if (/\.(?:xml|rels)$/i.test(part.name)) {
      checkXml(new TextDecoder('latin1').decode(inflated), limits, `the DOCX part ${part.name}`);
    }
  }
  return parts.map((p) => p.name);
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
    // Say what went wrong: "damaged" alone hid a part too large for mammoth's strings.
    const why = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) : String(error);
    throw new ParseError('PARSER_NOT_A_DOCX', `The DOCX could not be read (damaged document part: ${why}).`, {
      cause: error,
    });
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
