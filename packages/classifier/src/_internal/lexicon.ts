/**
 * Multilingual vocabulary (English, French, Spanish) of the cultural-clause rules. Each entry is
 * a regular expression source; `phrase()` compiles them with word boundaries that understand
 * accented letters (JavaScript's `\b` does not).
 */

const L = '\\p{L}\\p{N}';

const ENTRIES = new WeakMap<RegExp, string[]>();

/** One global, case-insensitive, Unicode regex matching any of `alternatives` as whole words. */
export function phrase(...alternatives: string[]): RegExp {
  const re = new RegExp(`(?<![${L}])(?:${alternatives.join('|')})(?![${L}])`, 'giu');
  ENTRIES.set(re, alternatives);
  return re;
}

/** Each entry of a `phrase()` on its own (the lexicon-overfitting test checks them one by one). */
export function entriesOf(re: RegExp): { source: string; re: RegExp }[] {
  return (ENTRIES.get(re) ?? []).map((source) => ({ source, re: phrase(source) }));
}

/** Up to `n` words between two parts of a phrase ("protection of the [national] treasures"). */
export const gap = (n: number) => `(?:[\\s,;:'’"“”()\\-]+[${L}’'.\\-]+){0,${n}}[\\s,;:'’"“”()\\-]+`;
const g = gap;

/**
 * Words without which no rule can fire: a provision without one (and outside an e-commerce or
 * cultural context) is not read further, and a function word glued to one is split off (`unglue`).
 */
export const TRIGGER_WORDS: readonly string[] = [
  '(?:inter-?)?cultur\\p{L}*',
  'audio-?\\s?visu\\p{L}*',
  'broadcast\\p{L}*',
  'radiodif+us\\p{L}*',
  'UNESCO',
  'CDCE',
  'CDEC',
  'e-?\\s?commerce',
  'electr[oó]nic\\p{L}*',
  '[ée]lectronique\\p{L}*',
  'digital\\p{L}*',
  'num[ée]rique\\p{L}*',
  'paperless',
  'sans papier',
  'sin papel',
  'treasures?',
  'tr[ée]sors',
  'tesoros?',
  'heritage',
  'patrimo\\p{L}*',
  'artists?',
  'artistes?',
  'artistas?',
  'co-?\\s?produc\\p{L}*',
  'coproduc\\p{L}*',
  'creative',
  'cin[eé]ma\\p{L}*',
  'films?',
  'national works',
  'folklore',
  'aural',
  'Florence',
  'Florencia',
  'transfronti\\p{L}*',
  'transfronteriz\\p{L}*',
  'archa?eolog\\p{L}*',
  'arch[ée]olog\\p{L}*',
  'arqueol[oó]g\\p{L}*',
  'entertainment',
  'Berne',
  'Nairobi',
];

/** Anything cultural, in the three languages: culture, cultural, culturel(le)s, cultura(les). */
export const CULTURE = phrase('cultur\\p{L}*');

/** Audiovisual and broadcasting sectors. */
export const AUDIOVISUAL = phrase(
  'audio-?\\s?visu\\p{L}*',
  'broadcast\\p{L}*',
  'radiodif+us\\p{L}*',
  'radio(?:\\s|-)?(?:and|or|et|ou|y|o)\\s+t[eé]l[eé]vis\\p{L}*',
  't[eé]l[eé]vis(?:ion|i[oó]n)\\s+program\\p{L}*',
  'programme material',
  'cin[eé]ma\\p{L}*',
  'cinematogra\\p{L}*',
  'films?',
  'motion pictures?',
);

/** The 2005 Convention by its full name in English, French and Spanish. */
export const CDCE_FULL = phrase(
  `Convention${g(3)}(?:on|for)${g(2)}Protection${g(1)}(?:and|&)${g(1)}Promotion${g(1)}of${g(1)}(?:the${g(0)})?Diversity${g(0)}of${g(0)}Cultural${g(0)}Expressions`,
  `Convention${g(3)}sur${g(1)}la${g(0)}protection${g(0)}et${g(1)}la${g(0)}promotion${g(0)}de${g(0)}la${g(0)}diversit[ée]${g(0)}des${g(0)}expressions${g(0)}culturelles`,
  `Convenci[oó]n${g(3)}sobre${g(1)}la${g(0)}Protecci[oó]n${g(0)}y${g(1)}(?:la${g(0)})?Promoci[oó]n${g(0)}de${g(0)}la${g(0)}Diversidad${g(0)}de${g(0)}las${g(0)}Expresiones${g(0)}Culturales`,
  'diversity of cultural expressions convention',
);

/** Short names that only mean the 2005 Convention: abbreviations and "Convention on Cultural Diversity". */
export const CDCE_SHORT = phrase(
  'CDCE',
  'CDEC',
  `(?:UNESCO${g(0)})?Convention${g(0)}on${g(0)}Cultural${g(0)}Diversity`,
  `Cultural${g(0)}Diversity${g(0)}Convention`,
  `Convention${g(0)}sur${g(0)}la${g(0)}diversit[ée]${g(0)}culturelle`,
  `Convenci[oó]n${g(0)}sobre${g(0)}(?:la${g(0)})?Diversidad${g(0)}Cultural`,
);

