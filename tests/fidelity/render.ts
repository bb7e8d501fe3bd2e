import hyphenEn from 'hyphen/en/index.js';
import hyphenEs from 'hyphen/es/index.js';
import hyphenFr from 'hyphen/fr/index.js';
import PDFDocument from 'pdfkit';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import { drawable, isConclusion, isPreamble, paragraphsOf, type TotaAgreement } from './tota-source.ts';
import {
  articleKeyword,
  contentsMatter,
  crossReferences,
  gazetteDivision,
  gazetteMatter,
  language,
} from './wording.ts';

/** How an agreement is typeset or written out before the parser reads it back. */
export const LAYOUTS = [
  'single',
  'two-column',
  'gazette',
  'contents',
  'xref',
  'html',
  'text-wrapped',
  'text-oneline',
] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface RenderedFootnote {
  /** ToTA article_identifier of the article whose heading calls the footnote. */
  sourceId: string;
  marker: string;
  text: string;
}

export interface Rendering {
  bytes: Uint8Array;
  /** The name the rendering is parsed under (its extension says what it is). */
  fileName: string;
  footnotes: RenderedFootnote[];
  pages: number;
  /** Article text as rendered, by ToTA article_identifier, where the render adds to ToTA's (cross-references). */
  expectedText: Map<string, string>;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };
