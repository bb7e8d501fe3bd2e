import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AgreementDocument, parse, provisionBody, sniffFormat } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../apps/cli/src/inputs.ts';
import { expectWellFormed } from './helpers.ts';

const utf8 = (html: string) => new TextEncoder().encode(html);

/** Windows-1252 bytes for Latin-1 text plus the typographic characters legacy pages use. */
function windows1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, œ: 0x9c, '–': 0x96, '€': 0x80 };
  return Uint8Array.from([...text].map((c) => extra[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

const of = (doc: AgreementDocument, kind: string) => doc.provisions.filter((p) => p.kind === kind);

/** An Official Journal page as EUR-Lex publishes it: class-named paragraphs, points laid out as tables, notes at the end. */
const EUR_LEX = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<title>EUR-Lex - 22025A0101(01) - EN - EUR-Lex</title>
<meta name="description" content="Agreement between the European Union and the Republic of Arcadia on trade in cultural goods">
<meta name="DC.subject" content="culture"><meta name="DC.subject" content="trade">
<meta name="viewport" content="width=device-width">
<script>var banner = "SCRIPT TEXT";</script><style>.ti-art { font-style: italic }</style>
</head><body>
<nav><a href="/">Home</a> NAVIGATION TEXT</nav>
<header><p>EUR-Lex site header</p></header>
<div id="document1">
<p class="doc-ti">AGREEMENT BETWEEN THE EUROPEAN UNION AND THE REPUBLIC OF ARCADIA ON TRADE IN CULTURAL GOODS</p>
<p class="normal">THE EUROPEAN UNION and THE REPUBLIC OF ARCADIA,</p>
<p class="normal">HAVE AGREED AS FOLLOWS:</p>
<p class="ti-section-1">CHAPTER 1</p>
<p class="ti-section-2">GENERAL PROVISIONS</p>
<p class="ti-art">Article 1</p>
<p class="sti-art">Objectives</p>
<p class="normal">1.   The objective of this Agreement is to promote trade in cultural goods<a id="ntc1" href="#ntr1">(<span class="super">1</span>)</a>.</p>
<p class="normal">2.   The Parties shall cooperate &amp; consult each other.</p>
<p style="display:none">HIDDEN TEXT</p>
<p class="ti-art">Article 2</p>
<p class="sti-art">Relation to other agreements</p>
<p class="normal">Nothing in this Agreement affects the rights of the Parties under other agreements.</p>
<p class="ti-art">Article 3</p>
<p class="sti-art">Definitions</p>
<p class="normal">For the purposes of this Agreement:</p>
<table width="100%"><col width="4%"><col width="96%"><tbody>
<tr><td valign="top"><p class="normal">(a)</p></td><td valign="top"><p class="normal">‘cultural goods’ means books, films and sound recordings;</p></td></tr>
</tbody></table>
<table width="100%"><col width="4%"><col width="96%"><tbody>
<tr><td valign="top"><p class="normal">(b)</p></td><td valign="top"><p class="normal">‘Party’ means the Union or Arcadia.</p></td></tr>
</tbody></table>
<p class="ti-section-1">CHAPTER 2</p>
<p class="ti-section-2">FINAL PROVISIONS</p>
<p class="ti-art">Article 4</p>
<p class="sti-art">Entry into force</p>
<p class="normal">This Agreement shall enter into force on the first day of the second month after ratification<a id="ntc2" href="#ntr2">(<span class="super">2</span>)</a>.</p>
<div hidden>HIDDEN DIV</div>
<hr class="note">
<p class="note"><a id="ntr1" href="#ntc1">(<span class="super">1</span>)</a>&nbsp;&nbsp;Within the meaning of the 2005 UNESCO Convention.</p>
<p class="note"><a id="ntr2" href="#ntc2">(<span class="super">2</span>)</a>&nbsp;&nbsp;The date will be published in the Official Journal.</p>
</div>
<footer><p>FOOTER TEXT</p></footer>
</body></html>`;

/** A trade-portal page: headings as h2/h3, paragraphs as an ordered list, a layout table around it all. */
const PORTAL = `<html><head><title>Free Trade Agreement between Arcadia and Borealis | Trade Information Portal</title></head>
<body><table width="100%"><tr><td class="menu"><a href="/">Index</a></td><td>
<h1>Free Trade Agreement between Arcadia and Borealis</h1>
<h2>CHAPTER 1<br>INITIAL PROVISIONS</h2>
<h3>Article 1.1: Establishment of a Free Trade Area</h3>
<p>The Parties hereby establish a free trade area.</p>
<h2>CHAPTER 2</h2>
<h3>Article 2.1: Scope</h3>
<ol>
<li>This Chapter applies to trade in goods between the Parties.</li>
<li>Nothing in this Chapter applies to measures concerning cultural industries, including:
  <ol type="a"><li>books and periodicals;</li><li>films and video recordings.</li></ol></li>
</ol>
<h3>Article 2.2: Tariff Schedule</h3>
<p>Each Party shall apply the following rates:</p>
<table border="1">
<tr><th>HS code</th><th>Description</th><th>Rate</th></tr>
<tr><td>4901</td><td>Printed books<sup><a href="#fn1" id="fnref1">1</a></sup></td><td>0 %</td></tr>
</table>
<section class="footnotes"><ol><li id="fn1"><p>Including brochures and leaflets. <a href="#fnref1">↩</a></p></li></ol></section>
</td></tr></table></body></html>`;

describe('HTML agreements', () => {
  it('reads an Official Journal page: chapters, articles, points, footnotes, without page chrome', async () => {
    const doc = await parse(utf8(EUR_LEX), { fileName: 'oj.html' });
    expectWellFormed(doc);
    expect(doc.source.format).toBe('html');
    expect(doc.pageCount).toBe(1);
    expect(doc.title).toBe(
      'AGREEMENT BETWEEN THE EUROPEAN UNION AND THE REPUBLIC OF ARCADIA ON TRADE IN CULTURAL GOODS',
    );
    expect(of(doc, 'chapter').map((c) => [c.number, c.heading])).toEqual([
      ['1', 'GENERAL PROVISIONS'],
      ['2', 'FINAL PROVISIONS'],
    ]);
    expect(of(doc, 'article').map((a) => [a.number, a.heading])).toEqual([
      ['1', 'Objectives'],
      ['2', 'Relation to other agreements'],
      ['3', 'Definitions'],
      ['4', 'Entry into force'],
    ]);
    const [a1, , a3, a4] = of(doc, 'article');
    const paragraphs = doc.provisions.filter((p) => p.parentId === a1?.id);
    expect(paragraphs.map((p) => p.number)).toEqual(['1', '2']);
    expect(paragraphs[1]?.text).toContain('cooperate & consult');
    // Points laid out as two-cell tables read as lettered lines of their article.
    expect(a3 && provisionBody(doc, a3)).toMatch(/\n\(a\) ‘cultural goods’ means books.*\n\(b\) ‘Party’ means/s);

    expect(doc.footnotes.map((f) => [f.marker, f.text])).toEqual([
      ['1', 'Within the meaning of the 2005 UNESCO Convention.'],
      ['2', 'The date will be published in the Official Journal.'],
    ]);
    expect(doc.footnotes[0]?.provisionId).toBe(paragraphs[0]?.id);
    expect(doc.footnotes[1]?.provisionId).toBe(a4?.id);
    expect(doc.text).toContain('promote trade in cultural goods.');
    for (const chrome of ['UNESCO', 'Official Journal', 'SCRIPT', 'NAVIGATION', 'site header', 'FOOTER', 'HIDDEN'])
      expect(doc.text).not.toContain(chrome);
    expect(doc.metadata).toMatchObject({
      lang: 'en',
      description: 'Agreement between the European Union and the Republic of Arcadia on trade in cultural goods',
      'dc.subject': ['culture', 'trade'],
    });
    expect(doc.metadata).not.toHaveProperty('viewport');
  });

  it('reads a portal page: headings, list numbering, a data table and a footnote inside a layout table', async () => {
    const doc = await parse(utf8(PORTAL));
    expectWellFormed(doc);
    expect(doc.source.format).toBe('html');
    expect(doc.title).toBe('Free Trade Agreement between Arcadia and Borealis');
    expect(of(doc, 'chapter').map((c) => [c.number, c.heading])).toEqual([
      ['1', 'INITIAL PROVISIONS'],
      ['2', null],
    ]);
    expect(of(doc, 'article').map((a) => [a.number, a.heading])).toEqual([
      ['1.1', 'Establishment of a Free Trade Area'],
      ['2.1', 'Scope'],
      ['2.2', 'Tariff Schedule'],
    ]);
    const [, scope, schedule] = of(doc, 'article');
    const paragraphs = doc.provisions.filter((p) => p.parentId === scope?.id);
    expect(paragraphs.map((p) => p.number)).toEqual(['1', '2']);
    expect(paragraphs[1] && provisionBody(doc, paragraphs[1])).toMatch(
      /including:\n\(a\) books and periodicals;\n\(b\) films and video recordings\./,
    );
    expect(schedule && provisionBody(doc, schedule)).toContain('HS code\tDescription\tRate\n4901\tPrinted books\t0 %');
    expect(doc.footnotes).toEqual([
      expect.objectContaining({ marker: '1', text: 'Including brochures and leaflets.', provisionId: schedule?.id }),
    ]);
    expect(doc.text).not.toMatch(/brochures|↩/);
    // The menu cell of the layout table is a link, not text of the agreement.
    expect(doc.text).not.toContain('Index');
  });

  it('decodes a legacy Windows-1252 page, declared or not', async () => {
    const body = `<p>ACCORD DE COOPÉRATION CULTURELLE</p>
<p>Article premier</p><p>Objet</p>
<p>Les Parties développent la coopération au cœur de l’audiovisuel, « à parts égales ».</p>
<p>Article 2</p><p>Entrée en vigueur</p><p>Le présent Accord entre en vigueur à la date de sa signature.</p>`;
    const declared = windows1252(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>${body}</body></html>`,
    );
    const undeclared = windows1252(`<html><body>${body}</body></html>`);
    for (const bytes of [declared, undeclared]) {
      const doc = await parse(bytes);
      expectWellFormed(doc);
      expect(doc.language).toBe('fr');
      expect(doc.text).toContain('développent la coopération au cœur de l’audiovisuel, « à parts égales ».');
      expect(of(doc, 'article').map((a) => [a.number, a.heading])).toEqual([
        ['premier', 'Objet'],
        ['2', 'Entrée en vigueur'],
      ]);
      expect(doc.warnings).toEqual([]);
    }
  });

  it('reads a fragment without doctype, with <br> line breaks and preformatted text', async () => {
    const fragment = `<h1>PROTOCOL ON CULTURAL COOPERATION</h1>
<p><b>Article 1<br>Scope</b></p>
<p>This Protocol applies to audiovisual   co-production<br>and to the exchange of artists.</p>
<pre>Article 2
Committee

1. The Parties establish a Committee on
   Cultural Cooperation.
2. The Committee meets once a year.</pre>`;
    expect(sniffFormat(utf8(fragment))).toBe('html');
    const doc = await parse(utf8(fragment));
    expectWellFormed(doc);
    expect(doc.title).toBe('PROTOCOL ON CULTURAL COOPERATION');
    expect(of(doc, 'article').map((a) => [a.number, a.heading])).toEqual([
      ['1', 'Scope'],
      ['2', 'Committee'],
    ]);
    // A <br> inside a paragraph breaks the line, not the paragraph; whitespace collapses as on screen.
    expect(doc.text).toContain('This Protocol applies to audiovisual co-production and to the exchange of artists.');
    const committee = of(doc, 'article')[1];
    const paragraphs = doc.provisions.filter((p) => p.parentId === committee?.id);
    expect(paragraphs.map((p) => p.number)).toEqual(['1', '2']);
    expect(paragraphs[0]?.text).toContain('Committee on Cultural Cooperation.');
  });

  it('gives the same articles and headings as the same agreement in plain text', async () => {
    const text = `AGREEMENT ON CULTURAL COOPERATION BETWEEN ARCADIA AND BOREALIS

CHAPTER 1
GENERAL PROVISIONS

Article 1
Objectives

1. The Parties shall promote cultural exchanges.

2. The Parties shall support co-productions.

Article 2
Definitions

For the purposes of this Agreement, cultural goods means books and films.

CHAPTER 2
FINAL PROVISIONS

Article 3
Entry into Force

This Agreement enters into force on signature.
`;
    const html = `<!DOCTYPE html><html><head><title>Cultural cooperation</title></head><body>
<h1>AGREEMENT ON CULTURAL COOPERATION BETWEEN ARCADIA AND BOREALIS</h1>
<h2>CHAPTER 1</h2><h2>GENERAL PROVISIONS</h2>
<h3>Article 1</h3><h4>Objectives</h4>
<ol><li>The Parties shall promote cultural exchanges.</li><li>The Parties shall support co-productions.</li></ol>
<h3>Article 2</h3><h4>Definitions</h4>
<p>For the purposes of this Agreement, cultural goods means books and films.</p>
<h2>CHAPTER 2</h2><h2>FINAL PROVISIONS</h2>
<h3>Article 3</h3><h4>Entry into Force</h4>
<p>This Agreement enters into force on signature.</p>
</body></html>`;
    const fromText = await parse(utf8(text), { fileName: 'agreement.txt' });
    const fromHtml = await parse(utf8(html), { fileName: 'agreement.html' });
    expectWellFormed(fromHtml);
    const outline = (doc: AgreementDocument) =>
      doc.provisions.filter((p) => p.kind !== 'preamble').map((p) => [p.kind, p.number, p.heading]);
    expect(outline(fromHtml)).toEqual(outline(fromText));
    expect(of(fromHtml, 'article')).toHaveLength(3);
    expect(fromHtml.title).toBe(fromText.title);
    expect(fromHtml.text).toBe(fromText.text);
  });

  it('reads a page saved from Word: its _ftn footnote anchors and a generic <title>', async () => {
    const page = `<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<title>Microsoft Word - draft3.docx</title></head><body lang=EN-GB><div class=WordSection1>
<p class=MsoNormal><b>Article 1</b></p><p class=MsoNormal><b>Definitions</b></p>
<p class=MsoNormal>1. “Co-production” means a film made by producers of both Parties.<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a></p>
<p class=MsoNormal>2. The Parties shall cooperate.</p></div>
<div style='mso-element:footnote-list'><br clear=all><hr align=left size=1 width="33%">
<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"><span class=MsoFootnoteReference>[1]</span></a> Including television films.</p></div></div></body></html>`;
    const doc = await parse(windows1252(page), { fileName: 'draft3.htm' });
    expectWellFormed(doc);
    expect(doc.title).toBe('draft3');
    expect(of(doc, 'article').map((a) => [a.number, a.heading])).toEqual([['1', 'Definitions']]);
    const paragraphs = of(doc, 'paragraph');
    expect(paragraphs.map((p) => p.number)).toEqual(['1', '2']);
    expect(doc.footnotes).toEqual([
      expect.objectContaining({ marker: '1', text: 'Including television films.', provisionId: paragraphs[0]?.id }),
    ]);
    expect(doc.text).toContain('“Co-production” means a film made by producers of both Parties.\n');
    expect(doc.text).not.toMatch(/\[1\]|television/);
  });

  it('sniffs HTML from the content, XHTML included, and from .html/.htm names as a fallback', () => {
    const xhtml = utf8(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Article 1</p></body></html>',
    );
    expect(sniffFormat(xhtml, 'page.xml')).toBe('html');
    expect(sniffFormat(utf8('<?xml version="1.0"?>\n<treaty><meta/></treaty>'))).toBe('tota-xml');
    expect(sniffFormat(utf8('<!-- saved page -->\n<HTML><BODY>x</BODY></HTML>'))).toBe('html');
    expect(sniffFormat(utf8('Article 1 <b>bold</b> text'), 'agreement.txt')).toBe('text');
    expect(sniffFormat(utf8('Article 1\nScope'), 'agreement.htm')).toBe('html');
    expect(sniffFormat(utf8('Article 1\nScope'))).toBe('text');
  });

  it('is read by the CLI, and directories yield their .html and .htm pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-html-'));
    try {
      writeFileSync(join(dir, 'portal.htm'), PORTAL);
      writeFileSync(join(dir, 'oj.html'), EUR_LEX);
      writeFileSync(join(dir, 'style.css'), 'p { color: red }');
      expect(await expandInputs([dir])).toEqual([join(dir, 'oj.html'), join(dir, 'portal.htm')]);
      const cli = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
      const run = spawnSync(process.execPath, [cli, 'parse', join(dir, 'portal.htm'), '--format', 'text'], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Article 2\.1.*Scope/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
