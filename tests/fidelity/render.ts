import hyphenEn from 'hyphen/en/index.js';
import hyphenEs from 'hyphen/es/index.js';
import hyphenFr from 'hyphen/fr/index.js';
import PDFDocument from 'pdfkit';
import { drawable, type TotaAgreement } from './tota-source.ts';

export type Layout = 'single' | 'two-column';

export interface RenderedFootnote {
  /** ToTA article_identifier of the article whose heading calls the footnote. */
  sourceId: string;
  marker: string;
  text: string;
}

export interface Rendering {
  pdf: Uint8Array;
  footnotes: RenderedFootnote[];
  pages: number;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };
const BODY = { font: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic', size: 11, leading: 13.6 };
const NOTE = { size: 8, leading: 9.8 };
/** Space kept free at the bottom of every page for up to two short footnotes. */
const FOOTNOTE_ZONE = 46;

type Doc = PDFKit.PDFDocument;

/**
 * Typesets a ToTA agreement the way agreements are printed: title page, running header with
 * the title, centred page numbers, bold headings, justified and hyphenated body text, and
 * footnotes called from some article headings; optionally in two columns.
 */
export function renderAgreement(agreement: TotaAgreement, layout: Layout): Promise<Rendering> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: { Title: agreement.title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) =>
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  const hyphenate = (agreement.language === 'es' ? hyphenEs : agreement.language === 'fr' ? hyphenFr : hyphenEn)
    .hyphenateSync;
  const keyword = agreement.language === 'es' ? 'Artículo' : 'Article';
  const typesetter = new Typesetter(doc, layout, drawable(agreement.title), hyphenate);
  const footnotes: RenderedFootnote[] = [];

  typesetter.titlePage(drawable(agreement.title));
  let articleCount = 0;
  for (const chapter of agreement.chapters) {
    const isPreamble = !chapter.number && /^pre[aá]mbul/i.test(chapter.name);
    const isConclusion = !chapter.number && /^conclusion$/i.test(chapter.name);
    if (chapter.number) {
      const [word = '', ...rest] = chapter.number.split(/\s+/);
      const printed = `${word.toUpperCase()} ${rest.join(' ')}`.trim();
      typesetter.heading([printed, ...(chapter.name ? [chapter.name.toUpperCase()] : [])], 'center', 2);
    } else if (chapter.name && !isPreamble && !isConclusion) {
      typesetter.heading([chapter.name.toUpperCase()], 'center', 2);
    }
    for (const article of chapter.articles) {
      if (article.number && !isPreamble && !isConclusion) {
        articleCount++;
        const lines = [`${keyword} ${article.number}`, ...(article.name ? [article.name] : [])];
        // Every fifth article with a one-line title calls a footnote from its title.
        let marker: string | undefined;
        if (article.name && articleCount % 5 === 0 && typesetter.fitsOnOneLine(article.name, true)) {
          marker = String(footnotes.length + 1);
        }
        const note = marker
          ? drawable(
              `The heading of ${keyword} ${article.number} is given for reference only (ToTA article ${article.sourceId}).`,
            )
          : undefined;
        const placed = typesetter.heading(lines, 'left', 1.2, marker && note ? { marker, text: note } : undefined);
        if (marker && note && placed) footnotes.push({ sourceId: article.sourceId, marker, text: note });
      } else if (article.name && !isPreamble && !isConclusion) {
        typesetter.heading([article.name], 'left', 1.2);
      }
      // ToTA keeps the source's line breaks as runs of spaces; a new paragraph is one that opens with its number.
      for (const paragraph of drawable(article.text).split(/\s{2,}(?=(?:\d{1,3}\.|\([a-z0-9]{1,4}\))\s)/)) {
        if (paragraph.trim()) typesetter.paragraph(paragraph.trim());
      }
    }
  }
  typesetter.finish();
  doc.end();
  return done.then((pdf) => ({ pdf, footnotes, pages: typesetter.pageCount }));
}

class Typesetter {
  private readonly columns: { x: number; width: number }[];
  private column = 0;
  private y = MARGIN.top;
  private pageFootnotes: { marker: string; text: string }[] = [];
  pageCount = 0;

