import type { SourceFootnote, SourceLine } from './source-line.ts';

/** A positioned run of text, in PDF user space (origin bottom-left, points). */
export interface TextRun {
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  str: string;
  /** pdfjs font id: a heading set in another face than the body shows up here. */
  font?: string;
}

export interface PageRuns {
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
}

interface RawLine {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  text: string;
  font: string;
  table: boolean;
  refs: string[];
  /** The line opens with a raised marker (a footnote's own number). */
  leadingMarker?: string;
  column: number;
  /** Order within the page after column ordering. */
  order: number;
}

const MARKER = /^(?:\d{1,3}|[*†‡§])$/;
const PAGE_NUMBER =
  /^(?:page|pág\.?|página|p\.)?\s*[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s?[-–./]\s?\d{1,4})?\s*[-–—)]?(?:\s*(?:of|de|sur|\/)\s*\d{1,4})?$/i;
const HEADING_START =
  /^(?:part|partie|parte|chapter|chapitre|cap[íi]tulo|section|secci[óo]n|article|art[íi]culo|annex|annexe|anexo|appendix|ap[ée]ndice|protocol|protocole|protocolo|title|titre|t[íi]tulo)\b/i;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** The key whose runs weigh most (the body size, the body face). */
function heaviest<K>(
  runs: Iterable<TextRun>,
  key: (run: TextRun) => K,
  weight: (run: TextRun) => number,
): K | undefined {
  const totals = new Map<K, number>();
  for (const run of runs) totals.set(key(run), (totals.get(key(run)) ?? 0) + weight(run));
  let best: K | undefined;
  let bestWeight = -1;
  for (const [k, w] of totals) {
    if (w > bestWeight) {
      best = k;
      bestWeight = w;
    }
  }
  return best;
}

/** The size carrying most characters: the body text size. */
export function dominantSize(runs: Iterable<TextRun>): number {
  return (
    heaviest(
      runs,
      (r) => Math.round(r.size * 2) / 2,
      (r) => r.str.length,
    ) || 10
  );
}

/** The face carrying most characters. */
function dominantFont(runs: Iterable<TextRun>): string {
  return (
    heaviest(
      runs,
      (r) => r.font ?? '',
      (r) => r.str.trim().length,
    ) ?? ''
  );
}

/**
 * Finds a vertical gutter splitting the page into two columns: an x-range in the middle of the
 * page that almost no run crosses, with substantial text on both sides. Returns its centre.
 */
function findGutter(page: PageRuns, bodySize: number, hint: number | null = null): number | null {
  const runs = page.runs.filter((r) => r.size >= bodySize * 0.7 && r.str.trim().length > 0);
  if (runs.length < 20) return null;
  const lo = Math.floor(page.width * 0.3);
  const hi = Math.ceil(page.width * 0.7);
  const crossing = new Array<number>(hi - lo).fill(0);
  for (const r of runs) {
    const a = Math.max(lo, Math.floor(r.x));
    const b = Math.min(hi, Math.ceil(r.x + r.width));
    for (let x = a; x < b; x++) crossing[x - lo] = (crossing[x - lo] ?? 0) + 1;
  }
  // Running headers, page numbers and titles across both columns may cross the gutter.
  // On a single-column page nearly every line crosses the middle; on a two-column page only these do.
  const lineCount = new Set(runs.map((r) => Math.round(r.y))).size;
  const allowed = Math.max(2, lineCount * 0.15);
  let bestStart = -1;
  let bestLen = 0;
  let start = -1;
  for (let i = 0; i <= crossing.length; i++) {
    const free = i < crossing.length && (crossing[i] ?? 0) <= allowed;
    if (free && start < 0) start = i;
    if (!free && start >= 0) {
      if (i - start > bestLen) {
        bestLen = i - start;
        bestStart = start;
      }
      start = -1;
    }
  }
  if (hint !== null) {
    // The document's gutter, checked on a page whose columns are uneven (the last page of a text).
    const at = Math.round(hint) - lo;
    const free = (x: number) => (crossing[x] ?? Number.POSITIVE_INFINITY) <= allowed;
    if (!free(at - 2) || !free(at) || !free(at + 2)) return null;
    const left = runs.filter((r) => r.x + r.width <= hint).length;
    const right = runs.filter((r) => r.x >= hint).length;
    return left >= 3 && right >= 3 ? hint : null;
  }
  if (bestLen < bodySize * 0.8) return null;
  const gutter = lo + bestStart + bestLen / 2;
  // Both columns must hold running text, not a few table cells. The second column of a text's
  // last (or only) page may be short: a tenth of the page's text is enough, if it runs in lines.
  const left = runs.filter((r) => r.x + r.width <= gutter);
  const right = runs.filter((r) => r.x >= gutter);
  const chars = (rs: TextRun[]) => rs.reduce((n, r) => n + r.str.length, 0);
  const total = chars(runs);
  if (chars(left) < total * 0.1 || chars(right) < total * 0.1) return null;
  const lineChars = (rs: TextRun[]) => {
    const ys = new Set(rs.map((r) => Math.round(r.y)));
    return chars(rs) / Math.max(1, ys.size);
  };
  if (lineChars(left) < 25 || lineChars(right) < 25) return null;
  return gutter;
}

