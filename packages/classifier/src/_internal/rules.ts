import type { ExemptionScope, TagId } from '../types.ts';
import type { ContainerTopic, ProvisionContext } from './context.ts';
import * as X from './lexicon.ts';
import { type Sentence, sentences, spans } from './sentences.ts';

/** A tag a rule proposes, before the model weighs it and strength is read from `sentence`. */
export interface Candidate {
  tag: TagId;
  evidence: [number, number][];
  /** Human-readable reasons ("names the 2005 Convention", "inside an e-commerce chapter"). */
  why: string[];
  /** Rule and context ids: the model's non-lexical features. */
  rules: string[];
  /** The first sentence that fired (the model reads it) and every sentence that did (strength reads them). */
  sentence: Sentence;
  sentences: Sentence[];
  scope?: ExemptionScope;
}

/**
 * Prior weights (logit units) of rules for classes the dev gold barely shows, written from the
 * taxonomy: training starts each at its prior and L2 pulls it back there, so a rule the gold never
 * exercises still counts as evidence, and one the gold contradicts is weighed down by the data.
 */
export const RULE_PRIORS: Partial<Record<TagId, Record<string, number>>> = {
  // The alignment of audiovisual policy or regulation is audiovisual cooperation (taxonomy), which
  // the gold shows in one template only ("coordinate and harmonise their policies … broadcasts").
  'culture.cooperation': {
    'coop:named': 1,
    'coop:list': 1,
    'coop:alignment': 1,
    'coop:av-policy': 1,
    'coop:ip-creative': 1,
  },
  // "Each names digital trade on its own" (lexicon.ts): a source-code or trust-services rule is an
  // e-commerce provision wherever it stands, though the gold has no example outside a chapter.
  // A Party bound to act on a digital-trade object regulates digital trade (taxonomy), however
  // rarely the gold shows one outside an e-commerce chapter.
  'ecommerce.provision': { 'ecom:digital': 3.5, 'ecom:operative': 3 },
};

/** Cheap test for whether a provision can carry any tag: most provisions stop here. */
const TRIGGER = X.phrase(...X.TRIGGER_WORDS);

/** Where a provision sits says it is about digital trade: an e-commerce chapter, or a digital-trade document. */
export function ecommerceContext(c: ProvisionContext): 'chapter' | 'document' | 'article' | null {
  if (c.container.has('ecommerce')) return 'chapter';
  if (c.document.has('ecommerce')) return 'document';
  if (c.article.has('ecommerce')) return 'article';
  return null;
}

/**
 * A cultural-cooperation, co-production or audiovisual-cooperation chapter, protocol or document:
 * its heading names culture (or the audiovisual sector) and cooperation or co-production.
 */
export function cultureContext(c: ProvisionContext): 'chapter' | 'document' | null {
  const coproduction = /co-?\s?produc|coproduc/iu;
  if (c.container.has('culture') && (c.container.has('cooperation') || coproduction.test(c.containerHeading)))
    return 'chapter';
  if (c.document.has('culture') && (c.document.has('cooperation') || coproduction.test(c.documentTitle)))
    return 'document';
  return null;
}

export function mayCarryTags(context: ProvisionContext): boolean {
  TRIGGER.lastIndex = 0;
  X.DIGITAL_TRADE.lastIndex = 0;
  return (
    TRIGGER.test(context.text) ||
    X.DIGITAL_TRADE.test(context.text) ||
    ecommerceContext(context) !== null ||
    cultureContext(context) !== null
  );
}

/** Whether the chapter (or other container) or the article heading is about one of `topics`. */
const under = (c: ProvisionContext, ...topics: ContainerTopic[]) =>
  topics.some((t) => c.container.has(t) || c.article.has(t));

type Rule = (c: ProvisionContext, s: Sentence) => Candidate[];

