import { describe, expect, it } from 'vitest';
import { isTitleLike, matchHeading, numberValue, paragraphNumber } from '../src/_internal/headings.ts';

describe('matchHeading', () => {
  it.each([
    ['CHAPTER 12', 'chapter', '12', ''],
    ['Chapter Twelve', 'chapter', 'Twelve', ''],
    ['CHAPTER XII', 'chapter', 'XII', ''],
    ['Article 12.1: Definitions', 'article', '12.1', 'Definitions'],
    ['ARTICLE 2005', 'article', '2005', ''],
    ['Article 3bis', 'article', '3bis', ''],
    ['Art. 5', 'article', '5', ''],
    ['Article premier', 'article', 'premier', ''],
    ['Chapitre 3 – Commerce des services', 'chapter', '3', 'Commerce des services'],
    ['Capítulo IV', 'chapter', 'IV', ''],
    ['Artículo 5 Definiciones', 'article', '5', 'Definiciones'],
    ['ANNEX 3A', 'annex', '3A', ''],
    ['Anexo I', 'annex', 'I', ''],
    ['Protocole n° 2', 'protocol', '2', ''],
    ['PROTOCOL ON TRADE IN GOODS', 'protocol', null, 'ON TRADE IN GOODS'],
    ['SECTION A', 'section', 'A', ''],
    ['Sub-Section 2', 'subsection', '2', ''],
    ['PART III', 'part', 'III', ''],
    ['APPENDIX 1', 'appendix', '1', ''],
  ])('recognises %s', (line, kind, number, rest) => {
    expect(matchHeading(line)).toEqual({ kind, number, rest });
  });

  it.each([
    'Chapter 26 of the Harmonized System',
    'Article 5 of the GATT 1994 shall apply',
    'article 5',
    'Article 22 shall not apply to the measures',
    'Annex a',
    'Part c. of the schedule',
    'Protocol to the Agreement Establishing the African',
    'Artículo 5 del presente Acuerdo',
  ])('treats %s as a reference, not a heading', (line) => {
    expect(matchHeading(line)).toBeNull();
  });

  it('recognises preambles, signature blocks and side letters', () => {
    expect(matchHeading('PREAMBLE')?.kind).toBe('preamble');
    expect(matchHeading('Préambule')?.kind).toBe('preamble');
    expect(matchHeading('IN WITNESS WHEREOF, the undersigned')?.kind).toBe('signatures');
    expect(matchHeading('EN FE DE LO CUAL, los suscritos')?.kind).toBe('signatures');
    expect(matchHeading('EXCHANGE OF LETTERS')?.kind).toBe('side-letter');
  });
});

describe('numbers and titles', () => {
  it('reads the value of printed numbers', () => {
    expect(numberValue('12.1')).toBe(12);
    expect(numberValue('XIV')).toBe(14);
    expect(numberValue('Twenty-One')).toBe(21);
    expect(numberValue('premier')).toBe(1);
  });
  it('finds paragraph numbers only at the start of a block', () => {
    expect(paragraphNumber('1. Each Party shall')).toBe(1);
    expect(paragraphNumber('(2) The Parties')).toBe(2);
    expect(paragraphNumber('1.5 per cent')).toBeNull();
    expect(paragraphNumber('Each Party shall, under paragraph 1.')).toBeNull();
  });
  it('tells titles from sentences', () => {
    expect(isTitleLike('ELECTRONIC COMMERCE')).toBe(true);
    expect(isTitleLike('Rules of Origin')).toBe(true);
    expect(isTitleLike('The Parties shall cooperate in the field of culture.')).toBe(false);
    expect(isTitleLike('each Party shall ensure that')).toBe(false);
  });
});
