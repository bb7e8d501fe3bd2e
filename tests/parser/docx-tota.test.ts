import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, provisionBody } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { expectWellFormed, hasShared, TOTA_DIR } from './helpers.ts';
import { makeDocx } from './make-inputs.ts';

describe('DOCX', () => {
  it('reads headings, numbered paragraphs and footnotes', async () => {
    const doc = await parse(await makeDocx(), { fileName: 'draft.docx' });
    expectWellFormed(doc);
    expect(doc.source.format).toBe('docx');
    expect(doc.title).toBe('AGREEMENT ON CULTURAL COOPERATION BETWEEN ARCADIA AND BOREALIS');
    const chapter = doc.provisions.find((p) => p.kind === 'chapter');
    expect(chapter).toMatchObject({ number: '1', heading: 'AUDIOVISUAL SERVICES' });
    const [a1, a2] = doc.provisions.filter((p) => p.kind === 'article');
    expect(a1).toMatchObject({ number: '1', heading: 'Scope', parentId: chapter?.id });
    expect(a2).toMatchObject({ number: '2', heading: 'Co-production' });
    const paragraphs = doc.provisions.filter((p) => p.parentId === a1?.id);
    expect(paragraphs.map((p) => p.number)).toEqual(['1', '2']);
    expect(doc.footnotes).toHaveLength(1);
    expect(doc.footnotes[0]?.text).toMatch(/films and television/);
    expect(doc.footnotes[0]?.provisionId).toBe(paragraphs[0]?.id);
    expect(a1 && provisionBody(doc, a1)).not.toMatch(/films and television/);
  });
});

describe.skipIf(!hasShared)('ToTA XML', () => {
  it('keeps ToTA identifiers and metadata, and splits numbered paragraphs', async () => {
    const doc = await parse(new Uint8Array(readFileSync(resolve(TOTA_DIR, 'pta_1.xml'))), { fileName: 'pta_1.xml' });
    expectWellFormed(doc);
    expect(doc.source.format).toBe('tota-xml');
    expect(doc.title).toBe('Japan - Thailand');
    expect(doc.language).toBe('en');
    expect(doc.metadata).toMatchObject({ treaty_identifier: '1', date_signed: '2007-04-03', parties: ['JPN', 'THA'] });
    const articles = doc.provisions.filter((p) => p.kind === 'article');
    const first = articles[0];
    expect(first).toMatchObject({ number: '1', heading: 'Objectives', sourceId: '2' });
    const transparency = articles.find((a) => a.heading === 'Transparency');
    const paragraphs = doc.provisions.filter((p) => p.parentId === transparency?.id);
    expect(paragraphs.length).toBeGreaterThan(1);
    // A paragraph carries its article's ToTA identifier.
    for (const p of paragraphs) expect(p.sourceId).toBe(transparency?.sourceId);
    expect(doc.provisions.find((p) => p.kind === 'preamble')?.sourceId).toBe('1');
  });

  it('reads a Spanish agreement', async () => {
    const file = resolve(TOTA_DIR, 'pta_100.xml');
    const doc = await parse(new Uint8Array(readFileSync(file)));
    expectWellFormed(doc);
    expect(doc.provisions.filter((p) => p.kind === 'article').length).toBeGreaterThan(5);
  });
});