/** Whether `re` matches in `s`: stops at the first match (spans() collects them all), lastIndex left at 0. */
const has = (re: RegExp, s: Sentence) => {
  re.lastIndex = 0;
  const found = re.test(s.text);
  re.lastIndex = 0;
  return found;
};
const first = (re: RegExp, s: Sentence) => spans(re, s).slice(0, 3);
const candidate = (
  tag: TagId,
  s: Sentence,
  evidence: [number, number][],
  why: string[],
  rules: string[],
): Candidate => ({
  tag,
  evidence,
  why,
  rules,
  sentence: s,
  sentences: [s],
});

/** Context ids shared by every candidate of a provision (the model learns how much they matter). */
function contextRules(c: ProvisionContext): string[] {
  const out = [`placement:${c.placement}`];
  for (const t of c.container) out.push(`container:${t}`);
  for (const t of c.article) out.push(`heading:${t}`);
  // One feature for "the chapter or the document is about e-commerce", so that what the
  // gold teaches about e-commerce chapters carries over to a digital-trade protocol or agreement.
  if (ecommerceContext(c)) out.push('context:ecommerce');
  return out;
}

const cdceReference: Rule = (_c, s) => {
  const named = [...first(X.CDCE_FULL, s), ...first(X.CDCE_SHORT, s)];
  if (named.length) return [candidate('cdce.reference', s, named, ['names the 2005 Convention'], ['cdce:name'])];
  const year = first(X.CDCE_YEAR, s);
  if (year.length && (has(X.UNESCO, s) || has(X.CULTURE, s))) {
    return [candidate('cdce.reference', s, year, ['"2005 Convention" with UNESCO or culture'], ['cdce:year'])];
  }
  return [];
};

const instrument: Rule = (_c, s) => {
  const found: [number, number][] = [];
  for (const [start, end] of spans(X.INSTRUMENTS, s)) {
    const words = s.text.slice(start - s.start, end - s.start);
    // "the 1970 Convention": only a cultural instrument when UNESCO or culture is in the sentence.
    if (X.INSTRUMENT_YEAR_ONLY.test(words) && !(has(X.UNESCO, s) || has(X.CULTURE, s))) continue;
    found.push([start, end]);
  }
  if (has(X.CULTURE, s)) found.push(...first(X.COPYRIGHT_TREATIES, s));
  return found.length
    ? [
        candidate(
          'culture.instrument',
          s,
          found.slice(0, 3),
          ['names an international cultural instrument'],
          ['instrument'],
        ),
      ]
    : [];
};

const principles: Rule = (_c, s) => {
  const out: Candidate[] = [];
  const diversity = first(X.CULTURAL_DIVERSITY, s);
  if (diversity.length)
    out.push(candidate('cdce.principles', s, diversity, ['invokes cultural diversity'], ['principles:diversity']));
  const right = first(X.CULTURAL_POLICY_RIGHT, s);
  if (right.length) {
    out.push(candidate('cdce.principles', s, right, ['right to cultural policies'], ['principles:policy-right']));
  }
  return out;
};

function exemptionScope(c: ProvisionContext, s: Sentence): ExemptionScope {
  if (/\bthis (?:Agreement|Treaty|Protocol)\b|présent accord|presente (?:Acuerdo|Tratado)/i.test(s.text))
    return 'agreement';
  if (/\bthis (?:Chapter|Title|Part|Section)\b|présent chapitre|presente cap[ií]tulo/i.test(s.text)) return 'chapter';
  if (/\bthis Article\b|présent article|presente art[ií]culo/i.test(s.text)) return 'article';
  return c.container.has('exceptions') ? 'agreement' : 'chapter';
}

// Compiled once: a regex with Unicode classes costs more to build than to run on a sentence.
const CULTURAL_SERVICES = X.phrase(`cultural${X.gap(0)}services`, `services${X.gap(0)}culturels`);
const SERVICES_EXEMPT = X.phrase('compatible', 'excluded', 'exclusion', 'exempt\\p{L}*');
const CREATIVE_ARTS = X.phrase(`support${X.gap(3)}creative${X.gap(0)}arts`);
const CREATIVE_INDUSTRIES = X.phrase(
  `(?:creative|cultural)${X.gap(0)}industr\\p{L}*`,
  `industri(?:es|as)${X.gap(0)}(?:cr[ée]ati\\p{L}*|culturel\\p{L}*|culturales)`,
);
const CARVED = X.phrase('not prevent', 'reservations?', 'non-conforming');

