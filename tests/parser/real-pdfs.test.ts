import { resolve } from 'node:path';
import { type AgreementDocument, parseFile } from '@ccm/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWellFormed, hasShared, PDF_DIR } from './helpers.ts';

describe.skipIf(!hasShared)('RCEP (510 pages)', () => {
  let doc: AgreementDocument;
  beforeAll(async () => {
    doc = await parseFile(resolve(PDF_DIR, 'rcep-agreement-all-chapters.pdf'));
  });

  it('is well formed and titled', () => {
    expectWellFormed(doc);
    expect(doc.pageCount).toBe(510);
    expect(doc.title).toBe('REGIONAL COMPREHENSIVE ECONOMIC PARTNERSHIP AGREEMENT');
  });

  it('yields exactly its 20 chapters, with their titles', () => {
    const chapters = doc.provisions.filter((p) => p.kind === 'chapter');
    expect(chapters.map((c) => c.number)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(chapters[11]?.heading).toBe('ELECTRONIC COMMERCE');
    expect(chapters[5]?.heading).toBe('STANDARDS, TECHNICAL REGULATIONS, AND CONFORMITY ASSESSMENT PROCEDURES');
    expect(chapters[19]?.heading).toBe('FINAL PROVISIONS');
  });

  it('holds Articles 12.1–12.17 with clean headings in Chapter 12', () => {
    const chapter12 = doc.provisions.find((p) => p.kind === 'chapter' && p.number === '12');
    const inside = doc.provisions.filter(
      (p) => p.kind === 'article' && chapter12 && p.start >= chapter12.start && p.end <= chapter12.end,
    );
    expect(inside.map((a) => a.number)).toEqual(Array.from({ length: 17 }, (_, i) => `12.${i + 1}`));
    expect(inside[0]?.heading).toBe('Definitions');
    expect(inside[10]?.heading).toBe('Customs Duties');
    for (const a of inside) expect(a.heading).toMatch(/^[A-Z][A-Za-z ,-]+[a-z]$/);
    expect(inside[0]?.pageStart).toBe(421);
  });

  it('does not take HS-chapter references in the annexes for chapters', () => {
    const annex3a = doc.provisions.find((p) => p.kind === 'annex' && p.number === '3A');
    expect(annex3a?.heading).toBe('PRODUCT-SPECIFIC RULES');
    const chaptersInAnnexes = doc.provisions.filter(
      (p) =>
        p.kind === 'chapter' && doc.provisions.some((a) => a.kind === 'annex' && a.start < p.start && p.end <= a.end),
    );
    expect(chaptersInAnnexes).toEqual([]);
    expect(doc.text).toMatch(/CHAPTER 25: SALT/);
  });

  it('removes page numbers and keeps compound hyphens', () => {
    expect(doc.text).not.toMatch(/^\d{1,2}-\d{1,2}$/m);
    expect(doc.text).toContain('most-favoured-nation');
    expect(doc.text).not.toMatch(/most-favoured- nation/);
    expect(doc.footnotes.length).toBeGreaterThan(100);
    expect(doc.footnotes.filter((f) => f.provisionId).length / doc.footnotes.length).toBeGreaterThan(0.8);
  });
});

describe.skipIf(!hasShared)('other real PDFs', () => {
  it('parses the 695-page AANZFTA protocol without turning its tariff tables into articles', async () => {
    const doc = await parseFile(resolve(PDF_DIR, 'aanzfta-first-protocol-2014.pdf'));
    expectWellFormed(doc);
    expect(doc.pageCount).toBe(695);
    const articles = doc.provisions.filter((p) => p.kind === 'article');
    expect(articles.length).toBeGreaterThan(30);
    expect(articles.length).toBeLessThan(60);
    // The product-specific rules annex runs to the end and holds no articles of its own.
    const psr = doc.provisions.find(
      (p) => p.kind === 'annex' && /PRODUCT SPECIFIC RULES/.test(p.heading ?? '') && p.pageEnd === 695,
    );
    expect(psr).toBeDefined();
  });

  it('reads AfCFTA: the Agreement, then Protocols numbering their articles from 1', async () => {
    const doc = await parseFile(resolve(PDF_DIR, 'afcfta-agreement-consolidated-text-en.pdf'));
    expectWellFormed(doc);
    const protocols = doc.provisions.filter((p) => p.kind === 'protocol');
    expect(protocols.map((p) => p.heading)).toEqual(
      expect.arrayContaining(['ON TRADE IN GOODS', 'ON TRADE IN SERVICES']),
    );
    const goods = protocols.find((p) => p.heading === 'ON TRADE IN GOODS');
    const first = doc.provisions.find((p) => p.kind === 'article' && goods && p.start > goods.start);
    expect(first).toMatchObject({ number: '1', heading: 'Definitions' });
  });

  it('keeps the reading order of a two-column Official Journal page', async () => {
    const doc = await parseFile(resolve(PDF_DIR, 'eu-vietnam-fta-protocol-1-rules-of-origin-oj-l186-2020.pdf'));
    expectWellFormed(doc);
    const a3 = doc.provisions.find((p) => p.kind === 'article' && p.number === '3');
    expect(a3?.heading).toBe('Cumulation of Origin');
    expect(doc.text).not.toMatch(/Official Journal of the European Union/);
  });

  it('ignores a dotted-leader table of contents', async () => {
    const doc = await parseFile(resolve(PDF_DIR, 'afcfta-protocol-investment-en.pdf'));
    const articles = doc.provisions.filter((p) => p.kind === 'article');
    expect(articles[0]).toMatchObject({ number: '1', heading: 'Definitions' });
    expect(articles[0]?.pageStart).toBeGreaterThan(10);
    expect(new Set(articles.map((a) => a.number)).size).toBe(articles.length);
  });

  it('finds the numbered paragraphs of an arrangement without articles', async () => {
    const doc = await parseFile(resolve(PDF_DIR, 'aanzfta-economic-cooperation-work-programme.pdf'));
    expect(doc.provisions.filter((p) => p.kind === 'paragraph').map((p) => p.number)).toEqual(['1', '2']);
    expect(doc.provisions.some((p) => p.kind === 'signatures')).toBe(true);
  });

  it('with OCR off, refuses the image-only scan and says OCR is needed (ocr.test.ts reads it)', async () => {
    await expect(
      parseFile(resolve(PDF_DIR, 'ahkfta-annex-2-1-tariff-commitments-scan.pdf'), { ocr: 'off' }),
    ).rejects.toMatchObject({
      code: 'PARSER_NO_TEXT_LAYER',
    });
  });
});
