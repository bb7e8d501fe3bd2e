import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import { zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

/** A small PDF written by pdfkit; options add a password or leave the page without text. */
export function makePdf(
  options: { lines?: string[]; userPassword?: string; textless?: boolean; pages?: number } = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    ...(options.userPassword
      ? { userPassword: options.userPassword, ownerPassword: 'owner', pdfVersion: '1.7' as const }
      : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) =>
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  for (let p = 0; p < (options.pages ?? 1); p++) {
    doc.addPage();
    if (options.textless) {
      // Stands in for a scanned page: marks on the page, no text layer.
      doc.rect(72, 72, 300, 400).fill('#444');
    } else {
      doc.font('Times-Roman').fontSize(11);
      const lines = options.lines ?? [
        `Article ${p + 1}`,
        `The Parties shall cooperate in the matters listed in Annex ${p + 1}.`,
      ];
      for (const line of lines) doc.text(line);
    }
  }
  doc.end();
  return done;
}

/** A DOCX written by the docx library: headings, paragraphs and a footnote. */
export async function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    footnotes: {
      1: { children: [new Paragraph('For greater certainty, this includes films and television programmes.')] },
    },
    sections: [
      {
        children: [
          new Paragraph('AGREEMENT ON CULTURAL COOPERATION BETWEEN ARCADIA AND BOREALIS'),
          new Paragraph('PREAMBLE'),
          new Paragraph('The Parties, RECALLING the 2005 Convention on the Diversity of Cultural Expressions,'),
          new Paragraph('HAVE AGREED AS FOLLOWS:'),
          new Paragraph('CHAPTER 1'),
          new Paragraph('AUDIOVISUAL SERVICES'),
          new Paragraph('Article 1'),
          new Paragraph('Scope'),
          new Paragraph({
            children: [
              new TextRun('1. This Chapter shall not apply to audiovisual services.'),
              new FootnoteReferenceRun(1),
            ],
          }),
          new Paragraph('2. Each Party may maintain measures pursuant to Article 2.'),
          new Paragraph('Article 2'),
          new Paragraph('Co-production'),
          new Paragraph('The Parties shall encourage co-production of films.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A zip bomb dressed as a DOCX: a few kilobytes that inflate to `bytes` of zeros. */
export function makeZipBomb(bytes: number): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'word/document.xml': new Uint8Array(bytes),
    },
    { level: 9 },
  );
}

export function makeZipWithoutDocument(): Uint8Array {
  return zipSync({ 'hello.txt': new TextEncoder().encode('not a docx') });
}