const EXEMPT = X.phrase(
  'exempt\\p{L}*',
  'exception\\p{L}*',
  'excepci\\p{L}*',
  'nothing',
  'construed',
  'aucune disposition',
  'ninguna disposici[oó]n',
  'not apply',
  'excluded',
  'exclusion',
  'deemed compatible',
  'compatible',
  'applies',
  "s'appliqu\\p{L}*",
  'se aplica\\p{L}*',
  'nada de lo dispuesto',
  // "Annex 2106 shall apply to … cultural industries"; "reserves the right to adopt … measures".
  `(?:Annex|Article|Appendix|Anexo|Art[ií]culo|Annexe)${X.gap(0)}[\\dIVX][\\w.\\-]*${X.gap(3)}(?:shall|will)${X.gap(0)}apply`,
  `reserves?${X.gap(0)}the${X.gap(0)}right`,
  `se${X.gap(0)}r[ée]serve${X.gap(0)}le${X.gap(0)}droit`,
  `se${X.gap(0)}reserva${X.gap(0)}el${X.gap(0)}derecho`,
);

const exemption: Rule = (c, s) => {
  // A definition of "cultural industries" supports an exemption elsewhere but excludes nothing.
  if (c.article.has('definitions')) return [];
  const industries = first(X.CULTURAL_INDUSTRIES, s);
  if (industries.length && has(EXEMPT, s)) {
    return [
      {
        ...candidate('culture.exemption', s, industries, ['cultural industries exempted'], ['exemption:industries']),
        scope: exemptionScope(c, s),
      },
    ];
  }
  const services = first(CULTURAL_SERVICES, s);
  if (services.length && has(SERVICES_EXEMPT, s)) {
    return [
      {
        ...candidate('culture.exemption', s, services, ['cultural services exempted'], ['exemption:services']),
        scope: exemptionScope(c, s),
      },
    ];
  }
  // "to support creative arts of national value" (a general exception), not the spilled-over
  // footnote that defines "creative arts". An exemption only (revised gold): it names no right to regulate.
  const arts = first(CREATIVE_ARTS, s);
  if (arts.length && has(X.EXCEPTION_FRAME, s)) {
    return [
      {
        ...candidate(
          'culture.exemption',
          s,
          arts,
          ['general exception for the creative arts'],
          ['exemption:creative-arts'],
        ),
        scope: 'agreement',
      },
    ];
  }
  return [];
};

const SCHEDULED = X.phrase(
  `aural${X.gap(3)}visual`,
  `scheduled${X.gap(2)}(?:by${X.gap(0)})?(?:a${X.gap(0)})?content${X.gap(0)}provider`,
);

const audiovisualExclusion: Rule = (c, s) => {
  // A definition excludes nothing, except a telecommunications service defined "… excluding broadcasting".
  const telecom = c.container.has('telecom') || /telecommunicat|t[ée]l[ée]communicat/iu.test(s.text);
  const definitionsOnly = c.article.has('definitions') && !c.article.has('scope') && !telecom;
  if (definitionsOnly || under(c, 'ip') || c.article.has('customs')) return [];
  const exclusions = spans(X.EXCLUSION, s);
  if (!exclusions.length) return [];
  const av = [...spans(X.AUDIOVISUAL, s), ...spans(SCHEDULED, s)];
  // The exclusion must govern the sector: it comes first ("shall not apply to … broadcasting") or the
  // sector is the subject of "is excluded". "including audiovisual services" alone is no exclusion.
  // A chapeau ending in a colon ("does not apply to:") governs every item of its list, however long.
  const reach = ([, xe]: [number, number]) =>
    /^[^.;:]{0,30}:/u.test(s.text.slice(xe - s.start, xe - s.start + 31)) ? s.end - xe : 400;
  const governed = av.filter(([start]) =>
    exclusions.some((x) => (x[0] < start && start - x[1] < reach(x)) || (x[0] > start && x[0] - start < 80)),
  );
  if (!governed.length) return [];
  return [
    candidate(
      'culture.audiovisual_exclusion',
      s,
      governed.slice(0, 3),
      ['audiovisual or broadcasting carved out'],
      ['av:exclusion'],
    ),
  ];
};

