import { type AgreementDocument, parse, provisionBody } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { expectWellFormed } from './helpers.ts';

// One test per failure class seen on agreements nobody here had parsed before (issue 9).
// Each input is written for the purpose; none is a shared document.
const parseText = async (text: string) => {
  const doc = await parse(new TextEncoder().encode(text), { fileName: 'agreement.txt' });
  expectWellFormed(doc);
  return doc;
};
const numbers = (doc: AgreementDocument, kind: string) =>
  doc.provisions.filter((p) => p.kind === kind).map((p) => p.number);
const article = (doc: AgreementDocument, number: string) =>
  doc.provisions.find((p) => p.kind === 'article' && p.number === number);

const BODY = `PREAMBLE

The Parties, RECOGNISING the importance of culture in trade relations;

HAVE AGREED AS FOLLOWS:

CHAPTER 1
GENERAL PROVISIONS

Article 1.1
Objectives

The objectives of this Agreement are to liberalise trade in goods and services.

Article 1.2
Definitions

For the purposes of this Agreement, terms have their ordinary meaning.

CHAPTER 2
TRADE IN GOODS

Article 2.1
Scope

This Chapter applies to trade in goods between the Parties.

Article 2.2
National Treatment

Each Party shall accord national treatment to the goods of the other Party.
`;

