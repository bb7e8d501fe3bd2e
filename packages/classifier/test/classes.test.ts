import { describe, expect, it } from 'vitest';
import { normalise } from '../src/_internal/context.ts';

import { type Language, tagsOf } from './helpers.ts';

/**
 * The error classes issue 10 found on agreements nobody here had read, one group each, with
 * provisions written for these tests in English, French and Spanish.
 */
interface Case {
  language: Language;
  chapter?: string;
  heading?: string;
  text: string;
  preamble?: string;
}

const found = async (c: Case) => [...(await tagsOf(c.language, c, c.preamble))];

const COOPERATION: [string, Case][] = [
  [
    'an objective list',
    {
      language: 'en',
      heading: 'Objectives',
      text: 'The aims of this Agreement are to provide a basis for economic, financial, cultural and social cooperation between the Parties.',
    },
  ],
  [
    'a list of fields of cooperation',
    {
      language: 'en',
      heading: 'Fields of Cooperation',
      text: 'The Parties shall extend their cooperation to the scientific, technological, educational and cultural fields.',
    },
  ],
  [
    'cultural and people-to-people contacts',
    {
      language: 'en',
      heading: 'Contacts',
      text: 'The Parties will enhance cultural and people-to-people contacts between their citizens.',
    },
  ],
  [
    'cultural dialogue in a preamble',
    {
      language: 'en',
      text: 'This Agreement applies to trade in goods.',
      preamble: 'CONVINCED of the importance of intercultural dialogue and cultural exchanges between their peoples;',
    },
  ],
  [
    'creative-industries cooperation inside an IP chapter',
    {
      language: 'en',
      chapter: 'INTELLECTUAL PROPERTY',
      heading: 'Cooperation',
      text: 'The Parties shall cooperate to develop their creative industries, including through joint training.',
    },
  ],
  [
    'approximation of audiovisual policy',
    {
      language: 'en',
      heading: 'Broadcasting',
      text: 'The Parties shall coordinate and harmonise their policies regarding the regulation of cross-border broadcasts.',
    },
  ],
  [
    'Spanish cultural collaboration',
    {
      language: 'es',
      heading: 'Colaboración',
      text: 'Las Partes fomentarán la colaboración cultural entre sus museos.',
    },
  ],
];

const NOT_COOPERATION: [string, Case][] = [
  [
    "a heading glued to the end of the previous article ('… SOCIAL AND CULTURAL COOPERATION')",
    {
      language: 'en',
      heading: 'Priorities',
      text: 'The Parties shall agree on the priorities to be carried out in this framework. SOCIAL AND CULTURAL COOPERATION',
    },
  ],
  [
    "UNESCO's own name",
    {
      language: 'en',
      heading: 'International Cooperation',
      text: 'The Parties shall cooperate within the United Nations Educational, Scientific and Cultural Organization on statistics.',
    },
  ],
  [
    "UNESCO's name in French",
    {
      language: 'fr',
      heading: 'Coopération internationale',
      text: "Les Parties coopèrent au sein de l'Organisation des Nations unies pour l'éducation, la science et la culture en matière de statistiques.",
    },
  ],
  [
    "'social or cultural need'",
    {
      language: 'en',
      heading: 'Universal Service',
      text: 'The Parties shall cooperate to meet any social or cultural need for telecommunications services.',
    },
  ],
  [
    "'audiovisual transport networks'",
    {
      language: 'en',
      chapter: 'TELECOMMUNICATIONS',
      heading: 'Interconnection',
      text: 'The Parties shall promote interconnection of audiovisual transport networks.',
    },
  ],
  [
    "'media' as an item of an ICT list",
    {
      language: 'en',
      heading: 'Information Society',
      text: 'The Parties shall cooperate on information and communication technologies, media, and electronic networks.',
    },
  ],
  [
    'a cross-reference to a cooperation article',
    {
      language: 'en',
      heading: 'Cultural Industries',
      text: 'This Agreement does not apply to measures with respect to cultural industries except as provided in Article 1.6 (Cultural Cooperation).',
    },
  ],
  [
    'a ministry of culture named as an authority',
    {
      language: 'en',
      heading: 'Tourism',
      text: 'The Ministry of Culture, Sports and Tourism will establish a channel to enhance this cooperation.',
    },
  ],
  [
    'Spanish cultural differences',
    {
      language: 'es',
      heading: 'Cooperación',
      text: 'La cooperación tomará en cuenta las diferencias culturales entre las Partes.',
    },
  ],
];

// Culture as one item of a French or Spanish enumeration of fields of cooperation: the rule
// proposes it (coop:list), but the language-neutral model that French and Spanish use has no word
// features and scores it 0.39–0.45. `it.fails` turns red the day they are tagged.
const ENUMERATIONS: [string, Case][] = [
  [
    'a French list of fields',
    {
      language: 'fr',
      chapter: 'COOPÉRATION',
      heading: 'Domaines de coopération',
      text: 'Les Parties renforcent leur coopération dans les domaines politique, économique, social et culturel.',
    },
  ],
  [
    'a Spanish list item',
    {
      language: 'es',
      chapter: 'COOPERACIÓN',
      heading: 'Ámbitos',
      text: 'La cooperación entre las Partes abarcará los siguientes ámbitos: (a) turismo; (b) cultura; (c) educación.',
    },
  ],
];

describe('culture.cooperation without a cooperation verb', () => {
  it.each(COOPERATION)('%s', async (_why, c) => {
    expect(await found(c)).toContain('culture.cooperation');
  });
  it.fails.each(ENUMERATIONS)('%s (known gap)', async (_why, c) => {
    expect(await found(c)).toContain('culture.cooperation');
  });
});

describe('no culture.cooperation', () => {
  it.each(NOT_COOPERATION)('%s', async (_why, c) => {
    expect(await found(c)).not.toContain('culture.cooperation');
  });
});

describe('text normalisation', () => {
  it('blanks a heading glued to the end of a provision, keeping offsets', () => {
    const text = 'The Parties shall agree on the priorities. SOCIAL AND CULTURAL COOPERATION';
    const out = normalise(text);
    expect(out).toHaveLength(text.length);
    expect(out.trimEnd()).toBe('The Parties shall agree on the priorities.');
  });

  it('keeps capitals that are part of the sentence', () => {
    for (const text of ['This applies to the WTO Agreement.', 'In accordance with Annex IV.'])
      expect(normalise(text)).toBe(text);
  });
});