/**
 * "the 2005 Convention", "the UNESCO Convention of 2005", "Convention de 2005", "Convención de 2005":
 * on its own ambiguous (the Hague Convention of 30 June 2005 on Choice of Court Agreements), so a
 * rule only takes it with UNESCO or culture in the same sentence.
 */
export const CDCE_YEAR = phrase(
  `2005${g(1)}(?:UNESCO${g(0)})?(?:Convention|Convenci[oó]n)`,
  `(?:Convention|Convenci[oó]n)${g(3)}(?:of|de|du)${g(0)}(?:(?:20\\s*)?octobre${g(0)}|(?:20\\s*)?(?:de\\s+)?octubre${g(0)}(?:de${g(0)})?|20\\s+October${g(0)}|October${g(0)}20,?${g(0)})?2005`,
);

/** Other international cultural instruments (taxonomy: `culture.instrument`). */
export const INSTRUMENTS = phrase(
  `Universal${g(0)}Declaration${g(0)}on${g(0)}Cultural${g(0)}Diversity`,
  `D[ée]claration${g(0)}universelle${g(0)}(?:de${g(0)}l'UNESCO${g(0)})?sur${g(0)}la${g(0)}diversit[ée]${g(0)}culturelle`,
  `Declaraci[oó]n${g(0)}Universal${g(0)}(?:de${g(0)}la${g(0)}UNESCO${g(0)})?sobre${g(0)}la${g(0)}Diversidad${g(0)}Cultural`,
  `(?:World${g(0)}(?:Cultural${g(0)}and${g(0)}Natural${g(0)})?Heritage${g(0)}Convention)`,
  `Protection${g(0)}of${g(0)}the${g(0)}World${g(0)}Cultural${g(0)}and${g(0)}Natural${g(0)}Heritage`,
  `Safeguarding${g(0)}of${g(0)}the${g(0)}Intangible${g(0)}Cultural${g(0)}Heritage`,
  `sauvegarde${g(0)}du${g(0)}patrimoine${g(0)}culturel${g(0)}immat[ée]riel`,
  `Salvaguardia${g(0)}del${g(0)}Patrimonio${g(0)}Cultural${g(0)}Inmaterial`,
  `patrimoine${g(0)}mondial${g(0)}culturel${g(0)}et${g(0)}naturel`,
  `Patrimonio${g(0)}Mundial${g(0)}Cultural${g(0)}y${g(0)}Natural`,
  `Illicit${g(0)}Import,?${g(0)}Export${g(0)}and${g(0)}Transfer${g(0)}of${g(0)}Ownership${g(0)}of${g(0)}Cultural${g(0)}Property`,
  `(?:1970|1972|1954|2003|2001)${g(1)}(?:UNESCO${g(0)})?(?:Convention|Declaration|Convenci[oó]n|D[ée]claration|Declaraci[oó]n)`,
  `Florence${g(0)}Agreement`,
  `Accord${g(0)}de${g(0)}Florence`,
  `Acuerdo${g(0)}de${g(0)}Florencia`,
  `Protocole${g(0)}de${g(0)}Nairobi`,
  `Protocolo${g(0)}de${g(0)}Nairobi`,
  // Council of Europe conventions
  `European${g(0)}Convention${g(0)}on${g(0)}(?:Transfrontier${g(0)}Television|Cinematographic${g(0)}Co-?production)`,
  `Convention${g(0)}europ[ée]enne${g(0)}sur${g(0)}la${g(0)}(?:t[ée]l[ée]vision${g(0)}transfronti[eè]re|coproduction${g(0)}cin[ée]matographique)`,
  `Convenio${g(0)}Europeo${g(0)}sobre${g(0)}(?:la${g(0)})?(?:Televisi[oó]n${g(0)}Transfronteriza|Coproducci[oó]n${g(0)}Cinematogr[aá]fica)`,
  `Importation${g(0)}of${g(0)}Educational,?${g(0)}Scientific${g(0)}and${g(0)}Cultural${g(0)}Materials`,
  `Nairobi${g(0)}Protocol`,
  `UNIDROIT${g(0)}Convention${g(0)}on${g(0)}Stolen`,
  `Charte${g(0)}culturelle`,
  `Carta${g(0)}Cultural`,
);
/** Years that name a cultural instrument only together with UNESCO or culture. */
export const INSTRUMENT_YEAR_ONLY = /^(?:1970|1972|1954|2003|2001)/;

/** Berne, Rome, WCT, WPPT: cultural instruments only when cited for a cultural purpose. */
export const COPYRIGHT_TREATIES = phrase(
  `Berne${g(0)}Convention`,
  `WIPO${g(0)}(?:Copyright|Performances)${g(3)}Treaty`,
  `Convention${g(0)}de${g(0)}Berne`,
  `Convenio${g(0)}de${g(0)}Berna`,
);

export const UNESCO = phrase('UNESCO');

