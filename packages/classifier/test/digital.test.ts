import { parse } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { classify, scorecard } from '../src/index.ts';
import { type Language, tagsOf } from './helpers.ts';

// Provisions written for these tests: digital-trade rules that never say "electronic commerce".
const VOCABULARY: [Language, string][] = [
  ['en', 'Each Party shall maintain a legal framework for trust services and electronic signatures.'],
  [
    'en',
    'No Party shall require the transfer of, or access to, source code of software owned by a person of the other Party.',
  ],
  ['en', 'Neither Party shall require a covered person to use or locate computing facilities in its territory.'],
  [
    'en',
    'Each Party shall allow the cross-border transfer of information by electronic means, including personal information.',
  ],
  ['fr', 'Chaque Partie maintient un cadre juridique pour les services de confiance et les signatures électroniques.'],
  [
    'fr',
    'Aucune Partie n’exige le transfert du code source d’un logiciel appartenant à une personne de l’autre Partie.',
  ],
  ['fr', 'Les Parties coopèrent en matière de cybersécurité et de facturation électronique.'],
  ['es', 'Cada Parte mantendrá un marco jurídico para los servicios de confianza y las firmas electrónicas.'],
  ['es', 'Ninguna Parte exigirá la transferencia del código fuente de un programa informático.'],
  ['es', 'Las Partes cooperarán en materia de ciberseguridad y de facturación electrónica.'],
];

describe('digital-trade vocabulary, outside any e-commerce chapter', () => {
  // The dev gold has no digital-trade provision outside an e-commerce chapter (it was labelled
  // through an e-commerce keyword net); the digital vocabulary is its own rule with a prior.
  it.each(VOCABULARY)('%s: %s', async (language, text) => {
    expect([...(await tagsOf(language, { chapter: 'GENERAL PROVISIONS', heading: 'Cooperation', text }))]).toContain(
      'ecommerce.provision',
    );
  });

  it('leaves procurement by electronic means alone', async () => {
    const found = await tagsOf('en', {
      chapter: 'GOVERNMENT PROCUREMENT',
      heading: 'Notices',
      text: 'A procuring entity shall publish each notice of intended procurement by electronic means.',
    });
    expect([...found]).not.toContain('ecommerce.provision');
  });
});

// A Party bound to act on a digital-trade object, in a chapter that says nothing of e-commerce.
const OPERATIVE: [Language, string][] = [
  [
    'en',
    'Neither Party shall impose customs duties on electronic transmissions between a person of one Party and a person of the other Party.',
  ],
  [
    'en',
    'Each Party shall make trade administration documents available to the public in electronic form (paperless trading).',
  ],
  [
    'fr',
    'Aucune Partie n’exige d’une personne visée qu’elle utilise ou installe des installations informatiques sur son territoire.',
  ],
  [
    'es',
    'Cada Parte permitirá la transferencia transfronteriza de información por medios electrónicos, incluida la información personal.',
  ],
  ['es', 'Ninguna Parte exigirá a una persona cubierta usar o ubicar instalaciones informáticas en su territorio.'],
  ['es', 'Cada Parte adoptará medidas respecto de los mensajes electrónicos comerciales no solicitados.'],
  [
    'en',
    'No Party shall accord less favourable treatment to digital products created, produced or published in the territory of the other Party.',
  ],
  [
    'fr',
    'Aucune Partie n’impose de droits de douane sur les transmissions électroniques entre une personne d’une Partie et une personne de l’autre Partie.',
  ],
  [
    'fr',
    'Chaque Partie autorise le transfert transfrontière d’informations par voie électronique, y compris de renseignements personnels.',
  ],
  [
    'es',
    'Ninguna Parte impondrá derechos aduaneros a las transmisiones electrónicas entre una persona de una Parte y una persona de la otra Parte.',
  ],
];

describe('operative digital-trade rules outside an e-commerce context', () => {
  const bland = { chapter: 'GENERAL PROVISIONS', heading: 'Provision' };
  it.each(OPERATIVE)('%s: %s', async (language, text) => {
    expect([...(await tagsOf(language, { ...bland, text }))]).toContain('ecommerce.provision');
  });
  it.each([
    ['en', 'Chapters 10 (Investment), 13 (Telecommunications) or 15 (Electronic Commerce)'],
    ['fr', 'des chapitres 10 (Investissement), 13 (Télécommunications) ou 15 (Commerce électronique)'],
    ['es', 'los Capítulos Diez (Inversión), Trece (Telecomunicaciones) o Quince (Comercio Electrónico)'],
  ] as const)(
    '%s: an e-commerce chapter named in a cross-reference is no e-commerce rule',
    async (language, chapters) => {
      const text = {
        en: `Notwithstanding any other provision of this Chapter or ${chapters}, a Party shall not be prevented from adopting measures for prudential reasons.`,
        fr: `Chaque Partie maintient des mesures prudentielles, nonobstant toute autre disposition du présent chapitre ou ${chapters}.`,
        es: `Cada Parte mantendrá medidas prudenciales, no obstante cualquier otra disposición de este Capítulo o de ${chapters}.`,
      }[language];
      const found = await tagsOf(language, { chapter: 'FINANCIAL SERVICES', heading: 'Exceptions', text });
      expect([...found]).not.toContain('ecommerce.provision');
    },
  );
  it.each([
    [
      'customs administration: paperless customs forms bind a Party but regulate no digital trade',
      'CUSTOMS PROCEDURES',
      'Use of Automated Systems',
      'The customs authority of each Party shall apply information technology to support customs operations, particularly in the paperless trading context.',
    ],
    [
      'a passing mention: digital trade as an aim, not a rule',
      'INTELLECTUAL PROPERTY',
      'Objectives',
      'The Parties recognise the importance of intellectual property in promoting economic and social development, particularly in the new digital economy.',
    ],
  ])('leaves %s alone', async (_why, chapter, heading, text) => {
    expect([...(await tagsOf('en', { chapter, heading, text }))]).not.toContain('ecommerce.provision');
  });
});

