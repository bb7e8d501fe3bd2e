/**
 * Writes the PDF and DOCX versions of the sample agreements in corpus/samples from their text
 * versions, so that `pnpm start` ingests every format. Run after editing a sample:
 *   node tests/samples/build.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

const DIR = resolve(import.meta.dirname, '../../corpus/samples');
const HEADING = /^(?:PREAMBLE|PRÉAMBULE|PREÁMBULO|CHAPTER|CHAPITRE|CAPÍTULO|Article|Artículo)\b/;
// Fixed dates keep rebuilt files byte-identical when the text has not changed.
const BUILT = new Date('2026-11-01T00:00:00Z');

function blocks(text: string): string[] {
  return text.split(/\n\s*\n/).map((b) => b.replace(/\n/g, ' ').trim());
}

function pdf(text: string, title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: title, CreationDate: BUILT, ModDate: BUILT } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(chunks))));
  let previous = '';
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      doc.moveDown(0.6);
      previous = '';
      continue;
    }
    // An article's title is the line under "Article 1.2", set bold like the heading itself.
    const heading = HEADING.test(line) || line === line.toUpperCase() || /^(?:Article|Artículo) /.test(previous);
    previous = line;
    doc
      .font(heading ? 'Times-Bold' : 'Times-Roman')
      .fontSize(11)
      .text(line, { align: heading ? 'left' : 'justify' });
  }
  doc.end();
  return done;
}

async function docx(text: string, title: string): Promise<Buffer> {
  const paragraphs = blocks(text).flatMap((block) => {
    const lines = block.split(/(?<=^(?:Article|Artículo|CHAPTER|CHAPITRE|CAPÍTULO) [\w.]+) /);
    return lines.map(
      (line) =>
        new Paragraph({
          children: [new TextRun({ text: line, bold: HEADING.test(line) || line === line.toUpperCase() })],
        }),
    );
  });
  const doc = new Document({ title, creator: 'Cultural Clause Monitor', sections: [{ children: paragraphs }] });
  return Packer.toBuffer(doc);
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.txt'))) {
  const text = readFileSync(resolve(DIR, file), 'utf8');
  const title = text.split('\n')[0] ?? file;
  const base = file.replace(/\.txt$/, '');
  writeFileSync(resolve(DIR, `${base}.pdf`), await pdf(text, title));
  writeFileSync(resolve(DIR, `${base}.docx`), await docx(text, title));
  console.log(`wrote ${base}.pdf and ${base}.docx`);
}
