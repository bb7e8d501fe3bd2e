import { describe, expect, it } from 'vitest';
import { Dehyphenator } from '../src/_internal/hyphenation.ts';

const corpus = [
  'the most-favoured-nation treatment applies to non-originating materials under this agreement',
  'each Party shall ensure transparency and the Parties agree on rules-based trade',
];

describe('Dehyphenator', () => {
  const d = new Dehyphenator(corpus);
  it('joins a word broken by the line end when the whole word is known', () => {
    expect(d.join('ensure transpar-', 'ency of measures')).toBe('ensure transparency of measures');
    expect(d.join('under this agree-', 'ment, each')).toBe('under this agreement, each');
  });
  it('keeps real compound hyphens', () => {
    expect(d.join('accord most-favoured-', 'nation treatment')).toBe('accord most-favoured-nation treatment');
    expect(d.join('materials that are non-', 'originating')).toBe('materials that are non-originating');
    expect(d.join('the ASEAN-', 'Australia-New Zealand')).toBe('the ASEAN-Australia-New Zealand');
    expect(d.join('open and rules-', 'based')).toBe('open and rules-based');
  });
  it('joins fragments that are no words of their own', () => {
    expect(d.join('in ad-', 'vance')).toBe('in advance');
    expect(d.join('goods traded be-', 'tween them')).toBe('goods traded between them');
    expect(d.join('goods traded between-', 'them')).toBe('goods traded betweenthem');
  });
});
