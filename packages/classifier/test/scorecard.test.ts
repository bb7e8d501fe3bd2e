import { describe, expect, it } from 'vitest';
import { classify, scorecard, scorecardMarkdown, scorecardTable } from '../src/index.ts';
import { agreement } from './helpers.ts';

const check = async (text: string, chapter: string, preamble?: string) => {
  const card = scorecard(classify(await agreement('en', { chapter, text }, preamble)));
  return (id: string) => {
    const found = card.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return found;
  };
};

describe('scorecard', () => {
  it('flags an e-commerce chapter with no cultural carve-out and no horizontal exemption', async () => {
    const of = await check(
      'Neither Party shall impose customs duties on electronic transmissions.',
      'ELECTRONIC COMMERCE',
    );
    const digital = of('19.4-ecommerce-cultural-specificity');
    expect(digital.passed).toBe(false);
    expect(digital.explanation).toMatch(/e-commerce provision.*no cultural carve-out/);
  });

  it('lets an agreement-wide cultural exemption cover the digital chapter', async () => {
    const doc = await agreement('en', {
      chapter: 'ELECTRONIC COMMERCE',
      text: 'Neither Party shall impose customs duties on electronic transmissions. Nothing in this Agreement shall apply to measures with respect to cultural industries.',
    });
    const card = scorecard(classify(doc));
    const digital = card.checks.find((c) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital?.passed).toBe(true);
    expect(digital?.evidence[0]?.tag).toBe('culture.exemption');
  });

  it('tells a reference in the preamble only from one in the operative text', async () => {
    const of = await check(
      'This Agreement applies to trade in goods.',
      'GENERAL PROVISIONS',
      'RECALLING the UNESCO Convention on the Protection and Promotion of the Diversity of Cultural Expressions;',
    );
    expect(of('19.5-convention-reference').passed).toBe(true);
    expect(of('19.5-convention-reference').explanation).toMatch(/1 in the preamble/);
    expect(of('19.1-cultural-instruments').passed).toBe(false);
    expect(of('19.1-cultural-instruments').explanation).toMatch(/only in the preamble/);
  });

  it('passes nothing but the digital check for an agreement without culture or e-commerce', async () => {
    const card = scorecard(classify(await agreement('en', { text: 'Each Party shall eliminate its customs duties.' })));
    expect(card.checks.map((c) => [c.id, c.passed])).toEqual([
      ['18-preferential-treatment', false],
      ['19.1-cultural-instruments', false],
      ['19.4-cultural-clause', false],
      ['19.4-ecommerce-cultural-specificity', true],
      ['19.5-convention-reference', false],
      ['art21-convention-principles', false],
      ['19.5-policy-space', false],
    ]);
    expect(card.passed).toBe(1);
  });

  it('renders for a terminal and for a memo, with the evidence cited', async () => {
    const doc = await agreement('en', {
      chapter: 'TRADE IN SERVICES',
      text: 'This Chapter shall not apply to audiovisual services.',
    });
    const card = scorecard(classify(doc));
    expect(scorecardTable(card, 'Draft')).toMatch(
      /PASS {2}19\.4 · cultural clause .*\n.*Chapter 7 › Article 7\.1, p\. 1: “audiovisual”/,
    );
    expect(scorecardMarkdown(card, 'Draft')).toContain('| 19.4 · cultural clause | ✅ pass |');
  });
});
