import type { DefaultTreeAdapterTypes as Dom } from 'parse5';
import { limitExceeded } from '../errors.ts';
import type { ParseLimits } from '../types.ts';
import type { SourceFootnote, SourceLayout, SourceLine } from './source-line.ts';
import { wrapOf } from './text.ts';

type Element = Dom.Element;

/** The reader below recurses over the tree: a page nested deeper than the limit would overflow its stack. */
function checkDepth(document: Dom.Document, maxDepth: number): void {
  const stack: [Dom.ParentNode, number][] = [[document, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > maxDepth) {
      throw limitExceeded('maxXmlDepth', `the page nests elements deeper than ${maxDepth}`, maxDepth);
    }
    for (const child of node.childNodes) if ('childNodes' in child) stack.push([child, depth + 1]);
  }
}
type Node = Dom.Node;

/** Never shown as body text: code, page chrome, forms. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'form',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'button',
  'select',
  'textarea',
  'input',
  'dialog',
]);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'toolbar']);
const HIDDEN_CLASSES = new Set(['hidden', 'd-none', 'sr-only', 'visually-hidden', 'screen-reader-text']);
/** Elements a browser lays out as blocks: each starts and ends a line. */
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'dt',
  'dd',
  'dl',
  'blockquote',
  'section',
  'article',
  'main',
  'body',
  'address',
  'figure',
  'figcaption',
  'center',
  'fieldset',
  'details',
  'summary',
  'caption',
  'hr',
  'header',
  'footer',
  'td',
  'th',
  'tr',
  'table',
  'ul',
  'ol',
  'legend',
]);
/** Class-name words that publishers (EUR-Lex `ti-art`, `sti-art`, `doc-ti`) give their heading paragraphs. */
const HEADING_CLASS_WORDS = new Set(['ti', 'sti', 'title', 'stitle', 'titre', 'titulo', 'heading', 'subtitle']);
const NOTE_HINT = /foot|endnote|noteref|note\b|\bfn|ftn|\bsup(?:er)?\b/i;
const NOTE_MARKER = /^[[(]?\s*(\d{1,4}|[*†‡§¶]{1,3}|[a-z]|[ivxlc]{1,6})\s*[\])]?$/i;
/** A line that already begins with its own enumerator: a list marker is not added again. */
const ENUMERATED = /^(?:\(?\d{1,3}[.)]|\(?[a-z]{1,3}[.)]|\(?[ivxlc]{1,6}[.)]|\d{1,3}\.\d{1,3}\.?|[-•–—·*])(?:\s|$)/iu;
/** A table cell holding nothing but an enumerator: EUR-Lex lays lettered points out as two-cell rows. */
const ENUMERATOR_CELL = /^(?:\(?\d{1,3}[.)]|\(?[a-z]{1,3}[.)]|\(?[ivxlc]{1,6}[.)]|[-•–—·*])$/iu;

/**
 * Decodes an HTML page as a browser would: byte-order mark first, then the charset the page
 * declares (`<meta charset>`, `http-equiv` Content-Type, an XML declaration), else UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252 (legacy pages and `iso-8859-1`, which browsers read so).
 */
export function decodeHtml(bytes: Uint8Array): { html: string; warnings: string[] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { html: utf8(bytes) ?? '', warnings: [] };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { html: new TextDecoder('utf-16le').decode(bytes), warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { html: new TextDecoder('utf-16be').decode(bytes), warnings: [] };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const label =
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  let declared: InstanceType<typeof TextDecoder> | null = null;
  try {
    declared = label ? new TextDecoder(label) : null;
  } catch {
    // An unknown label: browsers ignore it, and so do we.
  }
  // A page cannot really be UTF-16 if its declaration was readable as ASCII: browsers take UTF-8.
  if (declared && !declared.encoding.startsWith('utf-')) return { html: declared.decode(bytes), warnings: [] };
  const text = utf8(bytes);
  if (text !== null) return { html: text, warnings: [] };
  return {
    html: new TextDecoder('windows-1252').decode(bytes),
    warnings: declared ? [`The page declares ${label} but is not valid UTF-8; it was read as Windows-1252.`] : [],
  };
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const isElement = (node: Node): node is Element => 'tagName' in node;
const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
const children = (node: Node): Node[] => ('childNodes' in node ? node.childNodes : []);

/** Descendant elements in document order (iterative: pages nest deeply). */
function elements(root: Node): Element[] {
  const out: Element[] = [];
  const stack = [...children(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!isElement(node)) continue;
    out.push(node);
    for (let k = node.childNodes.length - 1; k >= 0; k--) stack.push(node.childNodes[k] as Node);
  }
  return out;
}

function contains(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = 'parentNode' in n ? n.parentNode : null) if (n === ancestor) return true;
  return false;
}

function closest(el: Element, test: (e: Element) => boolean): Element | null {
  for (let n: Node | null = el; n && isElement(n); n = n.parentNode) if (test(n)) return n;
  return null;
}

/** Raw text content, for sizes and markers only (the body text goes through {@link Lines}). */
function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as Dom.TextNode).value;
  if (isElement(node) && (node.tagName === 'script' || node.tagName === 'style')) return '';
  return children(node).map(textContent).join('');
}

