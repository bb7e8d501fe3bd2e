/**
 * Hostile inputs, built here byte by byte so that the suite and bench/hostile need no fixtures:
 * decompression bombs in PDFs and DOCX, zip archives with lying headers or 100,000 entries,
 * glyphs without Unicode, deep or entity-declaring XML, pipes and sparse files.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';

/**
 * zlib data of `size` zero bytes (a multiple of 1 MiB), built in milliseconds: one MiB of zeros
 * deflated and flushed to a byte boundary, repeated, then a final empty block and the checksum.
 */
export function deflatedZeros(size: number): Buffer {
  const mib = 1 << 20;
  const block = deflateRawSync(Buffer.alloc(mib), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const count = Math.ceil(size / mib);
  const adler = Buffer.alloc(4);
  // Adler-32 of n zero bytes: a = 1, b = n (mod 65521).
  adler.writeUInt32BE(((((count * mib) % 65521) << 16) + 1) >>> 0);
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(count).fill(block),
    Buffer.from([0x03, 0x00]),
    adler,
  ]);
}

/** A one-page PDF whose objects are given as bodies (`<< … >>` or streams); object 1 is the catalog. */
export function pdfOf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const bytes = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(bytes);
    length += bytes.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  parts.push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(parts);
}

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/** A page whose content stream is `content` under `filters`, with Helvetica as F1 and `extra[0]` (object 6) as F2. */
function onePage(content: Buffer, filters: string, extra: (string | Buffer)[] = []): Buffer {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R${extra.length ? ' /F2 6 0 R' : ''} >> >> >>`,
    stream(filters ? `/Filter ${filters}` : '', content),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...extra,
  ]);
}

/** The issue's bomb: one content stream, Flate inside Flate, inflating to `size` bytes (4 GiB in the report). */
export function nestedFlatePdf(size: number): Buffer {
  const inner = deflatedZeros(size);
  return onePage(deflateSync(inner, { level: 9 }), '[/FlateDecode /FlateDecode]');
}

/** A single Flate content stream of `size` zero bytes (about size / 1000 compressed). */
export function flatePdf(size: number): Buffer {
  return onePage(deflatedZeros(size), '/FlateDecode');
}

/**
 * A page that paints one greyscale image of `width` × `height` whose Flate data inflates to
 * `size` bytes (decoded natively by pdfjs, off the JS heap), and has no text: the parser looks
 * at what the page draws.
 */
export function imageBombPdf(width: number, height: number, size: number): Buffer {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    stream('', Buffer.from('q 612 0 0 792 0 0 cm /Im1 Do Q', 'latin1')),
    stream(
      `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
      deflatedZeros(size),
    ),
  ]);
}

/** A page of `count` glyphs: lines of 100 letters, packed a fifth of a point apart (all inside the page). */
export function manyGlyphsPdf(count: number): Buffer {
  const ops = ['BT /F1 1 Tf 20 780 Td'];
  const line = `(${'a'.repeat(100)}) Tj 0 -0.2 Td`;
  for (let i = 0; i < count / 100; i++) ops.push(line);
  ops.push('ET');
  return onePage(deflateSync(ops.join('\n')), '/FlateDecode');
}

/**
 * Lines of text in a font without a Unicode mapping whose codes are control characters (NUL…):
 * a Type3 font with glyph names no Unicode table knows, as subset fonts of scanned-then-OCRed
 * or badly exported files have.
 */
