import { describe, expect, it } from 'vitest';
import type { TagId } from '../src/index.ts';
import { type Language, tagOf, tagsOf } from './helpers.ts';

interface Case {
  language: Language;
  chapter?: string;
  heading?: string;
  text: string;
}

// Provisions written for these tests, in the words treaties use, in the three languages.
const FOUND: [TagId, Case][] = [
  // cdce.reference, under every name
  [
    'cdce.reference',
    {
      language: 'en',
      text: 'The Parties shall cooperate within the framework of the UNESCO Convention on the Protection and Promotion of the Diversity of Cultural Expressions.',
    },
  ],
  ['cdce.reference', { language: 'en', text: 'The Parties shall implement the 2005 UNESCO Convention.' }],
  [
    'cdce.reference',
    {
      language: 'en',
      text: 'This Protocol applies once both Parties have ratified the CDCE and its cultural provisions.',
    },
  ],
  [
    'cdce.reference',
    { language: 'en', text: 'The Parties reaffirm their commitments under the Convention on Cultural Diversity.' },
  ],
  [
    'cdce.reference',
    {
      language: 'fr',
      text: 'Les Parties coopèrent dans le cadre de la Convention sur la protection et la promotion de la diversité des expressions culturelles.',
    },
  ],
  [
    'cdce.reference',
    {
      language: 'fr',
      text: "Les Parties mettent en œuvre la Convention de l'UNESCO de 2005 sur la diversité culturelle.",
    },
  ],
  [
    'cdce.reference',
    {
      language: 'es',
      text: 'Las Partes cooperarán en el marco de la Convención sobre la Protección y Promoción de la Diversidad de las Expresiones Culturales.',
    },
  ],
  // cdce.principles
  ['cdce.principles', { language: 'en', text: 'The Parties shall protect and promote cultural diversity.' }],
  ['cdce.principles', { language: 'fr', text: 'Les Parties protègent et promeuvent la diversité culturelle.' }],
  ['cdce.principles', { language: 'es', text: 'Las Partes protegerán y promoverán la diversidad cultural.' }],
  // culture.instrument
  [
    'culture.instrument',
    {
      language: 'en',
      text: 'The Parties shall cooperate to implement the UNESCO Universal Declaration on Cultural Diversity of 2001.',
    },
  ],
  [
    'culture.instrument',
    {
      language: 'en',
      text: 'The Parties shall cooperate to prevent illicit trafficking in cultural property in line with the 1970 UNESCO Convention.',
    },
  ],
  [
    'culture.instrument',
    {
      language: 'es',
      text: 'Las Partes aplicarán la Convención para la Salvaguardia del Patrimonio Cultural Inmaterial.',
    },
  ],
  // culture.exemption
  [
    'culture.exemption',
    {
      language: 'en',
      chapter: 'EXCEPTIONS',
      heading: 'Cultural Industries',
      text: 'Nothing in this Agreement shall apply to a measure adopted or maintained by a Party with respect to cultural industries.',
    },
  ],
  [
    'culture.exemption',
    { language: 'fr', text: "Le présent accord ne s'applique pas aux mesures concernant les industries culturelles." },
  ],
  [
    'culture.exemption',
    { language: 'es', text: 'El presente Acuerdo no se aplica a las medidas relativas a las industrias culturales.' },
  ],
  [
    'culture.exemption',
    {
      language: 'es',
      text: 'Nada de lo dispuesto en el presente Acuerdo se aplicará a las medidas relativas a las industrias culturales.',
    },
  ],
  // culture.audiovisual_exclusion
  [
    'culture.audiovisual_exclusion',
    {
      language: 'en',
      chapter: 'TRADE IN SERVICES',
      heading: 'Scope',
      text: 'This Chapter shall not apply to audiovisual services.',
    },
  ],
  [
    'culture.audiovisual_exclusion',
    {
      language: 'en',
      chapter: 'TELECOMMUNICATIONS',
      heading: 'Scope and Coverage',
      text: 'Except to ensure access to public telecommunications services, this Chapter does not apply to any measure relating to the broadcast or cable distribution of radio or television programming.',
    },
  ],
  [
    'culture.audiovisual_exclusion',
    {
      language: 'fr',
      heading: 'Champ d’application',
      text: 'Le présent chapitre ne s’applique pas aux services audiovisuels.',
    },
  ],
  [
    'culture.audiovisual_exclusion',
    { language: 'es', heading: 'Ámbito', text: 'El presente Capítulo no se aplica a los servicios audiovisuales.' },
  ],
  // culture.policy_space
  [
    'culture.policy_space',
    {
      language: 'en',
      text: 'The Parties reaffirm the right to regulate to achieve legitimate policy objectives, such as the protection and promotion of cultural diversity.',
    },
  ],
  [
    'culture.policy_space',
    {
      language: 'fr',
      text: 'Les Parties réaffirment leur droit de réglementer afin de réaliser des objectifs légitimes tels que la diversité culturelle.',
    },
  ],
  [
    'culture.policy_space',
    {
      language: 'es',
      text: 'Las Partes reafirman el derecho a regular para alcanzar objetivos legítimos de política pública, como la diversidad cultural.',
    },
  ],
  // culture.heritage_exception
  [
    'culture.heritage_exception',
    {
      language: 'en',
      chapter: 'EXCEPTIONS',
      text: 'Nothing in this Agreement shall prevent a Party from adopting measures necessary to protect national treasures of artistic, historic or archaeological value.',
    },
  ],
  [
    'culture.heritage_exception',
    {
      language: 'fr',
      text: 'Le présent accord ne fait pas obstacle aux restrictions justifiées par des raisons de protection des trésors nationaux ayant une valeur artistique, historique ou archéologique.',
    },
  ],
  [
    'culture.heritage_exception',
    {
      language: 'es',
      text: 'El presente Acuerdo no impedirá las restricciones justificadas por razones de protección de los tesoros nacionales de valor artístico, histórico o arqueológico.',
    },
  ],
  // culture.cooperation
  [
    'culture.cooperation',
    {
      language: 'en',
      chapter: 'CULTURAL COOPERATION',
      text: 'The Parties shall promote cooperation in the audiovisual sector, including co-production of films and exchanges of artists.',
    },
  ],
  [
    'culture.cooperation',
    { language: 'fr', text: 'Les Parties encouragent la coopération culturelle et les échanges culturels.' },
  ],
  [
    'culture.cooperation',
    { language: 'es', text: 'Las Partes promoverán la cooperación cultural y los intercambios culturales.' },
  ],
  // culture.preferential_treatment
  [
    'culture.preferential_treatment',
    {
      language: 'en',
      text: 'The Party shall facilitate the entry and temporary stay of artists and other cultural professionals from developing countries.',
    },
  ],
  [
    'culture.preferential_treatment',
    {
      language: 'en',
      text: 'Each Party shall grant preferential treatment to cultural goods and services from developing countries.',
    },
  ],
  // ecommerce.provision
  [
    'ecommerce.provision',
    {
      language: 'en',
      chapter: 'ELECTRONIC COMMERCE',
      heading: 'Customs Duties',
      text: 'Neither Party shall impose customs duties on electronic transmissions.',
    },
  ],
  [
    'ecommerce.provision',
    {
      language: 'fr',
      chapter: 'COMMERCE ÉLECTRONIQUE',
      heading: 'Droits de douane',
      text: "Aucune Partie n'impose de droits de douane sur les transmissions électroniques.",
    },
  ],
  [
    'ecommerce.provision',
    {
      language: 'es',
      chapter: 'COMERCIO ELECTRÓNICO',
      heading: 'Derechos aduaneros',
      text: 'Ninguna Parte impondrá derechos aduaneros a las transmisiones electrónicas.',
    },
  ],
  // ecommerce.cultural_specificity: a carve-out inside the e-commerce chapter
  [
    'ecommerce.cultural_specificity',
    {
      language: 'en',
      chapter: 'ELECTRONIC COMMERCE',
      heading: 'Scope',
      text: 'This Chapter shall not apply to audiovisual services in electronic commerce.',
    },
  ],
  [
    'ecommerce.cultural_specificity',
    {
      language: 'es',
      chapter: 'COMERCIO ELECTRÓNICO',
      heading: 'Ámbito',
      text: 'El presente Capítulo no se aplica a los servicios audiovisuales en el comercio electrónico.',
    },
  ],
];