const collapse = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

function isHidden(el: Element): boolean {
  if (el.attrs.some((a) => a.name === 'hidden') || attr(el, 'aria-hidden') === 'true') return true;
  if (CHROME_ROLES.has(attr(el, 'role') ?? '')) return true;
  if (/(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(attr(el, 'style') ?? '')) return true;
  return (attr(el, 'class') ?? '').split(/\s+/).some((c) => HIDDEN_CLASSES.has(c));
}

/** Page header and footer are chrome; a `<header>` inside an article or section holds its heading. */
function isChrome(el: Element): boolean {
  if (el.tagName !== 'header' && el.tagName !== 'footer') return false;
  for (let n = el.parentNode; n && isElement(n); n = n.parentNode)
    if (['article', 'section', 'main', 'blockquote'].includes(n.tagName)) return false;
  return true;
}

interface Context {
  /** 1–6 inside `<h1>`…`<h6>`. */
  heading: number | null;
  bold: boolean;
  italic: boolean;
  /** The publisher's heading class (`ti-art`), when the block has one. */
  face: string | null;
  pre: boolean;
  /** Inside `<a href>`. */
  link: boolean;
}

interface Note {
  marker: string;
  body: Element;
}

/**
 * Footnote calls and the bodies they point to: `<sup><a href="#fn1">1</a></sup>`,
 * `<a class="footnote-ref">`, EUR-Lex `<a href="#ntr1-…">(<span class="super">1</span>)</a>`,
 * Word's `<a href="#_ftn1"><span class=MsoFootnoteReference>[1]</span></a>`. A call is a short
 * marker linking, within the page, to a block that does not contain it; a footnote-like name or
 * position (superscript, `note` class, the body opening with the marker) must confirm it.
 */
function findNotes(root: Node): { calls: Map<Element, Note>; bodies: Set<Element>; backLinks: Set<Element> } {
  const targets = new Map<string, Element>();
  const anchors: Element[] = [];
  for (const el of elements(root)) {
    const id = attr(el, 'id') ?? (el.tagName === 'a' ? attr(el, 'name') : undefined);
    if (id && !targets.has(id)) targets.set(id, el);
    if (el.tagName === 'a' && attr(el, 'href')?.startsWith('#')) anchors.push(el);
  }
  const hints = (el: Element | null) =>
    el !== null && NOTE_HINT.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''} ${attr(el, 'role') ?? ''}`);
  const calls = new Map<Element, Note>();
  const bodies = new Set<Element>();
  for (const a of anchors) {
    // Notes follow their calls: a link inside a note already found points back to its call.
    if (closest(a, (e) => bodies.has(e))) continue;
    const target = targets.get(decodeTarget(attr(a, 'href') ?? ''));
    const shown = collapse(textContent(a));
    const marker = NOTE_MARKER.exec(shown)?.[1];
    if (!target || !marker) continue;
    const body = closest(target, (e) => BLOCKS.has(e.tagName) && e.tagName !== 'td' && e.tagName !== 'th');
    if (!body || contains(body, a) || ['body', 'main', 'article', 'section'].includes(body.tagName)) continue;
    const bodyText = collapse(textContent(body));
    if (bodyText.length > 20_000) continue;
    const sup = closest(a, (e) => e.tagName === 'sup') ?? elements(a).find((e) => e.tagName === 'sup') ?? null;
    const confirmed =
      sup !== null || hints(a) || elements(a).some(hints) || hints(body) || hints(target) || bodyText.startsWith(shown);
    if (!confirmed) continue;
    calls.set(a, { marker, body });
    bodies.add(body);
  }
  // Links from a footnote back to its call ("↩", or the marker itself on EUR-Lex) are not its text.
  const backLinks = new Set<Element>();
  for (const a of anchors) {
    const target = targets.get(decodeTarget(attr(a, 'href') ?? ''));
    if (!target || !closest(a, (e) => bodies.has(e))) continue;
    const toCall =
      calls.has(target) || elements(target).some((e) => calls.has(e)) || closest(target, (e) => calls.has(e));
    if (toCall || /^[↩↑^]/u.test(textContent(a).trim())) backLinks.add(a);
  }
  return { calls, bodies, backLinks };
}

function decodeTarget(href: string): string {
  try {
    return decodeURIComponent(href.slice(1));
  } catch {
    return href.slice(1);
  }
}

/** What a browser prints before an ordered list's items ("1.", "(a)", "(iv)"). */
function listMarkers(list: Element): Map<Element, string> {
  const out = new Map<Element, string>();
  if (list.tagName !== 'ol') return out;
  const style = /list-style(?:-type)?\s*:\s*([\w-]+)/i.exec(attr(list, 'style') ?? '')?.[1]?.toLowerCase();
  const type = style ?? attr(list, 'type') ?? '1';
  if (type === 'none') return out;
  const items = list.childNodes.filter((c): c is Element => isElement(c) && c.tagName === 'li');
  const reversed = list.attrs.some((a) => a.name === 'reversed');
  let n = Number.parseInt(attr(list, 'start') ?? '', 10);
  if (Number.isNaN(n)) n = reversed ? items.length : 1;
  for (const li of items) {
    const value = Number.parseInt(attr(li, 'value') ?? '', 10);
    if (!Number.isNaN(value)) n = value;
    out.set(li, formatMarker(n, type));
    n += reversed ? -1 : 1;
  }
  return out;
}

/**
 * Decimal items read "1." as in a browser; lettered and roman items are written "(a)", "(iv)",
 * the way treaties cite them, so subparagraphs survive whatever the stylesheet draws.
 */
function formatMarker(n: number, type: string): string {
  const letters = (upper: boolean) => {
    let s = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
    return upper ? s.toUpperCase() : s;
  };
  switch (type) {
    case 'a':
    case 'lower-alpha':
    case 'lower-latin':
      return `(${letters(false)})`;
    case 'A':
    case 'upper-alpha':
    case 'upper-latin':
      return `(${letters(true)})`;
    case 'i':
    case 'lower-roman':
      return `(${roman(n).toLowerCase()})`;
    case 'I':
    case 'upper-roman':
      return `(${roman(n)})`;
    default:
      return `${n}.`;
  }
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let s = '';
  let k = n;
  for (const [value, digits] of table) {
    while (k >= value) {
      s += digits;
      k -= value;
    }
  }
  return s || String(n);
}

/** Builds lines the way a browser breaks them: blocks and `<br>` end a line, inline runs join. */
class Lines {
  readonly lines: SourceLine[] = [];
  /** The list marker for the next line, when the list item's number is not in its text. */
  marker: string | null = null;
  private text = '';
  private refs: string[] = [];
  private letters = 0;
  private boldLetters = 0;
  private italicLetters = 0;
  private linkLetters = 0;
  private heading: number | null = null;
  private face: string | null = null;
  private opensBlock = true;

  private readonly dropLinks: boolean;

  /** @param dropLinks drop blocks made only of links (not in a table cell or a footnote, where a link is content). */
  constructor(dropLinks = true) {
    this.dropLinks = dropLinks;
  }

  add(text: string, ctx: Context): void {
    if (!text) return;
    const letters = text.replace(/[\s\u00a0]/g, '').length;
    if (letters > 0 && this.letters === 0) {
      this.heading = ctx.heading;
      this.face = ctx.face;
    }
    this.text += text;
    this.letters += letters;
    if (ctx.bold) this.boldLetters += letters;
    if (ctx.italic) this.italicLetters += letters;
    if (ctx.link) this.linkLetters += letters;
  }

  ref(marker: string): void {
    this.refs.push(marker);
  }

  /** `<br>` (or a newline in `<pre>`): a new line in the same block; an empty line opens a block. */
  lineBreak(): void {
    if (!this.end()) this.opensBlock = true;
  }

  blockBreak(): void {
    this.end();
    this.opensBlock = true;
  }

  private end(): boolean {
    let text = collapse(this.text);
    // A block made only of links to elsewhere (menus, breadcrumbs, a linked contents list) is navigation.
    if (this.dropLinks && this.linkLetters === this.letters && this.heading === null) text = '';
    if (!text) {
      // A call standing alone belongs to the line before it.
      const last = this.lines[this.lines.length - 1];
      if (this.refs.length > 0 && last) last.refs = [...(last.refs ?? []), ...this.refs];
      this.reset();
      return false;
    }
    if (this.marker !== null) {
      if (!ENUMERATED.test(text)) text = `${this.marker} ${text}`;
      this.marker = null;
    }
    const line: SourceLine = { text, page: 1 };
    if (this.opensBlock) line.blockStart = true;
    else line.gapBefore = 1;
    if (this.heading !== null) {
      line.styled = true;
      line.font = `h${this.heading}`;
    } else if (this.face !== null) {
      line.styled = true;
      line.font = this.face;
    } else if (this.boldLetters >= this.letters * 0.9 || this.italicLetters >= this.letters * 0.9) {
      line.styled = true;
      line.font = this.boldLetters >= this.letters * 0.9 ? 'bold' : 'italic';
    }
    if (this.refs.length > 0) line.refs = this.refs;
    this.lines.push(line);
    this.reset();
    this.opensBlock = false;
    return true;
  }

  private reset(): void {
    this.text = '';
    this.refs = [];
    this.letters = 0;
    this.boldLetters = 0;
    this.italicLetters = 0;
    this.linkLetters = 0;
    this.heading = null;
    this.face = null;
  }

  /** A pending list marker with no text of its own yet (a list item that opens with a nested list). */
  flushMarker(ctx: Context): void {
    if (this.marker === null || this.letters > 0) return;
    const marker = this.marker;
    this.marker = null;
    this.add(marker, ctx);
    this.blockBreak();
  }
}

interface Walk {
  calls: Map<Element, Note>;
  bodies: Set<Element>;
  backLinks: Set<Element>;
}

/** The heading class of a paragraph (a `<div>` counts only when it holds no blocks of its own). */
function headingFace(el: Element): string | null {
  const cls = attr(el, 'class');
  if (!cls || el.childNodes.some((c) => isElement(c) && BLOCKS.has(c.tagName))) return null;
  return cls.split(/\s+/).find((c) => c.split(/[-_]+/).some((w) => HEADING_CLASS_WORDS.has(w.toLowerCase()))) ?? null;
}

const isBold = (el: Element): boolean =>
  el.tagName === 'b' || el.tagName === 'strong' || /font-weight\s*:\s*(?:bold|[6-9]00)/i.test(attr(el, 'style') ?? '');

const isItalic = (el: Element): boolean =>
  el.tagName === 'i' || el.tagName === 'em' || /font-style\s*:\s*italic/i.test(attr(el, 'style') ?? '');

function walk(node: Node, ctx: Context, out: Lines, w: Walk): void {
  if (node.nodeName === '#text') {
    const value = (node as Dom.TextNode).value;
    if (!ctx.pre) {
      out.add(value.replace(/[ \t\n\r\f]+/g, ' '), ctx);
      return;
    }
    value.split('\n').forEach((piece, k) => {
      if (k > 0) out.lineBreak();
      out.add(piece, ctx);
    });
    return;
  }
  if (!isElement(node)) {
    if (node.nodeName === '#document' || node.nodeName === '#document-fragment')
      for (const child of children(node)) walk(child, ctx, out, w);
    return;
  }
  const el = node;
  const tag = el.tagName;
  if (SKIPPED.has(tag) || isHidden(el) || isChrome(el) || w.bodies.has(el) || w.backLinks.has(el)) return;
  const call = w.calls.get(el);
  if (call) {
    out.ref(call.marker);
    return;
  }
  if (tag === 'br') {
    out.lineBreak();
    return;
  }
  if (tag === 'table' && !isLayoutTable(el)) {
    out.blockBreak();
    table(el, ctx, out, w);
    return;
  }
  if (tag === 'ol' || tag === 'ul') {
    out.flushMarker(ctx);
    out.blockBreak();
    const markers = listMarkers(el);
    for (const child of el.childNodes) {
      out.marker = (isElement(child) && markers.get(child)) || null;
      walk(child, ctx, out, w);
      out.blockBreak();
    }
    out.marker = null;
    return;
  }
  const block = BLOCKS.has(tag) || /^h[1-6]$/.test(tag) || tag === 'pre';
  const inner: Context = {
    heading: /^h[1-6]$/.test(tag) ? Number(tag.slice(1)) : ctx.heading,
    bold: ctx.bold || isBold(el),
    italic: ctx.italic || isItalic(el),
    face: ((tag === 'p' || tag === 'div') && headingFace(el)) || ctx.face,
    pre: ctx.pre || tag === 'pre',
    link: ctx.link || (tag === 'a' && attr(el, 'href') !== undefined),
  };
  if (block) out.blockBreak();
  const from = out.lines.length;
  for (const child of children(el)) walk(child, inner, out, w);
  if (block) out.blockBreak();
  if (tag === 'pre' && !ctx.pre) shapePre(out.lines.slice(from));
}

/**
 * Preformatted text is plain text, judged as the text reader judges it (`wrapOf`): hard-wrapped
 * paragraphs keep their wraps as ordinary line spacing with a width, so
 * blocks re-form; otherwise every line is a paragraph of its own.
 */
function shapePre(lines: SourceLine[]): void {
  const { hardWrapped, wrapWidth } = wrapOf(lines.map((l) => ({ text: l.text, continues: !l.blockStart })));
  for (const line of lines) {
    if (hardWrapped) {
      line.width = line.text.length / wrapWidth;
      continue;
    }
    delete line.gapBefore;
    line.blockStart = true;
  }
}

/** A table used to lay the page out (it holds headings, other tables or whole texts) is read as blocks. */
function isLayoutTable(table: Element): boolean {
  const role = attr(table, 'role');
  if (role === 'presentation' || role === 'none') return true;
  for (const el of elements(table)) {
    if (/^h[1-6]$/.test(el.tagName) || el.tagName === 'table' || el.tagName === 'pre') return true;
    if ((el.tagName === 'td' || el.tagName === 'th') && textContent(el).length > 2000) return true;
  }
  return false;
}

/** Table rows become tab-separated lines; a row that is only an enumerator and its text is a list item. */
function table(el: Element, ctx: Context, out: Lines, w: Walk): void {
  for (const row of elements(el)) {
    if (row.tagName !== 'tr' || closest(row, (e) => e.tagName === 'table') !== el) continue;
    if (isHidden(row)) continue;
    const cells = row.childNodes.filter(
      (c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'),
    );
    const filled = cells
      .map((cell) => {
        const sub = new Lines(false);
        for (const child of cell.childNodes) walk(child, { ...ctx, pre: false }, sub, w);
        sub.blockBreak();
        return { cell, text: sub.lines.map((l) => l.text).join(' '), refs: sub.lines.flatMap((l) => l.refs ?? []) };
      })
      .filter((c) => c.text);
    const [first, second] = filled;
    if (filled.length === 2 && first && second && ENUMERATOR_CELL.test(first.text)) {
      out.marker = first.text;
      for (const marker of first.refs) out.ref(marker);
      walk(second.cell, ctx, out, w);
      out.blockBreak();
      out.marker = null;
      continue;
    }
    if (filled.length === 0) continue;
    const line: SourceLine = { text: filled.map((c) => c.text).join('\t'), page: 1, blockStart: true, table: true };
    const refs = filled.flatMap((c) => c.refs);
    if (refs.length > 0) line.refs = refs;
    out.lines.push(line);
  }
}

/** The page's main content: `<main>` (or `role=main`) when it holds a fair share of the text. */
function contentRoot(document: Dom.Document): Node {
  const body = elements(document).find((e) => e.tagName === 'body') ?? document;
  const main = elements(body).find((e) => e.tagName === 'main' || attr(e, 'role') === 'main');
  if (main && collapse(textContent(main)).length >= collapse(textContent(body)).length * 0.3) return main;
  return body;
}

const GENERIC_TITLE = /^(?:untitled|home|index|document|page|welcome|new page)\b|^[^\p{L}]*$/iu;
const INSTRUMENT =
  /\b(?:agreement|treaty|protocol|convention|accord|acuerdo|tratado|protocole|protocolo|convenio|memorandum)\b/i;

/** `<title>` without the site's name: "Agreement … | Trade portal" keeps the part naming the instrument. */
function pageTitle(document: Dom.Document): string | undefined {
  const el = elements(document).find((e) => e.tagName === 'title');
  const title = el ? collapse(textContent(el)) : '';
  if (!title || GENERIC_TITLE.test(title)) return undefined;
  const parts = title.split(/\s+[|–—-]\s+/);
  const named = parts.filter((p) => INSTRUMENT.test(p)).sort((a, b) => b.length - a.length)[0];
  return named ?? title;
}

const META_NAME =
  /^(?:description|keywords|author|subject|(?:dc|dcterms)[.:][\w.-]+|citation_[\w]+|og:(?:title|description))$/i;

/** `<meta name=… content=…>` worth keeping (description, keywords, Dublin Core); repeated names become lists. */
function pageMetadata(document: Dom.Document): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  const html = elements(document).find((e) => e.tagName === 'html');
  const lang = html && attr(html, 'lang');
  if (lang) metadata.lang = lang;
  for (const el of elements(document)) {
    if (el.tagName !== 'meta') continue;
    const name = attr(el, 'name') ?? attr(el, 'property');
    const content = collapse(attr(el, 'content') ?? '');
    if (!name || !content || !META_NAME.test(name)) continue;
    const key = name.toLowerCase();
    const existing = metadata[key];
    if (existing === undefined) metadata[key] = content;
    else metadata[key] = Array.isArray(existing) ? [...existing, content] : [existing, content];
  }
  return metadata;
}

/**
 * HTML pages (official journals, trade portals, exported documents) into lines, one per block
 * as a browser shows them: headings styled, list numbers written out, table rows tab-separated,
 * footnote bodies taken out of the text and their calls recorded on the calling line.
 */
export async function readHtml(bytes: Uint8Array, limits: Pick<ParseLimits, 'maxXmlDepth'>): Promise<SourceLayout> {
  // parse5 is loaded only when a page is actually parsed (as mammoth is for DOCX).
  const { parse } = await import('parse5');
  const { html, warnings } = decodeHtml(bytes);
  const document = parse(html);
  checkDepth(document, limits.maxXmlDepth);
  const root = contentRoot(document);
  const notes = findNotes(root);
  const base: Context = { heading: null, bold: false, italic: false, face: null, pre: false, link: false };
  const out = new Lines();
  walk(root, base, out, notes);
  out.blockBreak();

  const footnotes: SourceFootnote[] = [];
  const seen = new Set<Element>();
  const noteOf = new Map([...notes.calls.values()].map((n) => [n.body, n]));
  // Footnotes in the order the page prints them.
  for (const el of elements(root)) {
    const note = noteOf.get(el);
    if (!note || seen.has(el)) continue;
    seen.add(el);
    const sub = new Lines(false);
    for (const child of el.childNodes) walk(child, base, sub, { ...notes, calls: new Map() });
    sub.blockBreak();
    const escaped = note.marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const text = sub.lines
      .map((l) => l.text)
      .join(' ')
      .replace(new RegExp(`^[[(]?${escaped}[\\])]?[.:]?\\s+`, 'i'), '')
      .trim();
    footnotes.push({ marker: note.marker, text, page: 1 });
  }
  const metadataTitle = pageTitle(document);
  return {
    lines: out.lines,
    footnotes,
    pageCount: 1,
    ...(metadataTitle ? { metadataTitle } : {}),
    metadata: pageMetadata(document),
    warnings,
  };
}