describe('failure classes of unseen agreements', () => {
  it('1. a contents page without leaders or page numbers, with wrapped unnumbered entries, opens nothing', async () => {
    const contents = `AGREEMENT ON TRADE BETWEEN ARCADIA AND BOREALIS

CHAPTER 1 GENERAL PROVISIONS
Article 1.1 Objectives
Article 1.2 Definitions
CHAPTER 2 TRADE IN GOODS
Article 2.1 Scope
Article 2.2 National Treatment
Annex on Cooperation in the Field of Cultural
Heritage and the Creative Industries
Annex 4

`;
    const doc = await parseText(contents + BODY);
    expect(numbers(doc, 'chapter')).toEqual(['1', '2']);
    expect(numbers(doc, 'article')).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(doc.provisions.some((p) => p.kind === 'annex')).toBe(false);
    const preamble = doc.provisions.find((p) => p.kind === 'preamble');
    expect(preamble).toBeDefined();
    // Every provision starts at or after the preamble: nothing comes from the contents.
    for (const p of doc.provisions) expect(p.start).toBeGreaterThanOrEqual(preamble?.start ?? 0);
    expect(article(doc, '2.2')?.heading).toBe('National Treatment');
  });

  it('2. a ghost heading before the preamble does not swallow the agreement', async () => {
    const doc = await parseText(`AGREEMENT ON TRADE\n\nChapter 18\n\n${BODY}`);
    expect(numbers(doc, 'chapter')).toEqual(['1', '2']);
    expect(numbers(doc, 'article')).toEqual(['1.1', '1.2', '2.1', '2.2']);
    const chapter1 = doc.provisions.find((p) => p.kind === 'chapter' && p.number === '1');
    expect(chapter1?.parentId).toBeNull();
  });

  it('3. cross-references that open a line are not headings', async () => {
    const doc = await parseText(
      BODY.replace(
        'Each Party shall accord national treatment to the goods of the other Party.',
        'Each Party shall accord national treatment to the goods of the other Party. Where a measure also\nChapter 8 (Trade in Services) or Chapter 9 (Investment) shall apply, and for the\nArticle 11 (Committee on Trade) of Chapter 2 applies. In that case\nArticle 2 (Definitions) shall apply',
      ),
    );
    expect(numbers(doc, 'chapter')).toEqual(['1', '2']);
    expect(numbers(doc, 'article')).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(provisionBody(doc, article(doc, '2.2') as never)).toContain('Chapter 8 (Trade in Services) or Chapter 9');
    expect(provisionBody(doc, article(doc, '2.2') as never)).toContain('Article 2 (Definitions) shall apply');
  });

  it('4. a heading keyword split by a glyph gap is still a heading', async () => {
    const doc = await parseText(
      'ACCORD\n\nC HAPITRE 1\nDispositions générales\n\nA rticle 1. - Objectifs\n\nLes Parties établissent une zone de libre-échange.\n\nA rticle 2. - Définitions\n\nAux fins du présent accord, les termes ont leur sens ordinaire.\n\nDEUX IÈME PARTIE. - Commerce\n\nArticle 3. - Champ\n\nLe présent titre s’applique au commerce des marchandises.\n',
    );
    expect(numbers(doc, 'chapter')).toEqual(['1']);
    expect(numbers(doc, 'article')).toEqual(['1', '2', '3']);
    expect(article(doc, '1')?.heading).toBe('Objectifs');
    const part = doc.provisions.find((p) => p.kind === 'part');
    expect(part?.number?.toUpperCase()).toBe('DEUXIÈME');
    expect(part?.heading).toBe('Commerce');
  });

  it('6. titles that open with a capitalised article or preposition are titles', async () => {
    const doc = await parseText(
      'ACCORD\n\nArticle 1. - La Conférence des Parties\n\nLa Conférence se réunit une fois par an.\n\nArticle 2. - Le Secrétariat\n\nLe Secrétariat assiste la Conférence.\n\nArtículo 3: De Minimis\n\nNo se aplica.\n\nArtículo 4: El Comité de Comercio\n\nSe establece un Comité.\n',
    );
    expect(doc.provisions.filter((p) => p.kind === 'article').map((p) => p.heading)).toEqual([
      'La Conférence des Parties',
      'Le Secrétariat',
      'De Minimis',
      'El Comité de Comercio',
    ]);
  });

  it('7. ordinal-first divisions', async () => {
    const doc = await parseText(
      'AGREEMENT\n\nFIRST PART\nGENERAL\n\nArticle 1\nScope\n\nThis Agreement applies to trade.\n\nSECOND PART\nGOODS\n\nArticle 2\nDuties\n\nNo Party shall raise duties.\n\nTITRE II\nSERVICES\n\nArticle 3\nServices\n\nThis Part applies to services.\n\nPrimera Parte\n\nArtículo 4\nObjetivo\n\nLas Partes cooperan.\n',
    );
    const parts = doc.provisions.filter((p) => p.kind === 'part');
    expect(parts.map((p) => p.number)).toEqual(['FIRST', 'SECOND', 'Primera']);
    expect(parts[0]?.heading).toBe('GENERAL');
    expect(doc.provisions.find((p) => p.kind === 'title')?.number).toBe('II');
    expect(numbers(doc, 'article')).toEqual(['1', '2', '3', '4']);
  });

  it.each([
    ['en', 'In witness whereof, the undersigned have signed this Agreement.', 'Done at Geneva on 3 May 2019.'],
    ['fr', 'En foi de quoi, les plénipotentiaires ont signé le présent accord.', 'Fait à Paris, le 3 mai 2019.'],
    [
      'es',
      'En fe de lo cual, los plenipotenciarios firman el presente Acuerdo.',
      'Hecho en Lima, el 3 de mayo de 2019.',
    ],
  ])(
    '8. the end of the agreement in a compilation (%s): what follows is not glued to the last article',
    async (_l, witness, done) => {
      const doc = await parseText(
        `ACCORD\n\nArticle 1\nObjet\n\nLes Parties coopèrent.\n\nArticle 2\nEntrée en vigueur\n\nLe présent accord entre en vigueur à sa signature.\n\n${witness}\n\n${done}\n\nAVIS ET COMMUNICATIONS\n\nLe ministère informe le public que le registre est ouvert.\n`,
      );
      const last = article(doc, '2');
      expect(last && provisionBody(doc, last)).toBe('Le présent accord entre en vigueur à sa signature.');
      const signatures = doc.provisions.find((p) => p.kind === 'signatures');
      expect(signatures?.text).toContain(witness.slice(0, 10));
    },
  );

  it('8. "sommes convenus de ce qui suit" ends a French preamble', async () => {
    const doc = await parseText(
      'ACCORD\n\nPréambule\n\nLes Parties, désireuses de coopérer, sont convenues de ce qui suit :\n\nLes Parties coopèrent en matière culturelle.\n\nArticle premier\nObjet\n\nLe présent accord vise la coopération.\n',
    );
    const preamble = doc.provisions.find((p) => p.kind === 'preamble');
    expect(preamble?.text).not.toContain('coopèrent en matière culturelle');
  });

  it('9. wrapped titles: a line ending in "of" goes on, a hyphen at the wrap joins', async () => {
    const doc = await parseText(
      'AGREEMENT\n\nArticle 1\nAgreement on the Application of\nSanitary Measures\n\nThe Parties affirm their rights.\n\nArticle 2\nIntellectual Pro-\nperty\n\nEach Party shall protect intellectual property.\n',
    );
    expect(article(doc, '1')?.heading).toBe('Agreement on the Application of Sanitary Measures');
    expect(article(doc, '2')?.heading).toBe('Intellectual Property');
  });

  it('10. plain text: hard wraps, footer debris, titles on the next line, run-in headings', async () => {
    const doc = await parseText(
      [
        'AGREEMENT BETWEEN ARCADIA AND BOREALIS',
        '',
        'CHAPTER 1',
        'GENERAL PROVISIONS',
        'Article 1. - The Parties hereby establish a free trade area in accordance',
        'with Article XXIV of the General Agreement on Tariffs and Trade 1994 and',
        'the provisions of this Agreement. 3-314-1',
        'ARTICLE 2 — Each Party shall ensure that its measures are transparent and',
        'that they are published promptly.',
        '12',
        'Artículo 3.- Las Partes cooperarán en materia cultural y audiovisual con',
        'el fin de promover la diversidad de las expresiones culturales. 3-315-1',
        'CHAPTER 2',
        'FINAL PROVISIONS',
        'Article 4. - This Agreement shall enter into force on the first day of the',
        'second month after its signature. 3-316-1',
        '13',
        'Article 5. - The Parties may amend this Agreement by written agreement',
        'between them.',
        '14',
      ].join('\n'),
    );
    expect(numbers(doc, 'chapter')).toEqual(['1', '2']);
    expect(doc.provisions.find((p) => p.kind === 'chapter')?.heading).toBe('GENERAL PROVISIONS');
    expect(numbers(doc, 'article')).toEqual(['1', '2', '3', '4', '5']);
    expect(provisionBody(doc, article(doc, '1') as never)).toBe(
      'The Parties hereby establish a free trade area in accordance with Article XXIV of the General Agreement on Tariffs and Trade 1994 and the provisions of this Agreement.',
    );
    expect(doc.text).not.toMatch(/3-31\d-1|^1[234]$/m);
    expect(provisionBody(doc, article(doc, '2') as never)).toMatch(/^Each Party shall ensure/);
  });

  it('10. plain text without any line break: headings found inline', async () => {
    const doc = await parseText(
      'MainText: AGREEMENT ON TRADE PREAMBLE The Parties, RECOGNISING the value of culture, HAVE AGREED AS FOLLOWS: Chapter 1. GENERAL PROVISIONS ARTICLE 1.1. Establishment of a Free Trade Area The Parties hereby establish a free trade area. ARTICLE 1.2. Objectives The objectives of this Agreement are to liberalise trade and to promote the diversity of cultural expressions in accordance with Article 5 of the UNESCO Convention. ARTICLE 1.3. Relationship to other Agreements 1. The Parties confirm their rights under the WTO Agreement. 2. Nothing in this Agreement derogates from them. Chapter 2. TRADE IN GOODS ARTICLE 2.1. Scope This Chapter applies to trade in goods. ARTICLE 2.2. Fulfilment of Obligations Each Party shall take any measures required to fulfil its obligations. '.repeat(
        1,
      ) + 'x '.repeat(1000),
    );
    expect(numbers(doc, 'chapter')).toEqual(['1', '2']);
    expect(numbers(doc, 'article')).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2']);
    expect(doc.provisions.filter((p) => p.kind === 'article').map((p) => p.heading)).toEqual([
      'Establishment of a Free Trade Area',
      'Objectives',
      'Relationship to other Agreements',
      'Scope',
      'Fulfilment of Obligations',
    ]);
    // "Article 5 of the UNESCO Convention" inside a sentence stays text.
    expect(provisionBody(doc, article(doc, '1.2') as never)).toContain('Article 5 of the UNESCO Convention');
    expect(doc.provisions.filter((p) => p.kind === 'paragraph' && p.parentId === article(doc, '1.3')?.id)).toHaveLength(
      2,
    );
  });
});