// The traps: words that look cultural and are not the clause.
const NOT_FOUND: [TagId, string, Case][] = [
  [
    'cdce.reference',
    'the Hague Convention of 2005 is not the UNESCO one',
    {
      language: 'en',
      text: 'The Parties shall apply the Hague Convention of 30 June 2005 on Choice of Court Agreements.',
    },
  ],
  [
    'cdce.reference',
    'the 2001 Declaration is an instrument, not the Convention',
    { language: 'en', text: 'The Parties shall promote the UNESCO Universal Declaration on Cultural Diversity.' },
  ],
  [
    'cdce.reference',
    'the 1972 World Heritage Convention is not the 2005 Convention',
    { language: 'en', text: 'The Parties shall cooperate under the 1972 World Heritage Convention.' },
  ],
  [
    'cdce.principles',
    "'economic, social and cultural development' is no principle",
    {
      language: 'en',
      text: 'The Parties shall promote the economic, social and cultural development of their peoples.',
    },
  ],
  [
    'culture.exemption',
    'a definition of cultural industries excludes nothing',
    {
      language: 'en',
      heading: 'Definitions',
      text: 'For purposes of this Chapter: cultural industries means persons engaged in the publication of books.',
    },
  ],
  [
    'culture.audiovisual_exclusion',
    '"including audiovisual services" is no exclusion',
    {
      language: 'en',
      heading: 'National Treatment',
      text: 'Each Party shall accord national treatment to all services, including audiovisual services.',
    },
  ],
  [
    'culture.audiovisual_exclusion',
    'temporary admission of broadcasting equipment is customs',
    {
      language: 'en',
      heading: 'Temporary Admission of Goods',
      text: 'Each Party shall grant duty-free temporary admission for broadcasting and cinematographic equipment, except as provided in its Schedule.',
    },
  ],
  [
    'culture.policy_space',
    "'take into account each Party's culture' is no policy space",
    {
      language: 'en',
      heading: 'Labour Cooperation',
      text: "Cooperative activities shall take into account each Party's economy, culture, and legal system.",
    },
  ],
  [
    'culture.heritage_exception',
    'cultural heritage as a tourism asset is no exception',
    {
      language: 'en',
      heading: 'Tourism',
      text: 'The Parties shall cooperate in tourism, highlighting the importance of the cultural heritage for tourism.',
    },
  ],
  [
    'culture.heritage_exception',
    "'patrimonio' in a wealth tax is not heritage",
    {
      language: 'es',
      heading: 'Tributación',
      text: 'Nada de lo dispuesto en este Acuerdo se aplicará al impuesto sobre el patrimonio.',
    },
  ],
  [
    'culture.cooperation',
    "'competition culture' is not culture",
    {
      language: 'en',
      heading: 'Technical Assistance',
      text: 'The Parties shall cooperate on the promotion of competition culture.',
    },
  ],
  [
    'culture.preferential_treatment',
    'artists with no preference or access',
    { language: 'en', text: 'The Parties shall encourage dialogue among artists of developing countries.' },
  ],
  [
    'ecommerce.provision',
    'procurement by electronic means is no e-commerce rule',
    {
      language: 'en',
      chapter: 'GOVERNMENT PROCUREMENT',
      heading: 'Tender Documentation',
      text: 'A procuring entity may transmit tender documentation by electronic means.',
    },
  ],
  [
    'ecommerce.cultural_specificity',
    'an audiovisual carve-out outside the e-commerce chapter',
    {
      language: 'en',
      chapter: 'TRADE IN SERVICES',
      heading: 'Scope',
      text: 'This Chapter shall not apply to audiovisual services.',
    },
  ],
];

