/**
 * How agreements in English, French and Spanish print their headings and the matter around
 * them, for the renders: ordinal-first divisions, gazette furniture, contents entries and
 * cross-references. Written for the renders only; nothing here comes from the parser.
 */
export type Language = 'en' | 'fr' | 'es';

export const language = (code: string): Language => (code === 'fr' || code === 'es' ? code : 'en');

export const articleKeyword: Record<Language, string> = { en: 'Article', fr: 'Article', es: 'Artículo' };

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const ORDINALS: Record<Language, { masculine: string[]; feminine: string[] }> = {
  en: {
    masculine: ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'FIFTH', 'SIXTH', 'SEVENTH', 'EIGHTH', 'NINTH', 'TENTH'],
    feminine: ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'FIFTH', 'SIXTH', 'SEVENTH', 'EIGHTH', 'NINTH', 'TENTH'],
  },
  fr: {
    masculine: [
      'PREMIER',
      'DEUXIÈME',
      'TROISIÈME',
      'QUATRIÈME',
      'CINQUIÈME',
      'SIXIÈME',
      'SEPTIÈME',
      'HUITIÈME',
      'NEUVIÈME',
      'DIXIÈME',
    ],
    feminine: [
      'PREMIÈRE',
      'DEUXIÈME',
      'TROISIÈME',
      'QUATRIÈME',
      'CINQUIÈME',
      'SIXIÈME',
      'SEPTIÈME',
      'HUITIÈME',
      'NEUVIÈME',
      'DIXIÈME',
    ],
  },
  es: {
    masculine: ['Primero', 'Segundo', 'Tercero', 'Cuarto', 'Quinto', 'Sexto', 'Séptimo', 'Octavo', 'Noveno', 'Décimo'],
    feminine: ['Primera', 'Segunda', 'Tercera', 'Cuarta', 'Quinta', 'Sexta', 'Séptima', 'Octava', 'Novena', 'Décima'],
  },
};

/** 1..10 from "3", "III" or "PREMIER"; null otherwise. */
function smallNumber(token: string): number | null {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= 1 && n <= 10 ? n : null;
  }
  const roman = ROMAN.indexOf(token.toUpperCase());
  if (roman >= 0) return roman + 1;
  return /^(?:premier|primero|1er)$/i.test(token) ? 1 : null;
}

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/**
 * A division number as an official journal prints it: ordinal first where the language does
 * ("FIRST PART", "THIRD CHAPTER", "PREMIÈRE PARTIE", "Primera Parte"), "CHAPITRE PREMIER" and
 * "TITRE II" in French, "Capítulo Tercero" in Spanish. Other numbers keep ToTA's wording.
 */
export function gazetteDivision(printed: string, lang: Language): string {
  const [word = '', number = '', ...rest] = printed.split(/\s+/);
  const n = rest.length === 0 ? smallNumber(number) : null;
  const kind = /^(?:part|partie|parte)$/i.test(word)
    ? 'part'
    : /^(?:chapter|chapitre|cap[ií]tulo|title|titre|t[ií]tulo)$/i.test(word)
      ? 'division'
      : null;
  if (n === null || kind === null) return lang === 'es' ? printed : printed.toUpperCase();
  const ordinals = ORDINALS[lang];
  if (lang === 'en') return `${ordinals.masculine[n - 1]} ${word.toUpperCase()}`;
  if (lang === 'fr') {
    if (kind === 'part') return `${ordinals.feminine[n - 1]} ${word.toUpperCase()}`;
    return `${word.toUpperCase()} ${n === 1 ? 'PREMIER' : ROMAN[n - 1]}`;
  }
  if (kind === 'part') return `${ordinals.feminine[n - 1]} ${titleCase(word)}`;
  return `${titleCase(word)} ${ordinals.masculine[n - 1]}`;
}

/** What an official journal prints around an agreement it publishes. */
export interface GazetteMatter {
  journal: string;
  date: string;
  witness: string;
  doneAt: string;
  noticesHeading: string;
  noticeTitle: string;
  notice: string;
}