/** Groups the runs of one column region into lines, superscripts folded into their line. */
function groupLines(runs: TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; runs: TextRun[] }[] = [];
  for (const run of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - run.y) <= 0.3 * Math.max(last.size, run.size)) {
      last.runs.push(run);
      if (run.size > last.size) last.size = run.size;
    } else {
      lines.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  // A cluster of small raised runs (footnote calls) belongs to the full-size line just below it.
  const merged: typeof lines = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const below = lines[i + 1];
    const isSuper =
      below &&
      line.size < below.size * 0.85 &&
      line.y - below.y < below.size * 0.75 &&
      line.runs.every((r) => MARKER.test(r.str.trim()) || r.str.trim() === '');
    if (isSuper && below) {
      below.runs.push(...line.runs);
      continue;
    }
    merged.push(line);
  }
  return merged.map((l) => l.runs.sort((a, b) => a.x - b.x));
}

function buildLine(runs: TextRun[], page: number, column: number): RawLine | null {
  if (runs.length === 0) return null;
  const size = dominantSize(runs);
  const baseline = median(runs.filter((r) => Math.abs(r.size - size) < 0.5).map((r) => r.y));
  let text = '';
  let table = false;
  const refs: string[] = [];
  let leadingMarker: string | undefined;
  let prevEnd = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const trimmed = run.str.trim();
    if (!trimmed) {
      continue;
    }
    const raised = run.size < size * 0.85 && run.y - baseline > size * 0.15;
    if (raised && MARKER.test(trimmed)) {
      if (text.trim() === '') leadingMarker = trimmed;
      else refs.push(trimmed);
      prevEnd = run.x + run.width;
      continue;
    }
    // Letter-spaced runs ("S e c t i o n") read as words.
    let str = /^(?:\S ){3,}\S$/.test(run.str) ? run.str.replace(/ /g, '') : run.str;
    const gap = run.x - prevEnd;
    // Overlapping runs repeat letters (letter-spaced titles): drop the repeated prefix.
    if (gap < -size * 0.2 && run.str.length > 0) {
      const k = Math.round(-gap / (run.width / run.str.length || size));
      if (k > 0 && text.endsWith(str.slice(0, k))) str = str.slice(k);
    }
    if (text.length > 0) {
      if (gap > size * 2.5) {
        text = `${text.trimEnd()}\t`;
        table = true;
      } else if (gap > size * 0.12 && !/\s$/.test(text) && !/^\s/.test(str)) {
        text += ' ';
      }
    }
    text += str;
    prevEnd = run.x + run.width;
  }
  text = text
    .replace(/[ \u00a0]+/g, ' ')
    .replace(/ ?\t ?/g, '\t')
    .trim();
  if (!text && !leadingMarker) return null;
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (!first || !last) return null;
  return {
    page,
    y: baseline,
    x0: first.x,
    x1: last.x + last.width,
    size,
    text,
    font: dominantFont(runs),
    table,
    refs,
    leadingMarker,
    column,
    order: 0,
  };
}