describe('classify: each tag, in English, French and Spanish', () => {
  it.each(FOUND)('%s in %j', async (tag, c) => {
    const found = await tagsOf(c.language, c);
    expect([...found]).toContain(tag);
  });
});

describe('classify: traps and negations', () => {
  it.each(NOT_FOUND)('no %s: %s', async (tag, _why, c) => {
    const found = await tagsOf(c.language, c);
    expect([...found]).not.toContain(tag);
  });
});

describe('strength', () => {
  it.each([
    ['en', 'The Parties shall promote cultural cooperation and exchanges.', 'binding'],
    ['en', 'The Parties shall endeavour to promote cultural cooperation and exchanges.', 'soft'],
    ['en', 'The Parties may promote cultural cooperation and exchanges.', 'soft'],
    ['en', 'The Parties recognise the importance of cultural cooperation and exchanges.', 'soft'],
    ['fr', 'Les Parties s’efforcent de promouvoir la coopération culturelle.', 'soft'],
    ['fr', 'Les Parties promeuvent la coopération culturelle.', 'binding'],
    ['es', 'Las Partes procurarán promover la cooperación cultural.', 'soft'],
    ['es', 'Las Partes promoverán la cooperación cultural.', 'binding'],
    // The deciding verb far into a long sentence; an early noun spelled like a soft verb ("aim").
    [
      'en',
      'With a view to strengthening the links between their peoples, in particular through exchanges of students, teachers, researchers and young people, and taking into account the work done in other international fora, the Parties shall endeavour to promote cultural cooperation.',
      'soft',
    ],
    [
      'en',
      'The aim of cooperation between the Parties in the fields of education, training, youth and sport, as set out in the programmes adopted under the framework of this Agreement, is understood broadly, and the Parties shall promote cultural cooperation.',
      'binding',
    ],
    ['en', 'Cultural cooperation between the Parties covers exchanges of artists and works.', 'binding'],
  ] as const)('%s: %s → %s', async (language, text, strength) => {
    expect((await tagOf(language, { text }, 'culture.cooperation')).strength).toBe(strength);
  });

  it('is preambular in a preamble', async () => {
    const tag = await tagOf(
      'en',
      { text: 'This Agreement applies to trade in goods.' },
      'cdce.reference',
      'RECALLING the UNESCO Convention on the Protection and Promotion of the Diversity of Cultural Expressions;',
    );
    expect(tag.strength).toBe('preambular');
    expect(tag.provision.placement).toBe('preamble');
  });

  it('binds for "Neither Party shall" and for exceptions whatever their modal', async () => {
    const duties = await tagOf(
      'en',
      { chapter: 'ELECTRONIC COMMERCE', text: 'Neither Party may impose customs duties on electronic transmissions.' },
      'ecommerce.provision',
    );
    expect(duties.strength).toBe('binding');
    const treasures = await tagOf(
      'en',
      {
        chapter: 'EXCEPTIONS',
        text: 'A Party may adopt measures necessary to protect national treasures of artistic, historic or archaeological value.',
      },
      'culture.heritage_exception',
    );
    expect(treasures.strength).toBe('binding');
  });
});

describe('exemption scope', () => {
  it.each([
    ['Nothing in this Agreement shall apply to measures with respect to cultural industries.', 'agreement'],
    ['This Chapter shall not apply to measures with respect to cultural industries.', 'chapter'],
    ['This Article shall not apply to measures with respect to cultural industries.', 'article'],
  ] as const)('%s → %s', async (text, scope) => {
    expect((await tagOf('en', { text }, 'culture.exemption')).scope).toBe(scope);
  });
});

describe('evidence, confidence and why', () => {
  it('cites the words that prove the tag, as spans of the provision text', async () => {
    const tag = await tagOf(
      'en',
      {
        text: 'The Parties shall protect national treasures, as UNESCO’s 2005 Convention on the Protection and Promotion of the Diversity of Cultural Expressions asks.',
      },
      'cdce.reference',
    );
    expect(tag.evidence[0]?.text).toBe(
      'Convention on the Protection and Promotion of the Diversity of Cultural Expressions',
    );
    expect(tag.confidence).toBeGreaterThan(0.5);
    expect(tag.confidence).toBeLessThanOrEqual(1);
    expect(tag.why.join(' ')).toMatch(/Convention/);
  });
});
