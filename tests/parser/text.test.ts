import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, provisionBody } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { expectWellFormed } from './helpers.ts';

const SAMPLES = resolve(import.meta.dirname, '../../corpus/samples');
const read = (name: string) => new Uint8Array(readFileSync(resolve(SAMPLES, name)));

describe('plain text agreements', () => {
  it('parses the English sample into preamble, chapters, articles and paragraphs', async () => {
    const doc = await parse(read('culture-trade-agreement-en.txt'), { fileName: 'culture-trade-agreement-en.txt' });
    expectWellFormed(doc);
    expect(doc.language).toBe('en');
    expect(doc.source.format).toBe('text');
    expect(doc.title).toMatch(/AGREEMENT/);
    const kinds = new Set(doc.provisions.map((p) => p.kind));
    for (const k of ['preamble', 'chapter', 'article', 'paragraph', 'annex', 'signatures']) expect(kinds).toContain(k);
    const ecommerce = doc.provisions.find((p) => p.kind === 'chapter' && /electronic commerce/i.test(p.heading ?? ''));
    expect(ecommerce).toBeDefined();
    const art = doc.provisions.find((p) => p.kind === 'article' && p.parentId === ecommerce?.id);
    expect(art?.number).toMatch(/^\d+(\.\d+)?$/);
    // "pursuant to Article 5" inside a paragraph is not a heading.
    for (const a of doc.provisions.filter((p) => p.kind === 'article')) expect(a.heading ?? '').not.toMatch(/^of\b/);
  });

  it('reads French and Spanish headings and detects the language', async () => {
    const fr = await parse(read('accord-culture-commerce-fr.txt'));
    expectWellFormed(fr);
    expect(fr.language).toBe('fr');
    expect(fr.provisions.some((p) => p.kind === 'chapter')).toBe(true);
    expect(fr.provisions.find((p) => p.kind === 'article')?.number).toBe('premier');
    const es = await parse(read('acuerdo-cultura-comercio-es.txt'));
    expectWellFormed(es);
    expect(es.language).toBe('es');
    expect(es.provisions.filter((p) => p.kind === 'article').length).toBeGreaterThan(3);
  });

  it('is deterministic', async () => {
    const bytes = read('culture-trade-agreement-en.txt');
    const a = await parse(bytes);
    const b = await parse(bytes);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('keeps numbered paragraphs inside their article', async () => {
    const text =
      'AGREEMENT ON TRADE\n\nArticle 1\nScope\n\n1. This Agreement applies to goods.\n\n2. It does not apply to audiovisual services referred to in Article 5.\n\nArticle 2\nDefinitions\n\nFor the purposes of this Agreement, terms have their ordinary meaning.\n';
    const doc = await parse(new TextEncoder().encode(text));
    expectWellFormed(doc);
    const [a1, a2] = doc.provisions.filter((p) => p.kind === 'article');
    expect(a1?.heading).toBe('Scope');
    const paras = doc.provisions.filter((p) => p.parentId === a1?.id);
    expect(paras.map((p) => p.number)).toEqual(['1', '2']);
    expect(paras[1]?.text).toContain('audiovisual services referred to in Article 5.');
    expect(a2 && provisionBody(doc, a2)).toBe('For the purposes of this Agreement, terms have their ordinary meaning.');
  });
});