/** Splits a page into lines in reading order: spanning lines cut the page into bands, each read left column first. */
function pageLines(page: PageRuns, gutter: number | null): RawLine[] {
  const out: RawLine[] = [];
  if (gutter === null) {
    for (const runs of groupLines(page.runs)) {
      const line = buildLine(runs, page.page, 0);
      if (line) out.push(line);
    }
  } else {
    // Lines first, then columns: a line with a run across the gutter spans the page (a running
    // header, a full-width footnote with its marker); any other line splits at the gutter.
    const spanLines: RawLine[] = [];
    const leftLines: RawLine[] = [];
    const rightLines: RawLine[] = [];
    const crosses = (r: TextRun) => r.x < gutter && r.x + r.width > gutter;
    const spanGroups = groupLines(page.runs.filter(crosses));
    const sideGroups = [
      ...groupLines(page.runs.filter((r) => !crosses(r) && r.x + r.width <= gutter)).map((runs) => ({ runs, col: 1 })),
      ...groupLines(page.runs.filter((r) => !crosses(r) && r.x >= gutter)).map((runs) => ({ runs, col: 2 })),
    ];
    for (const side of sideGroups) {
      // A side fragment on a spanning line's baseline (a footnote's marker) belongs to that line.
      const y = side.runs[0]?.y ?? 0;
      const span = spanGroups.find((g) => Math.abs((g[0]?.y ?? 0) - y) <= 0.6 * (g[0]?.size ?? 10));
      if (span) {
        span.push(...side.runs);
        span.sort((a, b) => a.x - b.x);
        continue;
      }
      const line = buildLine(side.runs, page.page, side.col);
      if (line) (side.col === 1 ? leftLines : rightLines).push(line);
    }
    for (const runs of spanGroups) {
      const line = buildLine(runs, page.page, 0);
      if (line) spanLines.push(line);
    }
    spanLines.sort((a, b) => b.y - a.y);
    // Spanning lines (running headers, titles across both columns) cut the page into bands.
    const cuts = [Number.POSITIVE_INFINITY, ...spanLines.map((l) => l.y), Number.NEGATIVE_INFINITY];
    for (let b = 0; b < cuts.length - 1; b++) {
      const top = cuts[b] ?? 0;
      const bottom = cuts[b + 1] ?? 0;
      const inBand = (l: RawLine) => l.y < top && l.y > bottom;
      out.push(...leftLines.filter(inBand), ...rightLines.filter(inBand));
      const span = spanLines[b];
      if (span) out.push(span);
    }
  }
  out.forEach((l, i) => {
    l.order = i;
  });
  return out;
}