const policySpace: Rule = (c, s) => {
  if (c.article.has('definitions')) return [];
  // A cultural-industries exemption is its own tag; its "measures adopted" are not policy space.
  if (has(X.CULTURAL_INDUSTRIES, s) && has(EXEMPT, s) && !has(X.CULTURAL_POLICY_RIGHT, s)) return [];
  const frames = spans(X.POLICY_SPACE_FRAME, s);
  if (!frames.length) return [];
  const cultural = [...spans(X.CULTURAL_OBJECT, s), ...spans(X.CULTURAL_DIVERSITY, s), ...spans(X.CULTURE, s)];
  // The cultural words must belong to the frame: within a clause's reach of it.
  // What a right protects follows it ("the right … to implement their cultural policies"):
  // words after the frame are preferred as evidence over words before it.
  const distance = ([start, end]: [number, number]) =>
    Math.min(...frames.map(([fs, fe]) => Math.max(start - fe, 2 * (fs - end), 0)));
  const near = cultural.filter((span) => distance(span) < 250).sort((x, y) => distance(x) - distance(y));
  if (!near.length) return [];
  return [candidate('culture.policy_space', s, near.slice(0, 3), ['policy space names culture'], ['policy:frame'])];
};

const heritage: Rule = (c, s) => {
  if (c.article.has('definitions')) return [];
  const treasures = first(X.NATIONAL_TREASURES, s);
  if (!treasures.length) return [];
  const framed = has(X.EXCEPTION_FRAME, s) || under(c, 'exceptions');
  if (!framed) return [];
  return [
    candidate(
      'culture.heritage_exception',
      s,
      treasures,
      ['exception for national treasures or heritage'],
      ['heritage'],
    ),
  ];
};

/** Whether some span of `a` lies within `reach` characters of some span of `b`. */
const near = (a: [number, number][], b: [number, number][], reach: number) =>
  a.some(([as, ae]) => b.some(([bs, be]) => Math.max(bs - ae, as - be) < reach));