export function unmappedGlyphPdf(lines = 30): Buffer {
  const codes = Array.from({ length: 60 }, (_, i) => String.fromCharCode(i % 20)).join('');
  const escaped = codes
    .replace(/[\\()]/g, (c) => `\\${c}`)
    .replace(/[\x00-\x1f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  const ops = ['BT /F2 10 Tf 72 740 Td 12 TL'];
  for (let i = 0; i < lines; i++) ops.push(`(${escaped}) '`);
  ops.push('ET');
  const names = Array.from({ length: 20 }, (_, i) => `/g${i}`).join(' ');
  const procs = Array.from({ length: 20 }, (_, i) => `/g${i} 7 0 R`).join(' ');
  const type3 = `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /FirstChar 0 /LastChar 19 /Widths [${Array(20).fill(600).join(' ')}] /Encoding << /Type /Encoding /Differences [0 ${names}] >> /CharProcs << ${procs} >> >>`;
  // Object 7: the one glyph procedure every code draws (a box).
  const box = stream('', Buffer.from('600 0 0 0 500 700 d1 50 0 500 700 re f', 'latin1'));
  return onePage(Buffer.from(ops.join('\n'), 'latin1'), '', [type3, box]);
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Already deflated (raw) data standing for `size` bytes: `data` is then written as it is. */
  deflated?: { size: number; crc: number };
  /** The size the central directory declares, when it lies. */
  declaredSize?: number;
}

/**
 * A zip archive (deflated entries). `zeroLocalSizes` writes 0 for the sizes in the local file
 * headers only, as the issue's DOCX did: the central directory tells the truth.
 */
export function zipOf(entries: ZipEntry[], options: { zeroLocalSizes?: boolean; store?: boolean } = {}): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflated || options.store ? entry.data : deflateRawSync(entry.data);
    const crc = entry.deflated?.crc ?? crc32(entry.data);
    const size = entry.declaredSize ?? entry.deflated?.size ?? entry.data.length;
    const method = options.store ? 0 : 8;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(options.zeroLocalSizes ? 0 : crc, 14);
    header.writeUInt32LE(options.zeroLocalSizes ? 0 : body.length, 18);
    header.writeUInt32LE(options.zeroLocalSizes ? 0 : size, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** Raw deflate data of `size` zero bytes (a multiple of 1 MiB), built in milliseconds (see deflatedZeros). */
export function rawDeflatedZeros(size: number): Buffer {
  const z = deflatedZeros(size);
  return z.subarray(2, z.length - 4);
}

/**
 * The issue's DOCX bomb: word/document.xml inflates to `size` bytes while the local headers
 * say 0; the central directory says `declared` (the truth by default, or a lie).
 */
export function zeroedHeadersDocx(size: number, declared = size): Buffer {
  return zipOf(
    [
      { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
      { name: '_rels/.rels', data: Buffer.from(RELS) },
      { name: 'word/document.xml', data: rawDeflatedZeros(size), deflated: { size, crc: 0 }, declaredSize: declared },
    ],
    { zeroLocalSizes: true },
  );
}

/** A DOCX whose body is `body` (WordprocessingML inside <w:body>). */
export function docxOf(body: string, options: { zeroLocalSizes?: boolean } = {}): Buffer {
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zipOf(
    [
      { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
      { name: '_rels/.rels', data: Buffer.from(RELS) },
      { name: 'word/document.xml', data: Buffer.from(document) },
    ],
    options,
  );
}

/** Paragraphs of agreement text, `count` of them. */
export function paragraphs(count: number): string {
  const p =
    '<w:p><w:r><w:t>Each Party shall accord to cultural goods of the other Party treatment no less favourable.</w:t></w:r></w:p>';
  return p.repeat(count);
}

/** A zip of `count` empty stored entries (a DOCX needs only a handful). */
export function manyEntriesZip(count: number): Buffer {
  const entries: ZipEntry[] = [{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }];
  for (let i = 1; i < count; i++) entries.push({ name: `e/${i}`, data: Buffer.alloc(0) });
  return zipOf(entries, { store: true });
}

/** Text that must never reach an error message or a log: a confidential draft's words. */
export const SECRET = 'CONFIDENTIAL-DRAFT-7731 the Parties reserve audiovisual quotas';

/** A ToTA-shaped XML file nested `depth` elements deep inside an article. */
export function deepXml(depth: number): string {
  return `<?xml version="1.0"?><treaty><meta><name>${SECRET}</name></meta><body><chapter name="One"><article number="1">${'<x>'.repeat(depth)}${SECRET}${'</x>'.repeat(depth)}</article></chapter></body></treaty>`;
}

/** The billion laughs: ten entities each ten times the one before. */
export function entityBombXml(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE treaty [${entities.join('')}]><treaty><meta><name>&lol9;</name></meta><body><chapter name="One"><article number="1">${SECRET}</article></chapter></body></treaty>`;
}

export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A file that claims `size` bytes and holds none (all holes). */
export function sparseFile(path: string, size: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

export function write(path: string, data: Buffer | string): string {
  writeFileSync(path, data);
  return path;
}