function normaliseForRepeat(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Removes running headers, footers and page numbers: lines at the top or bottom of a page that
 * are page numbers or that repeat across pages. pdfjs often emits the footer first, so the
 * decision rests on position, never on content order.
 */
function removeRunningLines(pages: RawLine[][], heights: Map<number, number>): void {
  const candidates: { line: RawLine; key: string; exact: string }[] = [];
  for (const lines of pages) {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    const h = heights.get(byY[0]?.page ?? 0) ?? 792;
    const top = byY.slice(0, 3).filter((l) => l.y > h * 0.85);
    const bottom = byY.slice(-3).filter((l) => l.y < h * 0.12);
    for (const line of [...top, ...bottom]) {
      candidates.push({ line, key: normaliseForRepeat(line.text), exact: line.text.trim().toLowerCase() });
    }
  }
  const keyPages = new Map<string, Set<number>>();
  const exactPages = new Map<string, Set<number>>();
  for (const c of candidates) {
    if (!keyPages.has(c.key)) keyPages.set(c.key, new Set());
    keyPages.get(c.key)?.add(c.line.page);
    if (!exactPages.has(c.exact)) exactPages.set(c.exact, new Set());
    exactPages.get(c.exact)?.add(c.line.page);
  }
  const drop = new Set<RawLine>();
  for (const c of candidates) {
    const text = c.line.text.trim();
    if (PAGE_NUMBER.test(text) && !c.line.leadingMarker) {
      drop.add(c.line);
      continue;
    }
    // A note opening with its raised marker is a footnote, however alike the notes of a document read.
    if (c.line.leadingMarker !== undefined) continue;
    // A heading at the top of several pages ("CHAPTER 12") is not a running header unless it repeats to the letter.
    const repeats = HEADING_START.test(text) ? (exactPages.get(c.exact)?.size ?? 0) : (keyPages.get(c.key)?.size ?? 0);
    if (repeats >= 3 && repeats >= Math.min(pages.length * 0.2, 6)) drop.add(c.line);
  }
  for (let i = 0; i < pages.length; i++) {
    const lines = pages[i];
    if (lines) pages[i] = lines.filter((l) => !drop.has(l));
  }
}

/**
 * Takes footnotes off the bottom of each page: the smaller-than-body lines below the lowest body
 * line, each footnote opening with its marker. They are found by position, not reading order: on
 * a two-column page a short note under the left column is read before the right column.
 */
function extractFootnotes(pages: RawLine[][], bodySize: number): SourceFootnote[] {
  const footnotes: SourceFootnote[] = [];
  const small = (l: RawLine) => l.size < bodySize * 0.92 && !l.table;
  for (let i = 0; i < pages.length; i++) {
    const lines = pages[i];
    if (!lines || lines.length === 0) continue;
    const body = lines.filter((l) => !small(l));
    if (body.length === 0) continue;
    const lowestBody = Math.min(...body.map((l) => l.y));
    const region = lines.filter((l) => small(l) && l.y < lowestBody).sort((a, b) => b.y - a.y || a.x0 - b.x0);
    const opens = (l: RawLine) => l.leadingMarker !== undefined || /^(?:\d{1,3}|[*†‡§])\s+\S/.test(l.text);
    if (!region[0] || !opens(region[0])) continue;
    let current: SourceFootnote | null = null;
    for (const line of region) {
      if (opens(line)) {
        let marker = line.leadingMarker;
        let text = line.text;
        if (!marker) {
          const m = /^(\d{1,3}|[*†‡§])\s+/.exec(text);
          marker = m?.[1] ?? '';
          text = text.slice(m?.[0].length ?? 0);
        }
        current = { marker, text, page: line.page };
        footnotes.push(current);
      } else if (current) {
        current.text = joinFootnoteLine(current.text, line.text);
      }
    }
    const taken = new Set(region);
    pages[i] = lines.filter((l) => !taken.has(l));
  }
  return footnotes;
}

function joinFootnoteLine(a: string, b: string): string {
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}

export interface PdfLayoutResult {
  lines: SourceLine[];
  footnotes: SourceFootnote[];
  bodySize: number;
}

/** Turns positioned runs into ordered, annotated lines: the PDF-specific half of the parser. */
export function layoutPages(pages: PageRuns[]): PdfLayoutResult {
  const allRuns = pages.flatMap((p) => p.runs);
  const bodySize = dominantSize(allRuns);
  const bodyFont = dominantFont(allRuns);
  const heights = new Map(pages.map((p) => [p.page, p.height]));
  const gutters = pages.map((p) => findGutter(p, bodySize));
  const found = gutters.filter((g): g is number => g !== null);
  const hint = found.length >= 2 ? median(found) : null;
  const rawPages = pages.map((p, i) =>
    pageLines(p, gutters[i] ?? (hint === null ? null : findGutter(p, bodySize, hint))),
  );
  removeRunningLines(rawPages, heights);
  const footnotes = extractFootnotes(rawPages, bodySize);

  // Ordinary line spacing: the median baseline step between consecutive body lines.
  const steps: number[] = [];
  for (const lines of rawPages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1];
      const b = lines[i];
      if (a && b && a.column === b.column && Math.abs(a.size - bodySize) < 0.6 && Math.abs(b.size - bodySize) < 0.6) {
        const step = a.y - b.y;
        if (step > 0) steps.push(step);
      }
    }
  }
  const lineHeight = percentile(steps, 0.3) || bodySize * 1.2;

  // Column geometry per page and column: usual left edge and right edge of body lines.
  const geometry = new Map<string, { left: number; right: number }>();
  const bodyWidths = new Map<number, number[]>();
  for (const lines of rawPages) {
    const byCol = new Map<number, RawLine[]>();
    for (const l of lines) {
      if (!byCol.has(l.column)) byCol.set(l.column, []);
      byCol.get(l.column)?.push(l);
    }
    for (const [col, ls] of byCol) {
      const body = ls.filter((l) => Math.abs(l.size - bodySize) < 0.6);
      const use = body.length >= 3 ? body : ls;
      const left = percentile(
        use.map((l) => l.x0),
        0.1,
      );
      const right = percentile(
        use.map((l) => l.x1),
        0.9,
      );
      geometry.set(`${ls[0]?.page}:${col}`, { left, right });
      if (!bodyWidths.has(col)) bodyWidths.set(col, []);
      bodyWidths.get(col)?.push(right - left);
    }
  }
  const colWidth = new Map([...bodyWidths].map(([col, ws]) => [col, median(ws)]));

  const lines: SourceLine[] = [];
  for (const page of rawPages) {
    let prev: RawLine | undefined;
    for (const l of page) {
      if (!l.text) continue;
      const geo = geometry.get(`${l.page}:${l.column}`) ?? { left: l.x0, right: l.x1 };
      const width = colWidth.get(l.column) || geo.right - geo.left || 1;
      const gap = prev && prev.column === l.column ? (prev.y - l.y) / lineHeight : Number.POSITIVE_INFINITY;
      const centre = (l.x0 + l.x1) / 2;
      const colCentre = (geo.left + geo.left + width) / 2;
      const relWidth = (l.x1 - l.x0) / width;
      lines.push({
        text: l.text,
        page: l.page,
        gapBefore: gap,
        size: l.size / bodySize,
        width: relWidth,
        centered: relWidth < 0.8 && l.x0 - geo.left > width * 0.05 && Math.abs(centre - colCentre) < width * 0.06,
        table: l.table,
        // OCR runs have no face: they are neither styled nor share one.
        styled: l.font !== '' && l.font !== bodyFont,
        font: l.font || undefined,
        refs: l.refs.length > 0 ? l.refs : undefined,
      });
      prev = l;
    }
  }
  return { lines, footnotes, bodySize };
}