const BODY = { font: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic', size: 11, leading: 13.6 };
const NOTE = { size: 8, leading: 9.8 };
/** Space kept free at the bottom of every page for up to two short footnotes. */
const FOOTNOTE_ZONE = 46;

type Doc = PDFKit.PDFDocument;

interface PageStyle {
  margin: typeof MARGIN;
  body: typeof BODY;
  note: typeof NOTE;
  footnoteZone: number;
  columns: number;
  gutter: number;
  /** Space after a paragraph and after a heading, in line heights. */
  paragraphGap: number;
  headingGap: number;
  /**
   * Vertically justified columns: a full column's slack is spread over its paragraph gaps, so
   * gaps vary from one column to the next and a blank line's worth of space means nothing.
   */
  justify: boolean;
  /** Running header; the page number goes in the header when `folio` is false. */
  header(doc: Doc, page: number): void;
  folio: boolean;
}

const bookStyle = (columns: number, runningTitle: string): PageStyle => ({
  margin: MARGIN,
  body: BODY,
  note: NOTE,
  footnoteZone: FOOTNOTE_ZONE,
  columns,
  gutter: 18,
  paragraphGap: 0.5,
  headingGap: 0.4,
  justify: false,
  folio: true,
  header(doc) {
    doc.font(BODY.italic).fontSize(9);
    let title = runningTitle;
    while (doc.widthOfString(title) > PAGE.width - MARGIN.left - MARGIN.right && title.length > 10) {
      title = `${title.slice(0, title.length - 5).trimEnd()}…`;
    }
    const w = doc.widthOfString(title);
    doc.text(title, (PAGE.width - w) / 2, 40, { lineBreak: false });
  },
});

function newDocument(title: string): { doc: Doc; done: Promise<Uint8Array> } {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: { Title: title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) =>
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  return { doc, done };
}

const hyphenatorFor = (lang: string) => (lang === 'es' ? hyphenEs : lang === 'fr' ? hyphenFr : hyphenEn).hyphenateSync;

/** Renders an agreement in one layout: PDF for the printed layouts, HTML or plain text for the others. */
export function renderAgreement(agreement: TotaAgreement, layout: Layout): Promise<Rendering> {
  if (layout === 'html') return Promise.resolve(renderHtml(agreement));
  if (layout === 'text-wrapped' || layout === 'text-oneline') {
    return Promise.resolve(renderText(agreement, layout === 'text-wrapped' ? 'wrapped' : 'oneline'));
  }
  if (layout === 'gazette') return renderGazette(agreement);
  return renderBook(agreement, layout);
}

/**
 * Typesets a ToTA agreement the way agreements are printed: title page, running header with
 * the title, centred page numbers, bold headings, justified and hyphenated body text, and
 * footnotes called from some article headings; optionally in two columns, after a contents
 * page, or with cross-references that open a page.
 */
async function renderBook(
  agreement: TotaAgreement,
  layout: 'single' | 'two-column' | 'contents' | 'xref',
): Promise<Rendering> {
  const { doc, done } = newDocument(agreement.title);
  const lang = language(agreement.language);
  const keyword = articleKeyword[lang];
  const style = bookStyle(layout === 'two-column' ? 2 : 1, drawable(agreement.title));
  const typesetter = new Typesetter(doc, style, hyphenatorFor(agreement.language));
  const footnotes: RenderedFootnote[] = [];
  const expectedText = new Map<string, string>();

  if (layout === 'contents') {
    typesetter.titlePage(drawable(agreement.title), drawable(contentsMatter[lang].stray));
    typesetter.contents(contentsEntries(agreement, keyword), drawable(contentsMatter[lang].heading));
  } else typesetter.titlePage(drawable(agreement.title));
  let articleCount = 0;
  let references = 0;
  for (const chapter of agreement.chapters) {
    const preamble = isPreamble(chapter);
    const conclusion = isConclusion(chapter);
    if (chapter.number) {
      const [word = '', ...rest] = chapter.number.split(/\s+/);
      const printed = `${word.toUpperCase()} ${rest.join(' ')}`.trim();
      typesetter.heading([printed, ...(chapter.name ? [chapter.name.toUpperCase()] : [])], 'center', 2);
    } else if (chapter.name && !preamble && !conclusion) {
      typesetter.heading([chapter.name.toUpperCase()], 'center', 2);
    }
    for (const article of chapter.articles) {
      if (article.number && !preamble && !conclusion) {
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
      } else if (article.name && !preamble && !conclusion) {
        typesetter.heading([article.name], 'left', 1.2);
      }
      const paragraphs = paragraphsOf(article.text);
      // Every sixth numbered article continues, at the top of a new page, with a cross-reference.
      const cite =
        layout === 'xref' && article.number && !preamble && !conclusion && articleCount % 6 === 2
          ? citeAtPageTop(paragraphs, crossReferences[lang][references % 3] ?? '', references % 3 === 2)
          : null;
      if (cite) {
        references++;
        expectedText.set(article.sourceId, cite.expected.join(' '));
      }
      paragraphs.forEach((paragraph, k) => {
        if (cite && k === cite.index) {
          typesetter.paragraph(cite.before, false);
          typesetter.breakColumn();
          typesetter.paragraph(cite.after);
        } else typesetter.paragraph(paragraph);
      });
    }
  }
  typesetter.finish();
  doc.end();
  return { bytes: await done, fileName: `${agreement.id}.pdf`, footnotes, pages: typesetter.pageCount, expectedText };
}

/**
 * Where a cross-reference sentence goes so that it opens a page mid-paragraph: after the first
 * sentence of the longest paragraph (or at its end for the short one), the paragraph broken there.
 */
function citeAtPageTop(
  paragraphs: string[],
  sentence: string,
  atEnd: boolean,
): { index: number; before: string; after: string; expected: string[] } | null {
  let index = -1;
  for (let k = 0; k < paragraphs.length; k++) {
    if ((paragraphs[k]?.length ?? 0) > (paragraphs[index]?.length ?? 0)) index = k;
  }
  const paragraph = paragraphs[index];
  if (!paragraph || paragraph.length < 80) return null;
  const cut = atEnd ? -1 : paragraph.slice(40).search(/[.;:] (?=\S)/);
  const at = atEnd || cut < 0 ? paragraph.length : 40 + cut + 1;
  const before = paragraph.slice(0, at).trim();
  const after = `${sentence} ${paragraph.slice(at).trim()}`.trim();
  const expected = [...paragraphs];
  expected[index] = `${before} ${after}`;
  return { index, before, after, expected };
}

/**
 * Every chapter and article as a contents page lists them, and wide annex entries the text
 * never heads, spread among the chapters as contents pages list annexes after their chapter.
 */
function contentsEntries(agreement: TotaAgreement, keyword: string): ContentsEntry[] {
  const chapters = agreement.chapters.filter((c) => !isPreamble(c) && !isConclusion(c));
  const annexes = contentsMatter[language(agreement.language)].annexes;
  const annexAfter = (k: number) => Math.max(1, Math.round(((k + 1) * chapters.length) / annexes.length));
  const entries: ContentsEntry[] = [];
  chapters.forEach((chapter, i) => {
    const head = [chapter.number, chapter.name].filter(Boolean).join(' ').toUpperCase();
    if (head) entries.push({ text: drawable(head), bold: true, indent: 0 });
    for (const article of chapter.articles) {
      if (!article.number) continue;
      entries.push({ text: drawable(`${keyword} ${article.number} ${article.name}`.trim()), bold: false, indent: 18 });
    }
    annexes.forEach((annex, k) => {
      if (annexAfter(k) === i + 1) entries.push({ text: drawable(annex), bold: true, indent: 0 });
    });
  });
  return entries;
}

interface ContentsEntry {
  text: string;
  bold: boolean;
  indent: number;
}

/**
 * Typesets an agreement as an official journal publishes it: two tight, vertically justified
 * columns in a small font under a running header with the journal's name, date and page;
 * centred "Article 3. - Objectifs" headings, ordinal-first divisions, some heading keywords
 * split by a spurious glyph gap; the agreement ends with a witness clause and the journal goes
 * on with unrelated notices on the same page.
 */
async function renderGazette(agreement: TotaAgreement): Promise<Rendering> {
  const { doc, done } = newDocument(agreement.title);
  const lang = language(agreement.language);
  const keyword = articleKeyword[lang];
  const matter = gazetteMatter[lang];
  const body = { ...BODY, size: 8.5, leading: 10 };
  const margin = { top: 64, bottom: 42, left: 42, right: 42 };
  const style: PageStyle = {
    margin,
    body,
    note: { size: 7, leading: 8.4 },
    footnoteZone: 30,
    columns: 2,
    gutter: 12,
    paragraphGap: 0.2,
    headingGap: 0.2,
    justify: true,
    folio: false,
    header(d, page) {
      const y = 40;
      d.font(BODY.font).fontSize(8);
      d.text(drawable(matter.date), margin.left, y, { lineBreak: false });
      const folio = `Page ${4820 + page}`;
      d.text(folio, PAGE.width - margin.right - d.widthOfString(folio), y, { lineBreak: false });
      d.font(BODY.bold).fontSize(8);
      const journal = drawable(matter.journal);
      d.text(journal, (PAGE.width - d.widthOfString(journal)) / 2, y, { lineBreak: false });
      d.moveTo(margin.left, y + 12)
        .lineTo(PAGE.width - margin.right, y + 12)
        .lineWidth(0.5)
        .stroke();
    },
  };
  const typesetter = new Typesetter(doc, style, hyphenatorFor(agreement.language));
  const footnotes: RenderedFootnote[] = [];
  typesetter.banner(drawable(agreement.title));
  let articleCount = 0;
  let chapterCount = 0;
  for (const chapter of agreement.chapters) {
    const preamble = isPreamble(chapter);
    // The journal prints its own witness clause after the last article.
    if (isConclusion(chapter)) continue;
    const name = lang === 'es' ? chapter.name : chapter.name.toUpperCase();
    if (chapter.number || (chapter.name && !preamble)) {
      chapterCount++;
      const division = chapter.number ? gazetteDivision(chapter.number, lang) : '';
      const line = [division, name].filter(Boolean).join('. - ');
      typesetter.heading([drawable(line)], 'center', 0, undefined, chapterCount % 3 === 2);
    }
    for (const article of chapter.articles) {
      if (article.number && !preamble) {
        articleCount++;
        // French prints "Article premier", "Article 1er" (Roman numerals stay capitals).
        const ordinal = /^(?:\p{L}{4,}|\d+\p{L}+)$/u.test(article.number) && !/^[IVXLC]+$/i.test(article.number);
        const number = lang === 'fr' && ordinal ? article.number.toLowerCase() : article.number;
        const title = article.name.replace(/\.$/, '');
        const line = title ? `${keyword} ${number}. - ${title}` : `${keyword} ${number}.`;
        let marker: string | undefined;
        if (title && articleCount % 5 === 0 && typesetter.fitsOnOneLine(line, true))
          marker = String(footnotes.length + 1);
        const note = marker
          ? drawable(
              `The heading of ${keyword} ${article.number} is given for reference only (ToTA article ${article.sourceId}).`,
            )
          : undefined;
        const placed = typesetter.heading(
          [drawable(line)],
          'center',
          0,
          marker && note ? { marker, text: note } : undefined,
          articleCount % 7 === 3,
        );
        if (marker && note && placed) footnotes.push({ sourceId: article.sourceId, marker, text: note });
      } else if (article.name && !preamble) {
        typesetter.heading([drawable(article.name)], 'center', 0);
      }
      for (const paragraph of paragraphsOf(article.text)) typesetter.paragraph(paragraph);
    }
  }
  typesetter.paragraph(drawable(matter.witness));
  typesetter.paragraph(drawable(matter.doneAt));
  typesetter.heading([drawable(matter.noticesHeading)], 'center', 1.2);
  typesetter.heading([drawable(matter.noticeTitle)], 'center', 0);
  typesetter.paragraph(drawable(matter.notice));
  typesetter.finish();
  doc.end();
  return {
    bytes: await done,
    fileName: `${agreement.id}.pdf`,
    footnotes,
    pages: typesetter.pageCount,
    expectedText: new Map(),
  };
}

/** Deterministic jitter in [0, 1) for gap sizes. */
const jitter = (n: number) => {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
};

class Typesetter {
  private readonly columns: { x: number; width: number }[];
  private column = 0;
  private top: number;
  private y: number;
  private pageFootnotes: { marker: string; text: string }[] = [];
  /** Drawing deferred until the column is full, when justification knows each gap's share. */
  private pending: { gaps: number; draw: (dy: number) => void }[] = [];
  private gaps = 0;
  pageCount = 0;

  private readonly doc: Doc;
  private readonly style: PageStyle;
  private readonly hyphenate: (word: string) => string;

  constructor(doc: Doc, style: PageStyle, hyphenate: (word: string) => string) {
    this.doc = doc;
    this.style = style;
    this.hyphenate = hyphenate;
    this.top = style.margin.top;
    this.y = style.margin.top;
    const width = PAGE.width - style.margin.left - style.margin.right;
    const w = (width - style.gutter * (style.columns - 1)) / style.columns;
    this.columns = Array.from({ length: style.columns }, (_, i) => ({
      x: style.margin.left + i * (w + style.gutter),
      width: w,
    }));
  }

  private get body() {
    return this.style.body;
  }

  private get bottom(): number {
    return PAGE.height - this.style.margin.bottom - this.style.footnoteZone;
  }

  private get col(): { x: number; width: number } {
    return this.columns[this.column] ?? { x: this.style.margin.left, width: 400 };
  }

  private draw(op: (dy: number) => void): void {
    if (this.style.justify) this.pending.push({ gaps: this.gaps, draw: op });
    else op(0);
  }

  /** A paragraph or heading gap that justification may widen (none at a column's top). */
  private gap(lines: number): void {
    if (this.y > this.top) {
      this.y += this.body.leading * lines;
      this.gaps++;
    }
  }

  private flushColumn(): void {
    if (!this.style.justify) return;
    const slack = Math.max(0, this.bottom - this.y);
    const share = this.gaps > 0 ? Math.min(this.body.leading * 0.25, slack / this.gaps) : 0;
    const shift = [0];
    for (let g = 1; g <= this.gaps; g++) {
      shift[g] = (shift[g - 1] ?? 0) + share * (0.4 + 0.6 * jitter(this.pageCount * 97 + this.column * 31 + g));
    }
    for (const op of this.pending) op.draw(shift[op.gaps] ?? 0);
    this.pending = [];
    this.gaps = 0;
  }

  titlePage(title: string, stray?: string): void {
    this.newPage(false);
    this.doc.font(this.body.bold).fontSize(16);
    const lines = this.wrap(title, PAGE.width - MARGIN.left - MARGIN.right, this.body.bold, 16, false);
    let y = 220;
    for (const line of lines) {
      const w = this.doc.widthOfString(line);
      this.doc.text(line, (PAGE.width - w) / 2, y, { lineBreak: false });
      y += 20;
    }
    if (stray) {
      this.doc.font(this.body.bold).fontSize(this.body.size);
      this.doc.text(stray, (PAGE.width - this.doc.widthOfString(stray)) / 2, 600, { lineBreak: false });
    }
    this.finishPage();
    this.newPage(true);
  }

  /** The title across both columns at the top of the first page. */
  banner(title: string): void {
    this.newPage(true);
    const width = PAGE.width - this.style.margin.left - this.style.margin.right;
    const lines = this.wrap(title, width * 0.8, this.body.bold, 10.5, false);
    let y = this.top;
    for (const line of lines) {
      this.doc.font(this.body.bold).fontSize(10.5);
      this.doc.text(line, (PAGE.width - this.doc.widthOfString(line)) / 2, y, { lineBreak: false });
      y += 13;
    }
    this.top = y + 10;
    this.y = this.top;
  }

  /** A contents page: one line per entry (wide entries wrap with a hanging indent), then a new page. */
  contents(entries: ContentsEntry[], heading: string): void {
    this.heading([heading], 'center', 0);
    for (const entry of entries) {
      const font = entry.bold ? this.body.bold : this.body.font;
      const lines = this.wrap(entry.text, this.col.width - entry.indent - 18, font, this.body.size, false);
      lines.forEach((line, i) => {
        this.advance(this.body.leading);
        this.doc.font(font).fontSize(this.body.size);
        this.doc.text(line, this.col.x + entry.indent + (i > 0 ? 18 : 0), this.y, { lineBreak: false });
        this.y += this.body.leading;
      });
    }
    this.breakColumn();
  }

  private newPage(header: boolean): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.pageCount++;
    this.column = 0;
    this.top = this.style.margin.top;
    this.y = this.top;
    this.pageFootnotes = [];
    if (header) this.style.header(this.doc, this.pageCount);
  }

  private finishPage(): void {
    this.flushColumn();
    const { margin, note } = this.style;
    let y = PAGE.height - margin.bottom - this.style.footnoteZone + 8;
    if (this.pageFootnotes.length > 0) {
      this.doc
        .moveTo(margin.left, y - 3)
        .lineTo(margin.left + 120, y - 3)
        .lineWidth(0.5)
        .stroke();
      for (const footnote of this.pageFootnotes) {
        this.doc
          .font(this.body.font)
          .fontSize(5.5)
          .text(footnote.marker, margin.left, y - 1.5, { lineBreak: false });
        const lines = this.wrap(
          footnote.text,
          PAGE.width - margin.left - margin.right - 8,
          this.body.font,
          note.size,
          false,
        );
        for (const line of lines) {
          this.doc
            .font(this.body.font)
            .fontSize(note.size)
            .text(line, margin.left + 6, y, { lineBreak: false });
          y += note.leading;
        }
      }
    }
    if (!this.style.folio) return;
    const label = String(this.pageCount);
    this.doc.font(this.body.font).fontSize(10);
    this.doc.text(label, (PAGE.width - this.doc.widthOfString(label)) / 2, PAGE.height - 48, { lineBreak: false });
  }

  finish(): void {
    this.finishPage();
  }

  /** Goes on in the next column, or on a new page. */
  breakColumn(): void {
    this.flushColumn();
    if (this.column < this.columns.length - 1) {
      this.column++;
      this.y = this.top;
    } else {
      this.finishPage();
      this.newPage(true);
    }
  }

  private advance(height: number): void {
    if (this.y + height > this.bottom) this.breakColumn();
  }

  fitsOnOneLine(text: string, bold: boolean): boolean {
    this.doc.font(bold ? this.body.bold : this.body.font).fontSize(this.body.size);
    return this.doc.widthOfString(text) + 8 < this.col.width;
  }

  /**
   * Heading lines in bold; a footnote marker may follow the last line. With `splitKeyword`
   * the first glyph is drawn apart, about a space's width from the rest ("A rticle 12").
   * Returns whether the footnote was placed.
   */
  heading(
    lines: string[],
    align: 'left' | 'center',
    gapBefore: number,
    footnote?: { marker: string; text: string },
    splitKeyword = false,
  ): boolean {
    const { bold, size, leading } = this.body;
    const wrapped = lines.flatMap((l) => this.wrap(drawable(l), this.col.width, bold, size, false));
    // Keep the heading with at least two lines of what follows.
    this.advance(leading * (gapBefore + wrapped.length + 2));
    this.gap(gapBefore);
    let placed = false;
    wrapped.forEach((line, i) => {
      this.doc.font(bold).fontSize(size);
      const split = splitKeyword && i === 0 && /^\p{L}\p{L}/u.test(line);
      const space = split ? this.doc.widthOfString(' ') : 0;
      const w = this.doc.widthOfString(line) + space;
      const x = align === 'center' ? this.col.x + (this.col.width - w) / 2 : this.col.x;
      const y = this.y;
      const withNote = footnote && i === wrapped.length - 1 && this.pageFootnotes.length < 2;
      this.draw((dy) => {
        this.doc.font(bold).fontSize(size);
        if (split) {
          const first = line.slice(0, 1);
          this.doc.text(first, x, y + dy, { lineBreak: false });
          this.doc.text(line.slice(1), x + this.doc.widthOfString(first) + space, y + dy, { lineBreak: false });
        } else this.doc.text(line, x, y + dy, { lineBreak: false });
        if (withNote) {
          this.doc
            .font(this.body.font)
            .fontSize(6.5)
            .text(footnote.marker, x + w + 0.8, y + dy - 2.5, { lineBreak: false });
        }
      });
      if (withNote) {
        this.pageFootnotes.push(footnote);
        placed = true;
      }
      this.y += leading;
    });
    this.y += leading * this.style.headingGap;
    return placed;
  }

  /** A justified paragraph; `gapAfter` false when the paragraph goes on after a forced break. */
  paragraph(text: string, gapAfter = true): void {
    const { font, size, leading } = this.body;
    const lines = this.wrap(text, this.col.width, font, size, true);
    lines.forEach((line, i) => {
      this.advance(leading);
      const last = i === lines.length - 1 && gapAfter;
      this.doc.font(font).fontSize(size);
      const spaces = (line.match(/ /g) ?? []).length;
      const natural = this.doc.widthOfString(line);
      const wordSpacing = !last && spaces > 0 ? Math.min(4, (this.col.width - natural) / spaces) : 0;
      const { x } = this.col;
      const y = this.y;
      this.draw((dy) => {
        this.doc.font(font).fontSize(size);
        this.doc.text(line, x, y + dy, { lineBreak: false, wordSpacing });
      });
      this.y += leading;
    });
    if (this.style.justify) this.gap(this.style.paragraphGap);
    else this.y += leading * this.style.paragraphGap;
  }

  /** Greedy line breaking with hyphenation at syllable boundaries and after existing hyphens. */
  wrap(text: string, width: number, font: string, size: number, hyphenate: boolean): string[] {
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