/** Cultural industries, goods, services, expressions… the objects of cultural policy. */
export const CULTURAL_OBJECT = phrase(
  `cultural${g(0)}(?:industr\\p{L}*|goods|services|activit\\p{L}*|products?|sectors?|policy|policies|measures?|expressions?|property|content|identit\\p{L}*|heritage|exchanges?|cooperation|co-operation|diversity|matters|affairs|fields?|events?|professionals?|works?)`,
  // French and Spanish put the adjective after the same nouns: one concept in the three languages.
  `(?:industries|biens|services|activit[ée]s|produits?|secteurs?|politiques?|mesures?|expressions?|propri[ée]t[ée]|contenus?|identit[ée]s?|[ée]changes|coop[ée]ration|diversit[ée]|affaires|domaines?|[ée]v[ée]nements?|professionnels|œuvres|patrimoine)${g(0)}cultur(?:el|elle|els|elles)`,
  `biens${g(0)}et${g(0)}services${g(0)}culturels`,
  `(?:industrias|bienes|servicios|actividades|productos?|sector(?:es)?|pol[ií]ticas?|medidas?|expresi[oó]n(?:es)?|propiedad|contenidos?|identidad(?:es)?|intercambios?|cooperaci[oó]n|diversidad|asuntos|[aá]mbitos?|eventos?|profesionales|obras|patrimonio)${g(0)}cultural(?:es)?`,
  `bienes${g(0)}y${g(0)}servicios${g(0)}culturales`,
  `creative${g(0)}(?:industr\\p{L}*|arts?|economy|sectors?)`,
  `industries${g(0)}cr[ée]atives`,
  `industrias${g(0)}creativas`,
);

/** Cultural diversity and the diversity of cultural expressions (the Convention's objectives). */
export const CULTURAL_DIVERSITY = phrase(
  `cultural${g(1)}diversity`,
  `diversity${g(0)}of${g(0)}cultur\\p{L}*(?:${g(0)}expressions)?`,
  `diversit[ée]${g(0)}(?:des${g(0)}expressions${g(0)})?culturelles?`,
  `diversidad${g(0)}(?:de${g(0)}las${g(0)}expresiones${g(0)})?cultural(?:es)?`,
  `dual${g(0)}nature`,
  `double${g(0)}nature`,
  `doble${g(0)}naturaleza`,
  `cultural${g(0)}identit\\p{L}*`,
  `identit[ée]s?${g(0)}culturelles?`,
  `identidad(?:es)?${g(0)}cultural(?:es)?`,
  `creative${g(0)}capacit\\p{L}*`,
);

/** The sovereign right to adopt cultural policies. */
export const CULTURAL_POLICY_RIGHT = phrase(
  `(?:right|ability|freedom|flexibility|policy space)${g(8)}(?:cultural${g(0)}polic\\p{L}*|cultural${g(0)}policy${g(0)}options)`,
  `(?:cultural${g(0)}policy${g(0)}options)`,
  `droit${g(8)}politiques${g(0)}culturelles`,
  `derecho${g(8)}pol[ií]ticas${g(0)}culturales`,
);

/** National treasures and cultural heritage (GATT XX(f) lineage). */
export const NATIONAL_TREASURES = phrase(
  `national${g(0)}(?:treasures?|works|heritage)`,
  `tr[ée]sors${g(0)}nationaux`,
  `tesoros?${g(0)}nacionales?`,
  `patrimoine${g(0)}(?:national${g(0)})?(?:culturel|artistique|historique|arch[ée]ologique)`,
  `patrimonio${g(0)}(?:nacional${g(0)})?(?:cultural|art[ií]stico|hist[oó]rico|arqueol[oó]gico)`,
  `(?:cultural|historic(?:al)?|artistic|archaeological)${g(0)}heritage`,
  `heritage${g(0)}conservation`,
  `treasures?${g(1)}of${g(0)}culture`,
  `(?:artistic|cultural)${g(0)}(?:and${g(0)}(?:cultural|artistic|historic\\p{L}*)${g(0)})?property`,
  `(?:art|artistic)${g(0)}(?:,${g(0)})?arch[a]?eological${g(4)}(?:objects|values)`,
  `(?:historical|archa?eological)${g(0)}objects`,
  `cultural${g(0)}values`,
  `(?:artistic|historic(?:al)?|archa?eological)${g(1)}value`,
  `valeur${g(0)}artistique`,
);

/** Wording of an exception or a protected policy: "nothing … shall prevent", "necessary to protect". */
export const EXCEPTION_FRAME = phrase(
  `nothing${g(12)}(?:prevent|preclude|construed|apply|affect)\\p{L}*`,
  `(?:necessary|needed|imposed|adopted|justified|taken|measures)${g(4)}(?:to${g(0)}|for${g(1)}|on${g(0)}grounds${g(0)}of${g(2)})(?:the${g(0)})?(?:protect|safeguard|preserv|conserv|protection)\\p{L}*`,
  `(?:protecting|protection${g(0)}of|safeguarding|preservation${g(0)}of)`,
  `(?:shall|does|do)${g(0)}not${g(0)}(?:apply|preclude|prevent)`,
  `aucune${g(0)}disposition`,
  `n[ée]cessaires?${g(0)}[àa]${g(0)}la${g(0)}protection`,
  `ninguna${g(0)}disposici[oó]n`,
  `necesari[ao]s?${g(0)}para${g(0)}(?:la${g(0)})?proteger`,
  `protecci[oó]n${g(0)}del?`,
  `restrictions?`,
  `prohibitions?`,
  `exceptions?`,
  `salvaguard\\p{L}*`,
  `justifi\\p{L}*`,
  `compatible`,
);