  private readonly doc: Doc;
  private readonly runningTitle: string;
  private readonly hyphenate: (word: string) => string;

  constructor(doc: Doc, layout: Layout, runningTitle: string, hyphenate: (word: string) => string) {
    this.doc = doc;
    this.runningTitle = runningTitle;
    this.hyphenate = hyphenate;
    const width = PAGE.width - MARGIN.left - MARGIN.right;
    if (layout === 'single') this.columns = [{ x: MARGIN.left, width }];
    else {
      const gap = 18;
      const w = (width - gap) / 2;
      this.columns = [
        { x: MARGIN.left, width: w },
        { x: MARGIN.left + w + gap, width: w },
      ];
    }
  }

  private get bottom(): number {
    return PAGE.height - MARGIN.bottom - FOOTNOTE_ZONE;
  }

  private get col(): { x: number; width: number } {
    return this.columns[this.column] ?? { x: MARGIN.left, width: 400 };
  }

  titlePage(title: string): void {
    this.newPage(false);
    this.doc.font(BODY.bold).fontSize(16);
    const lines = this.wrap(title, PAGE.width - MARGIN.left - MARGIN.right, BODY.bold, 16, false);
    let y = 220;
    for (const line of lines) {
      const w = this.doc.widthOfString(line);
      this.doc.text(line, (PAGE.width - w) / 2, y, { lineBreak: false });
      y += 20;
    }
    this.finishPage();
    this.newPage(true);
  }