describe('context as evidence', () => {
  it.each([
    [
      'en',
      'ELECTRONIC COMMERCE',
      'In the event of an inconsistency between this Chapter and another Chapter, the other Chapter shall prevail.',
    ],
    [
      'fr',
      'COMMERCE ÉLECTRONIQUE',
      'En cas d’incompatibilité entre le présent chapitre et un autre chapitre, l’autre chapitre prévaut.',
    ],
    [
      'es',
      'COMERCIO ELECTRÓNICO',
      'En caso de incompatibilidad entre este Capítulo y otro Capítulo, el otro Capítulo prevalecerá.',
    ],
  ] as const)('%s: an article of an e-commerce chapter is an e-commerce provision', async (language, chapter, text) => {
    expect([...(await tagsOf(language, { chapter, heading: 'Relation to Other Chapters', text }))]).toContain(
      'ecommerce.provision',
    );
  });

  it('the same article in another chapter is not', async () => {
    const found = await tagsOf('en', {
      chapter: 'TRADE IN GOODS',
      heading: 'Relation to Other Chapters',
      text: 'In the event of an inconsistency between this Chapter and another Chapter, the other Chapter shall prevail.',
    });
    expect([...found]).not.toContain('ecommerce.provision');
  });
});

// A digital-trade protocol written for this test: no article says "electronic commerce".
const PROTOCOL = `PROTOCOL ON DIGITAL TRADE

Article 1
Definitions

For the purposes of this Protocol, trade administration documents means forms issued or controlled by a Party that must be completed by or for an importer or exporter.

Article 2
Paperless Trading

Each Party shall accept trade administration documents submitted electronically as the legal equivalent of the paper version of those documents.

Article 3
Electronic Authentication

No Party shall deny the legal validity of a signature solely on the basis that the signature is in electronic form.

Article 4
Electronic Invoicing

The Parties shall promote the use of interoperable systems for electronic invoicing.

Article 5
Digital Identities

Each Party shall endeavour to promote the interoperability of the regimes for digital identities of the Parties.

Article 6
Source Code

No Party shall require the transfer of, or access to, source code of software owned by a person of the other Party as a condition for its import.

Article 7
Cross-Border Transfer of Information

Each Party shall allow the cross-border transfer of information by electronic means when this activity is for the conduct of business.

Article 8
Cybersecurity

The Parties shall build the capabilities of their national entities responsible for computer security incident response.

Article 9
Entry into Force

This Protocol shall enter into force on the first day of the second month after the Parties exchange written notifications.
`;

describe('a digital-trade protocol without a cultural carve-out', () => {
  it('fails check 19.4 (e-commerce) with most of its articles as evidence', async () => {
    const document = await parse(Buffer.from(PROTOCOL), { format: 'text', fileName: 'digital-protocol.txt' });
    const articles = document.provisions.filter((p) => p.kind === 'article');
    expect(articles).toHaveLength(9);
    const card = scorecard(classify(document));
    const digital = card.checks.find((c) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital?.status).toBe('fail');
    const cited = new Set(digital?.evidence.map((e) => e.citation));
    expect(cited.size).toBeGreaterThanOrEqual(7);
  });
});

describe('paragraph tags roll up to the article', () => {
  it('the article carries its paragraph’s tag, with the paragraph as evidence; the scorecard counts it once', async () => {
    const text = `TEST AGREEMENT

CHAPTER 7
TRADE IN SERVICES

Article 7.1
Scope

1. This Chapter applies to measures affecting trade in services.

2. This Chapter shall not apply to audiovisual services.
`;
    const document = await parse(Buffer.from(text), { format: 'text', fileName: 'rollup.txt' });
    const classification = classify(document);
    const article = classification.provisions.find((p) => p.kind === 'article');
    const paragraph = classification.provisions.find((p) => p.kind === 'paragraph' && p.number === '2');
    const rolled = article?.tags.find((t) => t.tag === 'culture.audiovisual_exclusion');
    expect(rolled?.fromProvisionId).toBe(paragraph?.provisionId);
    const own = document.provisions.find((p) => p.id === paragraph?.provisionId)?.text ?? '';
    for (const e of rolled?.evidence ?? []) expect(own.slice(e.start, e.end)).toBe(e.text);
    const clause = scorecard(classification).checks.find((c) => c.id === '19.4-cultural-clause');
    expect(clause?.evidence).toHaveLength(1);
    expect(clause?.evidence[0]?.citation).toMatch(/Article 7\.1 › paragraph 2$/);
  });
});