/** Exclusion from scope: "shall not apply to", "does not cover", "excluded", "other than", "except". */
export const EXCLUSION = phrase(
  `(?:shall|does|do|will)${g(0)}not${g(1)}(?:apply|cover|include|be${g(0)}applied|affect|extend)`,
  `not${g(0)}(?:be${g(0)})?(?:applicable|covered|included|subject)`,
  `(?:is|are|be|being|shall${g(0)}be)${g(0)}excluded`,
  `exclud\\p{L}*`,
  `exclusion`,
  `carve[ds]?-?\\s?out`,
  `other${g(0)}than`,
  `except(?:ing|ion${g(0)}of)?`,
  `with${g(0)}the${g(0)}exception${g(0)}of`,
  `does${g(0)}not${g(0)}prevent`,
  `do${g(0)}not${g(0)}prevent`,
  `without${g(0)}prejudice`,
  `(?:ne|n')${g(0)}s'appliqu\\p{L}*${g(0)}pas`,
  `ne${g(1)}s'appliqu\\p{L}*${g(0)}pas`,
  `exclu\\p{L}*`,
  `[àa]${g(0)}l'exception`,
  `no${g(0)}se${g(0)}aplica\\p{L}*`,
  `no${g(0)}(?:comprende|incluye|abarca|cubre)\\p{L}*`,
  `con${g(0)}excepci[oó]n`,
  `salvo`,
  `excepto`,
  `distint[oa]s?${g(0)}de`,
  `excluid\\p{L}*`,
);

/** Cultural industries exemption wording that names its provision ("Annex 2106", "Article 23.06"). */
export const CULTURAL_INDUSTRIES = phrase(
  `cultural${g(0)}industr\\p{L}*`,
  `industries${g(0)}culturelles`,
  `industrias${g(0)}culturales`,
);

/** Core e-commerce and digital-trade vocabulary (what makes a provision govern digital trade). */
export const ECOMMERCE = phrase(
  `e-?\\s?commerce`,
  `electronic${g(0)}commerce`,
  `digital${g(0)}(?:trade|products?|economy)`,
  `electronic${g(0)}transmissions?`,
  `transmissions?${g(0)}(?:by${g(0)})?electronic\\p{L}*`,
  `paperless${g(0)}trad\\p{L}*`,
  `paperless`,
  `commerce${g(0)}[ée]lectronique`,
  `commerce${g(0)}num[ée]rique`,
  `transmissions?${g(0)}[ée]lectroniques?`,
  `produits?${g(0)}num[ée]riques?`,
  `(?:commerce|[ée]changes)${g(0)}sans${g(0)}papier`,
  `comercio${g(0)}(?:electr[oó]nico|digital)`,
  `transmisi[oó]n(?:es)?${g(0)}electr[oó]nicas?`,
  `productos?${g(0)}digitales?`,
  `comercio${g(0)}sin${g(0)}papel\\p{L}*`,
);

/**
 * A Party bound by the sentence: its subject is a Party (each, no, neither; chaque, aucune; cada,
 * ninguna; the Parties) and its verb is neither soft ("shall endeavour", "s'efforce", "procurará")
 * nor a recognition. French and Spanish have no modal to anchor on, so there the Party must open
 * the sentence or clause ("entre les Parties" is no subject). Not global: `test` alone.
 */