export const gazetteMatter: Record<Language, GazetteMatter> = {
  en: {
    journal: 'OFFICIAL GAZETTE OF THE REPUBLIC',
    date: '12 March 2004',
    witness:
      'In witness whereof, the undersigned, being duly authorised thereto by their respective Governments, have signed this Agreement.',
    doneAt: 'Done at Geneva, on 3 February 2004, in duplicate, both texts being equally authentic.',
    noticesHeading: 'NOTICES AND COMMUNICATIONS',
    noticeTitle: 'Ministry of Culture',
    notice:
      'Notice is hereby given that applications for grants in support of regional theatres for the coming season may be submitted to the regional offices of the Ministry until 30 April 2004. Forms are available from the offices and from the website of the Ministry.',
  },
  fr: {
    journal: 'JOURNAL OFFICIEL DE LA RÉPUBLIQUE FRANÇAISE',
    date: '12 mars 2004',
    witness:
      'En foi de quoi, les soussignés, dûment autorisés à cet effet par leurs gouvernements respectifs, ont signé le présent accord.',
    doneAt: 'Fait à Paris, le 3 février 2004, en double exemplaire, les deux textes faisant également foi.',
    noticesHeading: 'AVIS ET COMMUNICATIONS',
    noticeTitle: 'Ministère de la culture et de la communication',
    notice:
      "Avis relatif à l'attribution d'aides aux théâtres régionaux pour la saison prochaine. Les demandes peuvent être adressées aux directions régionales des affaires culturelles jusqu'au 30 avril 2004. Les formulaires sont disponibles auprès de ces directions.",
  },
  es: {
    journal: 'BOLETÍN OFICIAL DEL ESTADO',
    date: '12 de marzo de 2004',
    witness:
      'En fe de lo cual, los infrascritos, debidamente autorizados por sus respectivos Gobiernos, firman el presente Acuerdo.',
    doneAt: 'Hecho en Madrid, el 3 de febrero de 2004, en dos ejemplares, siendo ambos textos igualmente auténticos.',
    noticesHeading: 'ANUNCIOS Y COMUNICACIONES',
    noticeTitle: 'Ministerio de Cultura',
    notice:
      'Anuncio por el que se convocan ayudas a los teatros regionales para la próxima temporada. Las solicitudes podrán presentarse en las delegaciones regionales del Ministerio hasta el 30 de abril de 2004. Los formularios están disponibles en dichas delegaciones.',
  },
};

/** A contents page's own heading, entries that never become headings, and a stray cover line. */
export const contentsMatter: Record<Language, { heading: string; annexes: string[]; stray: string }> = {
  en: {
    heading: 'TABLE OF CONTENTS',
    annexes: [
      'Annex on Cooperation in the Field of Audiovisual Co-production between the Competent Authorities of the Parties and their Cultural Institutions',
      'Appendix on the Mutual Recognition of Professional Qualifications of Architects, Engineers and Surveyors in the Territory of Each Party',
      'Annex on Financial Services Relating to the Temporary Movement of Natural Persons Supplying Services under this Agreement',
    ],
    stray: 'Annex 4',
  },
  fr: {
    heading: 'TABLE DES MATIÈRES',
    annexes: [
      'Annexe relative à la coopération dans le domaine de la coproduction audiovisuelle entre les autorités compétentes des Parties et leurs institutions culturelles',
      'Appendice relatif à la reconnaissance mutuelle des qualifications professionnelles des architectes, des ingénieurs et des géomètres sur le territoire de chaque Partie',
    ],
    stray: 'Annexe 4',
  },
  es: {
    heading: 'ÍNDICE',
    annexes: [
      'Anexo sobre la Cooperación en el Ámbito de la Coproducción Audiovisual entre las Autoridades Competentes de las Partes y sus Instituciones Culturales',
      'Apéndice sobre el Reconocimiento Mutuo de las Cualificaciones Profesionales de Arquitectos, Ingenieros y Agrimensores en el Territorio de cada Parte',
    ],
    stray: 'Anexo 4',
  },
};

/**
 * Sentences that open with a heading keyword and number but only cite another provision; the
 * last one is short enough to fill a line alone when it ends a paragraph.
 */
export const crossReferences: Record<Language, string[]> = {
  en: [
    'Chapter 8 (Trade in Services) or Chapter 9 (Investment) shall apply.',
    'Article 11 (Committee on Trade) of Chapter 2 applies.',
    'Article 2 (Definitions) shall apply.',
  ],
  fr: [
    "Chapitre 8 (Commerce des services) ou chapitre 9 (Investissement) s'applique.",
    "Article 11 (Comité du commerce) du chapitre 2 s'applique.",
    'Article 2 (Définitions) est applicable.',
  ],
  es: [
    'Capítulo 8 (Comercio de Servicios) o Capítulo 9 (Inversión) se aplicará.',
    'Artículo 11 (Comité de Comercio) del Capítulo 2 se aplica.',
    'Artículo 2 (Definiciones) se aplicará.',
  ],
};