// What comes before an item of an enumeration: a separator, a conjunction or a label ("(i)", "b)"),
// and in French and Spanish the item's article ("la santé et la culture", "y la cultura").
const ITEM_BEFORE =
  /(?:[,;]\s*(?:and\s+|or\s+|et\s+|y\s+|e\s+)?|\(?\b\w{1,4}\)\s*|\band\s+|\bet\s+|\by\s+)(?:(?:the|la|le|les|l'|los|las|el|lo|des|du|de\s+la|del)\s*)?$/iu;
const ITEM_AFTER = /^\s*(?:[,;]|and\b|or\b|et\b|y\b)/iu;

/** A span that is an item of an enumeration: "economic, social, cultural and …", "(i) culture;". */
function listItem(s: Sentence, [start, end]: [number, number]): boolean {
  const before = s.text.slice(Math.max(0, start - s.start - 20), start - s.start);
  const after = s.text.slice(end - s.start, end - s.start + 8);
  return ITEM_BEFORE.test(before) || ITEM_AFTER.test(after);
}

/**
 * An enumeration item headed by a noun of fields, before it ("in the areas of health, education and
 * culture", "dans les domaines politique, économique, social et culturel", "ámbitos: (a) turismo;
 * (b) cultura") or after it ("social, cultural and educational fields"), or under an article
 * heading naming fields ("Fields of Cooperation"). Language-neutral evidence of a field of
 * cooperation, where English alone has "cultural fields" as two adjacent words.
 */
function fieldItem(c: ProvisionContext, s: Sentence, span: [number, number], heads: [number, number][]): boolean {
  if (!listItem(s, span)) return false;
  X.FIELD_HEADS.lastIndex = 0;
  if (X.FIELD_HEADS.test(c.articleHeading)) return true;
  const [start, end] = span;
  return heads.some(([hs, he]) => {
    // Head first: the list runs up to the item within one sentence ("(a)" and "e.g." are no stops).
    if (he <= start)
      return start - he < 400 && !/[.!?](?=\s+\p{Lu})/u.test(s.text.slice(he - s.start, start - s.start));
    // Head last: only other adjectives of the list in between ("cultural, audiovisual and social matters").
    return hs >= end && hs - end < 80 && /^[\p{L}\s,'-]*$/u.test(s.text.slice(end - s.start, hs - s.start));
  });
}

const cooperation: Rule = (c, s) => {
  if (under(c, 'customs') || c.article.has('definitions')) return [];
  const rawField = [...spans(X.CULTURAL_FIELD, s), ...spans(X.CULTURAL_SECTOR, s)];
  const rawCulture = spans(X.CULTURE, s);
  const culturalHeading = under(c, 'culture');
  // Most sentences of a provision name nothing cultural: stop before the costlier lookups.
  if (!rawField.length && !rawCulture.length && !culturalHeading && !has(X.AUDIOVISUAL, s)) return [];
  // "Cultural" inside the Convention's name, "cultural diversity", UNESCO's name or a cross-reference
  // title ("Article 1.6 (Cultural Cooperation)") is no cooperation of the Parties.
  const elsewhere = [
    ...spans(X.INCIDENTAL_CULTURE, s),
    ...spans(X.CDCE_FULL, s),
    ...spans(X.CULTURAL_DIVERSITY, s),
    ...spans(X.REFERENCE_TITLE, s),
  ];
  const outside = ([st]: [number, number]) => !elsewhere.some(([is, ie]) => st >= is && st < ie);
  const titles = spans(X.REFERENCE_TITLE, s);
  const ownWords = ([st]: [number, number]) => !titles.some(([is, ie]) => st >= is && st < ie);
  const coop = spans(X.COOPERATION_TERMS, s).filter(ownWords);
  const strict = spans(X.COOPERATION_NOUNS, s).filter(ownWords);
  const field = rawField.filter(outside);
  const culture = rawCulture.filter(outside);
  const aligned = spans(X.POLICY_ALIGNMENT, s);
  // "cooperation in the economic, social and cultural fields", "(c) cultura;": culture as an item
  // of an enumeration of what the Parties cooperate on names a field of cooperation.
  const listed = culture.filter((span) => listItem(s, span) && near([span], strict, 200));
  // Culture as an item of an enumeration of fields, where the Parties cooperate (the sentence or the heading says so).
  const cooperating = strict.length > 0 || under(c, 'cooperation');
  const heads = cooperating ? spans(X.FIELD_HEADS, s) : [];
  const fieldListed = cooperating ? culture.filter((span) => fieldItem(c, s, span, heads)) : [];
  // Policies, regulation or legislation brought together: "coordinate and harmonise their policies".
  const policyObjects = aligned.length ? spans(X.POLICY_OBJECTS, s) : [];
  const alignedPolicy = aligned.filter((span) => near([span], policyObjects, 60));
  // … and the audiovisual sector is what they govern ("the regulation of cross-border broadcasts").
  const avPolicy = alignedPolicy.length > 0 && near(alignedPolicy, spans(X.AUDIOVISUAL, s).filter(outside), 200);
  // Finer evidence for the model: a cooperation noun near the cultural words, cooperation named
  // with its field ("cultural cooperation", "cooperation in the audiovisual sector"), an
  // enumeration of fields of cooperation, the alignment of audiovisual policies.
  const detail = (found: [number, number][]) => {
    const out: string[] = [];
    if (near(found, strict, 200)) out.push('coop:strict');
    if (near(found, strict, 30)) out.push('coop:named');
    if (listed.length) out.push('coop:list');
    if (fieldListed.length) out.push('coop:field-list');
    if (near(found, aligned, 200)) out.push('coop:alignment');
    if (avPolicy) out.push('coop:av-policy');
    return out;
  };
  // Intellectual property chapters speak of films and broadcasts as protected works: there only
  // cooperation on the creative or cultural industries counts.
  if (under(c, 'ip')) {
    const industries = first(CREATIVE_INDUSTRIES, s).filter(outside);
    if (!industries.length || !strict.length) return [];
    return [
      candidate(
        'culture.cooperation',
        s,
        industries,
        ['cooperation on the creative industries'],
        ['coop:field', 'coop:ip-creative', ...detail(industries)],
      ),
    ];
  }
  const incidental = spans(X.INCIDENTAL_CULTURE, s);
  const fields = [...field, ...listed, ...fieldListed]
    .sort((x, y) => x[0] - y[0])
    .filter((span, i, all) => i === 0 || span[0] !== all[i - 1]?.[0]);
  if (fields.length && coop.length) {
    return [
      candidate(
        'culture.cooperation',
        s,
        fields.slice(0, 3),
        ['cooperation in a cultural field'],
        ['coop:field', ...detail(fields)],
      ),
    ];
  }
  if (culture.length && coop.length) {
    return [
      candidate(
        'culture.cooperation',
        s,
        culture.slice(0, 3),
        ['cooperation naming culture'],
        ['coop:culture', ...detail(culture)],
      ),
    ];
  }
  const av = spans(X.AUDIOVISUAL, s).filter(outside);
  if (aligned.length && av.length && near(aligned, av, 200)) {
    return [
      candidate(
        'culture.cooperation',
        s,
        av.slice(0, 2),
        ['audiovisual policies brought together'],
        ['coop:field', 'coop:alignment', ...(avPolicy ? ['coop:av-policy'] : [])],
      ),
    ];
  }
  if (culturalHeading && under(c, 'cooperation') && coop.length) {
    return [
      candidate('culture.cooperation', s, coop.slice(0, 2), ['cooperation under a cultural heading'], ['coop:heading']),
    ];
  }
  if (incidental.length && coop.length) {
    return [
      candidate('culture.cooperation', s, incidental.slice(0, 2), ['culture named in passing'], ['coop:incidental']),
    ];
  }
  return [];
};

const preferential: Rule = (_c, s) => {
  const developing = spans(X.DEVELOPING, s);
  if (!developing.length) return [];
  const objects = [...spans(X.CULTURAL_OBJECT, s), ...spans(X.CULTURAL_PEOPLE, s)];
  const preference = spans(X.PREFERENCE, s);
  if (!objects.length || !preference.length) return [];
  return [
    candidate(
      'culture.preferential_treatment',
      s,
      [...objects.slice(0, 2), ...developing.slice(0, 1)],
      ['preference for developing countries’ culture'],
      ['preferential'],
    ),
  ];
};

// Customs forms and tenders by electronic means are administration, not digital trade.
const administration = (c: ProvisionContext) => under(c, 'customs', 'procurement');

/** A term that is a referenced chapter's or article's title, "… or 15 (Electronic Commerce)": no rule of its own. */
const isTitle = (s: Sentence, [start, end]: [number, number]) =>
  X.TITLE_BEFORE.test(s.text.slice(Math.max(0, start - s.start - 24), start - s.start)) &&
  X.TITLE_AFTER.test(s.text.slice(end - s.start, end - s.start + 3));

const ecommerce: Rule = (c, s) => {
  const core = first(X.ECOMMERCE, s).filter((span) => !isTitle(s, span));
  const digital = first(X.DIGITAL_TRADE, s).filter((span) => !isTitle(s, span));
  if (!core.length && !digital.length) return [];
  const inChapter = ecommerceContext(c) !== null;
  // The taxonomy counts trust services, paperless trading or source code rules as e-commerce
  // provisions as much as those that say "electronic commerce"; the gold, labelled through an
  // e-commerce keyword net, has none of them outside e-commerce chapters, so the digital
  // vocabulary is its own feature with a prior (RULE_PRIORS) rather than one the gold weighs down.
  const rules = [core.length ? 'ecom:term' : 'ecom:digital'];
  if (inChapter) rules.push('ecom:chapter');
  // "Neither Party shall impose customs duties on electronic transmissions", "Cada Parte permitirá
  // la transferencia transfronteriza…": the sentence binds a Party, not a passing mention. In a
  // customs or procurement chapter, paperless forms and electronic tenders are administration.
  else if (!administration(c) && X.PARTY_BOUND.test(s.text)) rules.push('ecom:operative');
  return [
    candidate(
      'ecommerce.provision',
      s,
      [...core, ...digital].slice(0, 3),
      [
        `${core.length ? 'e-commerce' : 'digital-trade'} term${inChapter ? ' inside an e-commerce chapter or document' : ''}`,
      ],
      rules,
    ),
  ];
};

/** The first words of a provision: the evidence of a tag that its context proposes. */
function opening(c: ProvisionContext): Sentence | null {
  const m = /\p{L}/u.exec(c.text);
  if (!m || c.text.trim().length < 12) return null;
  const [s] = sentences(c.text, c.language);
  const start = Math.max(m.index, s?.start ?? 0);
  const end = Math.min(c.text.length, s ? s.end : c.text.length, start + 160);
  return { start, end, text: c.text.slice(start, end) };
}

/**
 * Tags that the context proposes even when no sentence names the topic: every provision of an
 * e-commerce chapter or digital-trade document may be an e-commerce provision ("Relation to
 * Other Chapters", "Electronic Authentication"), every provision of a cultural-cooperation or
 * co-production chapter, protocol or document may be cultural cooperation. The model decides.
 */
function contextCandidates(c: ProvisionContext, byTag: Map<TagId, Candidate>): Candidate[] {
  const out: Candidate[] = [];
  const ecom = ecommerceContext(c);
  const culture = cultureContext(c);
  const add = (tag: TagId, why: string, rule: string) => {
    const seen = byTag.get(tag);
    if (seen) {
      if (!seen.rules.includes(rule)) seen.rules.push(rule);
      return;
    }
    const s = opening(c);
    if (s) out.push({ ...candidate(tag, s, [[s.start, s.end]], [why], [rule]), rules: [rule, ...contextRules(c)] });
  };
  if (ecom) add('ecommerce.provision', `provision of an e-commerce ${ecom}`, `ecom:context-${ecom}`);
  if (culture) add('culture.cooperation', `provision of a cultural-cooperation ${culture}`, `coop:context-${culture}`);
  return out;
}

const ecommerceCulture: Rule = (c, s) => {
  if (!(ecommerceContext(c) || has(X.ECOMMERCE, s))) return [];
  const cultural = [...spans(X.AUDIOVISUAL, s), ...spans(SCHEDULED, s), ...spans(X.CULTURE, s)];
  if (!cultural.length) return [];
  const carved = has(X.EXCLUSION, s) || has(CARVED, s);
  const diversity = has(X.CULTURAL_DIVERSITY, s);
  if (!carved && !diversity) return [];
  return [
    candidate(
      'ecommerce.cultural_specificity',
      s,
      cultural.slice(0, 3),
      [
        carved
          ? 'e-commerce rule carves out audiovisual or cultural content'
          : 'e-commerce rule names cultural diversity',
      ],
      ['ecom:culture'],
    ),
  ];
};

const RULES: Rule[] = [
  cdceReference,
  instrument,
  principles,
  exemption,
  audiovisualExclusion,
  policySpace,
  heritage,
  cooperation,
  preferential,
  ecommerce,
  ecommerceCulture,
];

/** Every candidate tag of a provision, at most one per tag (the first sentence that fires). */
export function candidates(context: ProvisionContext): Candidate[] {
  if (!mayCarryTags(context)) return [];
  const shared = contextRules(context);
  const byTag = new Map<TagId, Candidate>();
  for (const s of sentences(context.text, context.language)) {
    for (const rule of RULES) {
      for (const found of rule(context, s)) {
        const seen = byTag.get(found.tag);
        if (seen) {
          for (const r of found.rules) if (!seen.rules.includes(r)) seen.rules.push(r);
          if (!seen.sentences.includes(s)) seen.sentences.push(s);
          if (seen.evidence.length < 4) seen.evidence.push(...found.evidence.slice(0, 4 - seen.evidence.length));
        } else byTag.set(found.tag, { ...found, rules: [...found.rules, ...shared] });
      }
    }
  }
  return [...byTag.values(), ...contextCandidates(context, byTag)];
}