export const PARTY_BOUND =
  /(?<![\p{L}])(?:(?:each|no|neither|either|a|the)\s+part(?:y|ies)\s+(?:shall|must|may\s+not|will\s+not)\s+(?:not\s+)?(?!endeavou?r|seek|strive|encourage|consider|try|aim|explore|recogni[sz]e|cooperate|co-operate)|(?<=^\s*(?:\d+\.\s*)?|[.;:)]\s+)(?:chaque|aucune|une|les)\s+parties?\s+(?:n['’]\s*)?(?!s['’]effor|s['’]emploi|peu|pourr|encourag|reconn|favoris|coop[èé]r)\p{L}|(?<=^\s*(?:\d+\.\s*)?|[.;:)]\s+)(?:cada|ninguna|una|las)\s+partes?\s+(?:no\s+)?(?!procura|podr|puede|reconoc|alenta|fomenta|esforz|deber[ií]a|tratar|coopera)\p{L})/iu;

/**
 * Digital-trade vocabulary beyond "e-commerce": the objects digital-trade rules govern (trust
 * services, e-signatures, e-invoicing, data flows, source code…), in English, French and Spanish.
 * Each names digital trade on its own; none needs "electronic commerce" in the sentence.
 */
export const DIGITAL_TRADE = phrase(
  // English
  `digital${g(0)}(?:products?|identit\\p{L}*|certificates?|signatures?|trade|economy|payments?|invoic\\p{L}*)`,
  `electronic${g(0)}(?:authentication|signatures?|invoic\\p{L}*|payments?|transactions?|contracts?|trust${g(0)}services|versions?${g(0)}of${g(1)}(?:trade${g(0)})?(?:administration${g(0)})?documents?|format${g(0)}of${g(1)}trade|trade${g(0)}administration)`,
  `e-?(?:invoic\\p{L}*|signatures?|payments?|authentication)`,
  // Not "custodial, depository and trust services" of financial services.
  `(?<!depository,?${g(0)}(?:and${g(0)})?)trust${g(0)}services`,
  `trade${g(0)}administration${g(0)}documents?`,
  `(?:cross-?\\s?border${g(0)})?(?:transfer|flows?)${g(0)}of${g(0)}(?:information|data)${g(0)}by${g(0)}electronic${g(0)}means`,
  `cross-?\\s?border${g(0)}(?:data${g(0)}(?:flows?|transfers?)|information${g(0)}flows?|transfers?${g(0)}of${g(0)}(?:information|data))`,
  `(?:electronic${g(0)})?information${g(0)}flows?`,
  `(?:location|localisation|localization)${g(0)}of${g(0)}computing${g(0)}facilit\\p{L}*`,
  `computing${g(0)}facilit\\p{L}*`,
  `source${g(0)}code`,
  `cyber-?\\s?security`,
  `online${g(0)}(?:safety|consumer${g(0)}protection|consumers?|personal${g(0)}(?:data|information))`,
  `unsolicited${g(0)}(?:commercial${g(0)})?(?:electronic${g(0)})?(?:messages?|communications?)`,
  `supply${g(0)}of${g(0)}(?:a${g(0)})?services?${g(0)}(?:using${g(0)}electronic${g(0)}means|(?:delivered${g(0)}or${g(0)}performed${g(0)})?electronically)`,
  // Not a bare "submitted / delivered electronically": a certificate of origin, a banking service.
  `internet${g(0)}(?:access|interconnection)`,
  `open${g(0)}government${g(0)}data`,
  // French
  `services${g(0)}de${g(0)}confiance`,
  `signatures?${g(0)}(?:[ée]lectroniques?|num[ée]riques?)`,
  `authentification${g(0)}[ée]lectronique`,
  `factur\\p{L}*${g(0)}[ée]lectroniques?`,
  `paiements?${g(0)}[ée]lectroniques?`,
  `identit[ée]s?${g(0)}num[ée]riques?`,
  `(?:transferts?|flux)${g(0)}(?:(?:transfrontali\\p{L}*|transfronti[èe]res?)${g(0)})?(?:de${g(0)})?(?:donn[ée]es|d'informations?)(?:${g(0)}par${g(0)}voie${g(0)}[ée]lectronique|${g(0)}(?:transfrontali\\p{L}*|transfronti[èe]res?))?`,
  `localisation${g(0)}des${g(0)}installations${g(0)}informatiques`,
  `installations${g(0)}informatiques`,
  `code${g(0)}source`,
  `cybers[ée]curit[ée]`,
  `s[ée]curit[ée]${g(0)}en${g(0)}ligne`,
  `messages?${g(0)}(?:commerciaux${g(0)})?(?:[ée]lectroniques${g(0)})?non${g(0)}sollicit[ée]s`,
  `protection${g(0)}des${g(0)}consommateurs${g(0)}en${g(0)}ligne`,
  `commerce${g(0)}sans${g(0)}papier`,
  `[ée]conomie${g(0)}num[ée]rique`,
  // Spanish
  `servicios${g(0)}de${g(0)}confianza`,
  `firmas?${g(0)}(?:electr[oó]nicas?|digitales?)`,
  `autenticaci[oó]n${g(0)}electr[oó]nica`,
  `factura\\p{L}*${g(0)}electr[oó]nica\\p{L}*`,
  `pagos?${g(0)}electr[oó]nicos?`,
  `identidad(?:es)?${g(0)}digital(?:es)?`,
  `(?:transferencia|flujo)s?${g(0)}transfronteriz[oa]s?${g(0)}de${g(0)}(?:datos|informaci[oó]n)`,
  `(?:transferencia|flujo)s?${g(0)}de${g(0)}(?:datos|informaci[oó]n)${g(0)}por${g(0)}medios${g(0)}electr[oó]nicos`,
  `(?:ubicaci[oó]n|localizaci[oó]n)${g(0)}de${g(0)}(?:las${g(0)})?instalaciones${g(0)}inform[aá]ticas`,
  `instalaciones${g(0)}inform[aá]ticas`,
  `c[oó]digo${g(0)}fuente`,
  `ciberseguridad`,
  `seguridad${g(0)}en${g(0)}l[ií]nea`,
  `(?:mensajes?|comunicaciones)${g(3)}no${g(0)}solicitad[oa]s`,
  `protecci[oó]n${g(0)}(?:de${g(0)}los${g(0)})?consumidores?${g(0)}en${g(0)}l[ií]nea`,
  `econom[ií]a${g(0)}digital`,
);

/** Chapter and section headings of e-commerce or digital-trade chapters (and titles of such documents). */
export const ECOMMERCE_HEADING =
  /(?:e-?\s?commerce|electronic commerce|digital (?:trade|economy)|paperless|commerce (?:[ée]lectronique|num[ée]rique)|[ée]conomie num[ée]rique|comercio (?:electr[oó]nico|digital)|econom[ií]a digital|sin papel|sans papier)/iu;
export const TELECOM_HEADING =
  /t[ée]l[ée]com|telecomunicacion|electronic communication|communications [ée]lectroniques|comunicaciones electr/iu;
export const EXCEPTIONS_HEADING = /exception|excepci|exemption|reservation|r[ée]serve|derogat/iu;
// Word starts only: "Agriculture" is no cultural heading, nor "Intermediate" a media one.
export const CULTURE_HEADING =
  /(?<!\p{L})(?:cultur|audio-?\s?visu|cin[eé]ma|films?(?!\p{L})|broadcast|radio(?:dif|\s|$)|m[eé]dias?(?!\p{L})|heritage|patrimo|creative|artist)/iu;
export const COOPERATION_HEADING = /co-?op[eé]ration|cooperaci[oó]n|collaborat|colaboraci/iu;
export const DEFINITIONS_HEADING = /definition|d[ée]finition|definici/iu;
export const SCOPE_HEADING = /scope|coverage|application|champ d|[áa]mbito|alcance|cobertura/iu;
export const IP_HEADING =
  /intellectual property|propri[ée]t[ée] intellectuelle|propiedad intelectual|copyright|droit d'auteur|derecho de autor|related rights/iu;
export const PROCUREMENT_HEADING = /procurement|march[ée]s publics|contrataci[oó]n p[uú]blica|compras p[uú]blicas/iu;
export const CUSTOMS_HEADING = /customs|douan|aduan|temporary admission|admission temporaire|admisi[oó]n temporal/iu;
export const DISPUTE_HEADING = /dispute|diff[ée]rends|controversias|litige/iu;
export const OBJECTIVES_HEADING = /objective|objectif|objetivo|(?<!\p{L})aims(?!\p{L})|purpose|principles/iu;

/** Developing countries and the groups the Convention's Article 16 speaks of. */
export const DEVELOPING = phrase(
  `developing${g(0)}(?:countr\\p{L}*|states?|parties|party)`,
  `least${g(0)}developed`,
  `ACP`,
  `CARIFORUM`,
  `pays${g(0)}en${g(0)}d[ée]veloppement`,
  `pa[ií]ses${g(0)}en${g(0)}desarrollo`,
  `pays${g(0)}les${g(0)}moins${g(0)}avanc[ée]s`,
  `pa[ií]ses${g(0)}menos${g(0)}adelantados`,
);

/** Preference, access and entry: the Article 16 obligations (access to the other Party's market). */
export const PREFERENCE = phrase(
  `preferential${g(0)}treatment`,
  `traitement${g(0)}pr[ée]f[ée]rentiel`,
  `trato${g(0)}preferencial`,
  `market${g(0)}access`,
  `access${g(0)}to${g(1)}(?:the${g(0)})?(?:markets?|territor\\p{L}*)`,
  `entry${g(0)}(?:and|or)${g(0)}(?:temporary${g(0)})?stay`,
  `temporary${g(0)}(?:entry|stay|presence)`,
  `(?:distribution|dissemination)${g(0)}in${g(0)}the`,
  `acc[eè]s${g(0)}aux?${g(0)}march[ée]s?`,
  `acceso${g(0)}a${g(0)}(?:los${g(0)})?mercados?`,
  `entr[ée]e${g(0)}et${g(0)}(?:le${g(0)})?s[ée]jour`,
  `entrada${g(0)}y${g(0)}(?:la${g(0)})?(?:estancia|permanencia)`,
  // Technical assistance reserved to a developing party's cultural sector (Art. 16 read with Art. 14).
  `technical${g(0)}assistance`,
  `assistance${g(0)}technique`,
  `asistencia${g(0)}t[eé]cnica`,
);

/** People and works whose entry and distribution Article 16 favours. */
export const CULTURAL_PEOPLE = phrase(
  `artists?`,
  `entertainment${g(0)}services`,
  `services${g(0)}de${g(0)}spectacles?`,
  `servicios${g(0)}de${g(0)}(?:esparcimiento|espect[aá]culos)`,
  `cultural${g(0)}industr\\p{L}*`,
  `industries${g(0)}culturelles`,
  `industrias${g(0)}culturales`,
  `cultural${g(0)}(?:professionals?|practitioners?|operators?)`,
  `artistes?`,
  `artistas?`,
  `co-?\\s?productions?`,
  `coproduc\\p{L}*`,
);

/** Words of cultural cooperation (beyond "culture" itself). */
export const COOPERATION_TERMS = phrase(
  `co-?op[eé]rat\\p{L}*`,
  `coop[eéè]r\\p{L}*`,
  `colabora\\p{L}*`,
  `people-to-people`,
  `cooperaci[oó]n`,
  `collaborat\\p{L}*`,
  `exchanges?`,
  `[ée]changes?`,
  `intercambios?`,
  `dialogue`,
  `di[aá]logo`,
  `promot\\p{L}*`,
  `promouv\\p{L}*`,
  `promov\\p{L}*`,
  `foster\\p{L}*`,
  `encourag\\p{L}*`,
  `favoris\\p{L}*`,
  `foment\\p{L}*`,
  `support\\p{L}*`,
  `develop\\p{L}*`,
  `strengthen\\p{L}*`,
  `facilitat\\p{L}*`,
  `programmes?`,
  `projects?`,
  `activit\\p{L}*`,
);

/**
 * Cooperation itself (nouns and verbs), without the generic verbs (promote, develop, support…) that
 * also frame trade and tourism: "cooperation in the social, cultural and educational fields".
 */
export const COOPERATION_NOUNS = phrase(
  `co-?op[eé]rat\\p{L}*`,
  `coop[eéè]r\\p{L}*`,
  `cooperaci[oó]n`,
  `collaborat\\p{L}*`,
  `colabora\\p{L}*`,
  `people-to-people`,
  `dialogue`,
  `di[aá]logo`,
);

/** Bringing policies together: "coordinate and harmonise their policies", approximation of legislation. */
export const POLICY_ALIGNMENT = phrase(
  `(?:co-?ordinat|harmoni[sz]|approximat|align)\\p{L}*`,
  `rapproch\\p{L}*`,
  `coordonn\\p{L}*`,
  `harmonis\\p{L}*`,
  `armoniz\\p{L}*`,
  `aproxima\\p{L}*`,
  `coordina[rcd]\\p{L}*`,
);

/** What is brought together when policies are aligned: policies, regulation, legislation, rules. */
export const POLICY_OBJECTS = phrase(
  `polic(?:y|ies)`,
  `regulat\\p{L}*`,
  `legislat\\p{L}*`,
  `laws`,
  `rules`,
  `politiques?`,
  `r[ée]glementations?`,
  `l[ée]gislations?`,
  `pol[ií]ticas?`,
  `regulaci[oó]n(?:es)?`,
  `normativas?`,
  `legislaci[oó]n(?:es)?`,
);

/**
 * Nouns that head an enumeration of fields of cooperation: "in the areas of health, education and
 * culture", "dans les domaines politique, économique, social et culturel", "ámbitos: (a) turismo".
 */
export const FIELD_HEADS = phrase(
  `fields?`,
  `areas?`,
  `domains?`,
  `spheres?`,
  `sectors?`,
  `matters`,
  `domaines?`,
  `secteurs?`,
  `mati[eè]res`,
  `champs?`,
  `[aá]mbitos?`,
  `áreas?`,
  `campos?`,
  `esferas?`,
  `sectores`,
  `materias?`,
);

/** A cross-reference with the referenced article's title ("Article 1.6 (Cultural Cooperation)"): not a commitment. */
export const REFERENCE_TITLE =
  /(?<![\p{L}])(?:Articles?|Chapters?|Annex(?:es)?|Art[ií]culos?|Cap[ií]tulos?|Anexos?)\s+[\dIVXL][\w.-]*\s*\([^()]{2,80}\)/giu;

/**
 * What stands before a chapter or article title in a cross-reference: its number and an opening
 * bracket, its number in figures or in English, French or Spanish words ("Chapters 10 (Investment),
 * 13 (Telecommunications) or Fifteen (Electronic Commerce)", "Capítulo Quince (Comercio Electrónico)").
 * Tested on the few characters before a term; `TITLE_AFTER` on those after it. A title of several
 * subjects ("Chapter 6 (Establishment, Trade in Services and Electronic Commerce)") is not read:
 * measured on 2026-11-29, it cost an article of the kept-aside set.
 */
export const TITLE_BEFORE =
  /(?<![\p{L}])(?:\d[\w.-]*|[IVXLC]+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|un|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|diecis[ée]is|diecisiete|dieciocho|diecinueve|veinte|veinti\p{L}+|treinta|cuarenta|cincuenta)(?:-\p{L}+|\s+(?:y|et)\s+\p{L}+)?)\s*\(\s*$/iu;
export const TITLE_AFTER = /^\s*\)/u;

/** Cultural words that name a field of cooperation, not a passing adjective in a list. */
export const CULTURAL_FIELD = phrase(
  `cultural${gap(0)}(?:co-?operation|collaboration|exchanges?|industr\\p{L}*|heritage|property|goods|services|activit\\p{L}*|events?|matters|affairs|fields?|sectors?|identit\\p{L}*|polic\\p{L}*|programmes?|centres?|institutions?|relations|dialogue|expressions?|products?|operators?|professionals?|data)`,
  `(?:field|area|sphere|domain)s?${gap(0)}of${gap(0)}culture`,
  `culture${gap(0)}(?:and|,)${gap(0)}(?:the${gap(0)})?(?:arts|audiovisual|media|heritage|sports?|information|education|youth)`,
  `(?:arts|audiovisual|media|heritage|sports?|information|education|youth)${gap(0)}(?:and|,)${gap(0)}culture`,
  `(?:special${gap(0)})?attention${gap(3)}cultural${gap(0)}aspects`,
  `(?:inter-?)?cultural${gap(1)}(?:and${gap(0)})?people-to-people${gap(0)}(?:contacts?|exchanges?|links|ties)`,
  `inter-?cultural${gap(0)}dialogue`,
  `dialogue${gap(2)}(?:between|among)${gap(0)}(?:the${gap(0)})?cultures`,
  `dialogue${gap(0)}interculturel`,
  `di[aá]logo${gap(0)}intercultural`,
  `coop[ée]ration${gap(0)}culturelle`,
  `collaboration${gap(0)}culturelle`,
  `colaboraci[oó]n${gap(0)}cultural`,
  `cooperaci[oó]n${gap(0)}cultural`,
  `[ée]changes${gap(0)}culturels`,
  `intercambios?${gap(0)}cultural(?:es)?`,
  `patrimoine${gap(0)}culturel`,
  `patrimonio${gap(0)}cultural`,
);
/** "competition culture", "mutual knowledge of cultures", "economic, social and cultural development". */
export const INCIDENTAL_CULTURE = phrase(
  `competition${gap(0)}culture`,
  // UNESCO's own name, and ministries of culture named as the authority for something else.
  `Educational,?${gap(0)}Scientific${gap(0)}and${gap(0)}Cultural${gap(0)}Organi[sz]ation`,
  `l'[ée]ducation,?${gap(0)}la${gap(0)}science${gap(0)}et${gap(0)}la${gap(0)}culture`,
  `la${gap(0)}Educaci[oó]n,?${gap(0)}la${gap(0)}Ciencia${gap(0)}y${gap(0)}la${gap(0)}Cultura`,
  `Ministry${gap(1)}(?:of|for)${gap(0)}(?:\\p{L}+${gap(0)}(?:and|,)${gap(0)})?Culture`,
  `Minist[èe]re${gap(0)}de${gap(0)}la${gap(0)}Culture`,
  `Ministerio${gap(0)}de${gap(0)}(?:las?${gap(0)})?Cultura`,
  `(?:knowledge|understanding)${gap(3)}cultures`,
  `(?:history|histories)${gap(1)}(?:and|,)${gap(0)}culture`,
  `cultural${gap(1)}(?:and${gap(0)}\\p{L}+${gap(0)})?(?:development|ties|links|aspects|differences|values|inheritance|conditions|integration|interests|mandate|backgrounds?|needs?)`,
  `audio-?\\s?visual${gap(0)}transport`,
  `diff[ée]rences${gap(0)}culturelles`,
  `diferencias${gap(0)}culturales`,
);

/** Co-production, mobility of artists and the cultural sectors cooperation is about. */
export const CULTURAL_SECTOR = phrase(
  `co-?\\s?productions?`,
  `coproduc\\p{L}*`,
  `films?`,
  `cin[eé]ma\\p{L}*`,
  `audio-?\\s?visu\\p{L}*`,
  `artists?`,
  `artistes?`,
  `artistas?`,
  `heritage`,
  `patrimoine`,
  `patrimonio${g(0)}(?:cultural|hist[oó]rico|art[ií]stico)`,
  `museums?`,
  `libraries`,
  `archives`,
  `translation`,
  `books?`,
  `publishing`,
  // Bare "media" is an item of ICT and press lists; only media policy or media cooperation counts.
  `media${gap(0)}(?:polic\\p{L}*|co-?operation|sector|industr\\p{L}*|pluralism|content)`,
  `radio${g(0)}and${g(0)}television${g(0)}programmes?`,
  `broadcast\\p{L}*`,
  `creative${g(0)}industr\\p{L}*`,
  `(?:gaming|animation)`,
);

/** Right to regulate and legitimate public-policy objectives (for `culture.policy_space`). */
export const POLICY_SPACE_FRAME = phrase(
  `right${g(0)}to${g(0)}regulate`,
  `(?:sovereign${g(0)})?right${g(4)}(?:to${g(0)})?(?:preserve|develop|implement|adopt|determine|maintain|restrict|prohibit|formulate|pursue)`,
  `(?:legitimate${g(0)})?(?:public${g(0)})?policy${g(0)}objectives?`,
  `policy${g(0)}space`,
  `(?:ability|capacity|freedom|flexibility)${g(3)}(?:to${g(0)})?(?:implement|adopt|maintain|regulate|develop)`,
  `(?:relax\\p{L}*|lower\\p{L}*|weaken\\p{L}*|waiv\\p{L}*)${g(6)}(?:regulations?|standards|measures)`,
  `(?:shall|may)${g(0)}be${g(0)}(?:considered|deemed)${g(0)}(?:to${g(0)}be${g(0)})?compatible`,
  `aid${g(0)}to${g(0)}promote${g(0)}culture`,
  `cultural${g(0)}policy${g(0)}options`,
  `may${g(2)}(?:establish|adopt)${g(0)}(?:appropriate${g(0)})?measures${g(0)}to${g(0)}(?:respect|protect|preserve|promote|safeguard)`,
  `(?:free|libre)s?${g(2)}(?:to${g(0)}|de${g(0)})?d[ée]termin\\p{L}*`,
  `peu\\p{L}*${g(2)}(?:[ée]tablir|adopter)${g(0)}des${g(0)}mesures${g(1)}pour${g(0)}(?:respecter|prot[ée]ger|pr[ée]server|promouvoir)`,
  `podr[aá]n?${g(0)}(?:establecer|adoptar)${g(0)}(?:las${g(0)})?medidas${g(1)}para${g(0)}(?:respetar|proteger|preservar|promover)`,
  `droit${g(0)}de${g(0)}r[ée]glementer`,
  `droit${g(6)}(?:politiques${g(0)}culturelles)`,
  `objectifs?${g(0)}l[ée]gitimes?${g(2)}(?:de${g(0)})?(?:politique${g(0)}publique)?`,
  `derecho${g(0)}(?:a${g(0)})?regular`,
  `derecho${g(6)}pol[ií]ticas${g(0)}culturales`,
  `objetivos?${g(0)}leg[ií]timos?${g(2)}(?:de${g(0)})?(?:pol[ií]tica${g(0)}p[uú]blica)?`,
);
