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
    expect(digital.status).toBe('fail');
    expect(digital.explanation).toMatch(/e-commerce provision.*no cultural carve-out/);
    // A failure names the provisions that cause it.
    expect(digital.evidence.map((e) => e.citation)).toEqual(['Chapter 7 › Article 7.1']);
  });

  it('lets an agreement-wide cultural exemption cover the digital chapter', async () => {
    const doc = await agreement('en', {
      chapter: 'ELECTRONIC COMMERCE',
      text: 'Neither Party shall impose customs duties on electronic transmissions. Nothing in this Agreement shall apply to measures with respect to cultural industries.',
    });
    const card = scorecard(classify(doc));
    const digital = card.checks.find((c) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital?.status).toBe('pass');
    expect(digital?.evidence[0]?.tag).toBe('culture.exemption');
  });

  it('tells a reference in the preamble only from one in the operative text', async () => {
    const of = await check(
      'This Agreement applies to trade in goods.',
      'GENERAL PROVISIONS',
      'RECALLING the UNESCO Convention on the Protection and Promotion of the Diversity of Cultural Expressions;',
    );
    expect(of('19.5-convention-reference').status).toBe('pass');
    expect(of('19.5-convention-reference').explanation).toMatch(/1 in the preamble/);
    expect(of('19.1-cultural-instruments').status).toBe('fail');
    expect(of('19.1-cultural-instruments').explanation).toMatch(/only in the preamble/);
  });

  it('fails every check but the digital one, which does not apply, for an agreement without culture or e-commerce', async () => {
    const card = scorecard(classify(await agreement('en', { text: 'Each Party shall eliminate its customs duties.' })));
    expect(card.checks.map((c) => [c.id, c.status])).toEqual([
      ['18-preferential-treatment', 'fail'],
      ['19.1-cultural-instruments', 'fail'],
      ['19.4-cultural-clause', 'fail'],
      ['19.4-ecommerce-cultural-specificity', 'not_applicable'],
      ['19.5-convention-reference', 'fail'],
      ['art21-convention-principles', 'fail'],
      ['19.5-policy-space', 'fail'],
    ]);
    expect([card.passed, card.failed, card.notApplicable, card.total]).toEqual([0, 6, 1, 7]);
    expect(scorecardTable(card, 'Draft')).toMatch(
      /0\/6 checks pass \(1 not applicable\)[\s\S]*N\/A +19\.4 · e-commerce/,
    );
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