  private newPage(header: boolean): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.pageCount++;
    this.column = 0;
    this.y = MARGIN.top;
    this.pageFootnotes = [];
    if (header) {
      this.doc.font(BODY.italic).fontSize(9);
      let title = this.runningTitle;
      while (this.doc.widthOfString(title) > PAGE.width - MARGIN.left - MARGIN.right && title.length > 10) {
        title = `${title.slice(0, title.length - 5).trimEnd()}…`;
      }
      const w = this.doc.widthOfString(title);
      this.doc.text(title, (PAGE.width - w) / 2, 40, { lineBreak: false });
    }
  }

  private finishPage(): void {
    let y = PAGE.height - MARGIN.bottom - FOOTNOTE_ZONE + 8;
    if (this.pageFootnotes.length > 0) {
      this.doc
        .moveTo(MARGIN.left, y - 3)
        .lineTo(MARGIN.left + 120, y - 3)
        .lineWidth(0.5)
        .stroke();
      for (const note of this.pageFootnotes) {
        this.doc
          .font(BODY.font)
          .fontSize(5.5)
          .text(note.marker, MARGIN.left, y - 1.5, { lineBreak: false });
        const lines = this.wrap(note.text, PAGE.width - MARGIN.left - MARGIN.right - 8, BODY.font, NOTE.size, false);
        for (const line of lines) {
          this.doc
            .font(BODY.font)
            .fontSize(NOTE.size)
            .text(line, MARGIN.left + 6, y, { lineBreak: false });
          y += NOTE.leading;
        }
      }
    }
    const label = String(this.pageCount);
    this.doc.font(BODY.font).fontSize(10);
    this.doc.text(label, (PAGE.width - this.doc.widthOfString(label)) / 2, PAGE.height - 48, { lineBreak: false });
  }

  finish(): void {
    this.finishPage();
  }

  private advance(height: number): void {
    if (this.y + height > this.bottom) {
      if (this.column < this.columns.length - 1) {
        this.column++;
        this.y = MARGIN.top;
      } else {
        this.finishPage();
        this.newPage(true);
      }
    }
  }

  fitsOnOneLine(text: string, bold: boolean): boolean {
    this.doc.font(bold ? BODY.bold : BODY.font).fontSize(BODY.size);
    return this.doc.widthOfString(text) + 8 < this.col.width;
  }

  /** Heading lines in bold; a footnote marker may follow the last line. Returns whether the footnote was placed. */
  heading(
    lines: string[],
    align: 'left' | 'center',
    gapBefore: number,
    footnote?: { marker: string; text: string },
  ): boolean {
    const wrapped = lines.flatMap((l) => this.wrap(drawable(l), this.col.width, BODY.bold, BODY.size, false));
    // Keep the heading with at least two lines of what follows.
    this.advance(BODY.leading * (gapBefore + wrapped.length + 2));
    if (this.y > MARGIN.top) this.y += BODY.leading * gapBefore;
    let placed = false;
    wrapped.forEach((line, i) => {
      this.doc.font(BODY.bold).fontSize(BODY.size);
      const w = this.doc.widthOfString(line);
      const x = align === 'center' ? this.col.x + (this.col.width - w) / 2 : this.col.x;
      this.doc.text(line, x, this.y, { lineBreak: false });
      if (footnote && i === wrapped.length - 1 && this.pageFootnotes.length < 2) {
        this.doc
          .font(BODY.font)
          .fontSize(6.5)
          .text(footnote.marker, x + w + 0.8, this.y - 2.5, { lineBreak: false });
        this.pageFootnotes.push(footnote);
        placed = true;
      }
      this.y += BODY.leading;
    });
    this.y += BODY.leading * 0.4;
    return placed;
  }

  paragraph(text: string): void {
    const lines = this.wrap(text, this.col.width, BODY.font, BODY.size, true);
    this.doc.font(BODY.font).fontSize(BODY.size);
    lines.forEach((line, i) => {
      this.advance(BODY.leading);
      const last = i === lines.length - 1;
      const spaces = (line.match(/ /g) ?? []).length;
      const natural = this.doc.widthOfString(line);
      const wordSpacing = !last && spaces > 0 ? Math.min(4, (this.col.width - natural) / spaces) : 0;
      this.doc.text(line, this.col.x, this.y, { lineBreak: false, wordSpacing });
      this.y += BODY.leading;
    });
    this.y += BODY.leading * 0.5;
  }

  /** Greedy line breaking with hyphenation at syllable boundaries and after existing hyphens. */
  private wrap(text: string, width: number, font: string, size: number, hyphenate: boolean): string[] {
    this.doc.font(font).fontSize(size);
    const measure = (s: string) => this.doc.widthOfString(s);
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (let k = 0; k < words.length; k++) {
      const word = words[k] ?? '';
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (hyphenate && line) {
        const split = this.splitWord(word, width - measure(`${line} `), measure);
        if (split) {
          lines.push(`${line} ${split[0]}`);
          line = '';
          words[k] = split[1];
          k--;
          continue;
        }
      }
      if (line) lines.push(line);
      line = word;
      // A word wider than the column (OCR-glued text) is cut, as typesetters do, rather than run into the next column.
      while (measure(line) > width) {
        let cut = line.length - 1;
        while (cut > 1 && measure(`${line.slice(0, cut)}-`) > width) cut--;
        lines.push(`${line.slice(0, cut)}-`);
        line = line.slice(cut);
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  private splitWord(word: string, room: number, measure: (s: string) => string | number): [string, string] | null {
    const points: [string, string][] = [];
    // After an existing hyphen ("most-favoured-" / "nation"): no hyphen is added.
    for (let i = 1; i < word.length - 2; i++) {
      if (word[i] === '-' && /\p{L}/u.test(word[i - 1] ?? '') && /\p{L}/u.test(word[i + 1] ?? '')) {
        points.push([word.slice(0, i + 1), word.slice(i + 1)]);
      }
    }
    const core = /^([\p{L}]{7,})([^\p{L}]*)$/u.exec(word);
    if (core?.[1]) {
      const syllables = this.hyphenate(core[1]).split('\u00ad');
      for (let s = 1; s < syllables.length; s++) {
        const head = syllables.slice(0, s).join('');
        const tail = syllables.slice(s).join('') + (core[2] ?? '');
        if (head.length >= 2 && tail.length >= 3) points.push([`${head}-`, tail]);
      }
    }
    let best: [string, string] | null = null;
    for (const p of points) if ((measure(p[0]) as number) <= room && (!best || p[0].length > best[0].length)) best = p;
    return best;
  }
}
