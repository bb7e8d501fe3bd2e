import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { type AgreementDocument, type ParseProgress, parse, parseFile } from '@ccm/parser';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared, PDF_DIR } from './helpers.ts';

const SCAN = resolve(PDF_DIR, 'ahkfta-annex-2-1-tariff-commitments-scan.pdf');

/** The text on one physical page of a parsed document. */
function pageText(doc: AgreementDocument, page: number): string {
  const span = doc.pages.find((p) => p.page === page);
  return span ? doc.text.slice(span.start, span.end) : '';
}

/** A PNG of printed lines, as a scanner would give a page (pdfjs ships the font). */
function imageOfText(lines: string[]): Buffer {
  const font = resolve(
    dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts/LiberationSans-Regular.ttf',
  );
  GlobalFonts.registerFromPath(font, 'OcrTestSans');
  const canvas = createCanvas(1240, 1754); // A4 at 150 dpi
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = 'black';
  ctx.font = '30px OcrTestSans';
  lines.forEach((line, i) => {
    ctx.fillText(line, 150, 200 + i * 36);
  });
  return canvas.toBuffer('image/png');
}

/** Two pages with a text layer around one page that is only an image of text. */
function mixedPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((ok) => doc.on('end', () => ok(new Uint8Array(Buffer.concat(chunks)))));
  doc.addPage().font('Times-Roman').fontSize(12);
  doc.text('Article 1');
  doc.text('The Parties shall cooperate in the field of cultural heritage and museums.');
  doc.addPage();
  doc.image(
    imageOfText([
      'Article 2',
      'Each Party shall protect archives, libraries and',
      'monuments of the other Party on its territory.',
    ]),
    0,
    0,
    { width: doc.page.width, height: doc.page.height },
  );
  doc.addPage().font('Times-Roman').fontSize(12);
  doc.text('Article 3');
  doc.text('This Agreement shall enter into force on the date of its signature.');
  doc.end();
  return done;
}

/**
 * A PDF written by hand whose font's ToUnicode maps every glyph to the private-use area: it
 * prints readable words and extracts as junk, as PDFs with broken font encodings do.
 */
function garbledPdf(): Uint8Array {
  const content = [
    'BT /F1 20 Tf 72 760 Td',
    '(Article 1) Tj 0 -30 Td',
    '(The Parties shall encourage the exchange of films,) Tj 0 -24 Td',
    '(books and music between their peoples.) Tj 0 -60 Td',
    '(Article 2) Tj 0 -30 Td',
    '(Each Party shall support translation of literature.) Tj',
    'ET',
  ].join('\n');
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Garbled def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '1 beginbfrange <20> <7E> <E020> endbfrange',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>',
    `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

describe.skipIf(!hasShared)('OCR of the shared image-only annex scan', () => {
  let doc: AgreementDocument;
  const events: ParseProgress[] = [];
  beforeAll(async () => {
    doc = await parseFile(SCAN, { onProgress: (e) => events.push(e) });
  });

  it('reads the words printed on its pages, with their page numbers', () => {
    expect(doc.pageCount).toBe(6);
    expect(pageText(doc, 1)).toContain('SCHEDULES OF TARIFF COMMITMENTS');
    expect(pageText(doc, 1)).toMatch(/This Annex is based on the Harmonized System/);
    expect(pageText(doc, 2)).toMatch(/Normal Track/);
    expect(doc.language).toBe('en');
    expect(doc.warnings.join('\n')).toMatch(/pages 1–6 read by OCR \(eng/);
  });

  it('finds the annex, its Part 1 and the numbered notes', () => {
    const annex = doc.provisions.find((p) => p.kind === 'annex');
    expect(annex?.number).toBe('2-1');
    expect(annex?.heading).toBe('SCHEDULES OF TARIFF COMMITMENTS');
    expect(annex?.pageStart).toBe(1);
    const part1 = doc.provisions.find((p) => p.kind === 'part' && p.number === '1');
    expect(part1?.heading).toBe('General Notes');
    expect(part1?.pageStart).toBe(1);
    expect(doc.text.slice(part1?.start, part1?.end)).toMatch(/Modality for Products in the Normal Track/);
  });

  it('reports progress once per page', () => {
    expect(events.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.stage === 'ocr' && e.total === 6 && e.pages === 6)).toBe(true);
  });

  it('with OCR off it is still PARSER_NO_TEXT_LAYER', async () => {
    await expect(parseFile(SCAN, { ocr: 'off' })).rejects.toMatchObject({ code: 'PARSER_NO_TEXT_LAYER' });
  });
});

describe('OCR of the pages that need it', () => {
  it('auto reads only the page that is an image of text, in place', async () => {
    const doc = await parse(await mixedPdf());
    expect(doc.warnings).toContainEqual(expect.stringMatching(/^pages 2 read by OCR \(eng; no text layer\)$/));
    const page2 = pageText(doc, 2);
    expect(page2).toMatch(/archives, libraries and monuments of the other Party/);
    expect(pageText(doc, 1)).toContain('cultural heritage and museums');
    expect(pageText(doc, 3)).toContain('enter into force on the date of its signature');
    expect(doc.provisions.filter((p) => p.kind === 'article').map((p) => [p.number, p.pageStart])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
    ]);
  });

  it('off leaves the image page out and says so', async () => {
    const doc = await parse(await mixedPdf(), { ocr: 'off' });
    expect(pageText(doc, 2)).toBe('');
    expect(doc.warnings).toContainEqual(expect.stringMatching(/1 of 3 pages have no text layer/));
  });

  it('a garbled text layer is read by OCR in auto, and refused with OCR off', async () => {
    const pdf = garbledPdf();
    const doc = await parse(pdf);
    expect(doc.text).toMatch(/exchange of films/);
    expect(doc.text).not.toMatch(/[\uE000-\uF8FF]/);
    expect(doc.warnings.join('\n')).toMatch(/garbled text layer on 1/);
    expect(doc.provisions.filter((p) => p.kind === 'article').map((p) => p.number)).toEqual(['1', '2']);
    await expect(parse(pdf, { ocr: 'off' })).rejects.toMatchObject({ code: 'PARSER_GARBLED_TEXT' });
  });
});
