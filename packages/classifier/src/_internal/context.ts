import type { AgreementDocument, Provision } from '@ccm/parser';
import type { Placement } from '../types.ts';
import {
  COOPERATION_HEADING,
  CULTURE_HEADING,
  CUSTOMS_HEADING,
  DEFINITIONS_HEADING,
  DISPUTE_HEADING,
  ECOMMERCE_HEADING,
  EXCEPTIONS_HEADING,
  IP_HEADING,
  OBJECTIVES_HEADING,
  PROCUREMENT_HEADING,
  SCOPE_HEADING,
  TELECOM_HEADING,
  TRIGGER_WORDS,
} from './lexicon.ts';

/** What a rule may know about where a provision sits: its headings and the chapter around it. */
export interface ProvisionContext {
  provision: Provision;
  /** The provision's text as rules read it (`normalise`, then `unglue`). */
  text: string;
  /** The offset in the provision's own text of an offset in `text` (they differ after `unglue`). */
  sourceOffset: (offset: number) => number;
  language: string;
  placement: Placement;
  /** Heading of the article the provision belongs to (its own, for an article). */
  articleHeading: string;
  /** Headings of the enclosing parts, chapters, sections and annexes, outermost first. */
  containerHeading: string;
  /** Topics of the container (chapter…) and of the article heading, as short flags. */
  container: Set<ContainerTopic>;
  article: Set<ContainerTopic>;
  /** Topics of the document's own title ("Digital Economy Agreement", "Co-production Agreement"). */
  document: Set<ContainerTopic>;
  documentTitle: string;
  /** The nearest article (or the provision itself), whose id paragraph tags roll up to. */
  articleId: string;
  sourceId?: string;
}

export type ContainerTopic =
  | 'ecommerce'
  | 'telecom'
  | 'exceptions'
  | 'culture'
  | 'cooperation'
  | 'definitions'
  | 'scope'
  | 'ip'
  | 'procurement'
  | 'customs'
  | 'dispute'
  | 'objectives';

const TOPICS: [ContainerTopic, RegExp][] = [
  ['ecommerce', ECOMMERCE_HEADING],
  ['telecom', TELECOM_HEADING],
  ['exceptions', EXCEPTIONS_HEADING],
  ['culture', CULTURE_HEADING],
  ['cooperation', COOPERATION_HEADING],
  ['definitions', DEFINITIONS_HEADING],
  ['scope', SCOPE_HEADING],
  ['ip', IP_HEADING],
  ['procurement', PROCUREMENT_HEADING],
  ['customs', CUSTOMS_HEADING],
  ['dispute', DISPUTE_HEADING],
  ['objectives', OBJECTIVES_HEADING],
];

// "Trade in Services, Establishment and Electronic Commerce" is a services chapter that also
// holds e-commerce: only a heading about e-commerce alone makes an e-commerce chapter.
const MIXED_ECOMMERCE = /services|establishment|investment|servicios|inversi|[ée]tablissement/i;

function topics(heading: string): Set<ContainerTopic> {
  const out = new Set<ContainerTopic>();
  for (const part of heading.split(' / ')) {
    if (!part) continue;
    for (const [topic, re] of TOPICS) {
      if (re.test(part) && !(topic === 'ecommerce' && MIXED_ECOMMERCE.test(part))) out.add(topic);
    }
  }
  return out;
}

const ANNEX_KINDS = new Set(['annex', 'appendix', 'protocol', 'side-letter']);
const CONTAINER_KINDS = new Set(['part', 'title', 'chapter', 'section', 'subsection', ...ANNEX_KINDS]);
const ARTICLE_KINDS = new Set(['article', 'preamble', 'signatures']);

// The next article's heading glued to the end of a provision by the source ("… in Article 98.
// SOCIAL AND CULTURAL COOPERATION"): two or more capitalised words after the last full stop.
const GLUED_HEADING =
  /(?<=[.;:])(\s+(?:(?:[IVXLC]+|\d+)[.)]?\s+)?\p{Lu}[\p{Lu}'’-]+(?:[\s,]+(?:AND|OR|OF|THE|ET|DE|Y|\p{Lu}[\p{Lu}'’-]+))+)\s*$/u;

/**
 * The text rules read: typographic apostrophes made straight (typeset French writes "s’applique")
 * and a glued heading blanked. Same length, so evidence offsets still index the provision's text.
 */
export function normalise(text: string): string {
  const straight = text.includes('’') ? text.replace(/’/g, "'") : text;
  // Cheap test first: only a text ending in a capital can end in a glued heading.
  if (!/\p{Lu}\s*$/u.test(straight.slice(-3))) return straight;
  return straight.replace(GLUED_HEADING, (m) => ' '.repeat(m.length));
}

const L = '\\p{L}\\p{N}';
// Function words that OCR and careless typesetting glue to the next word ("theaudiovisual",
// "delpatrimonio", "ycultural") or to the previous one ("treasuresof", "patrimoniode").
const GLUED_BEFORE = 'of|the|and|to|for|by|with|in|on|de|des|du|la|le|les|et|en|au|aux|del|los|las|el|y|con|por|para';
// After a word, only those no inflection ends in: "-ation" + "on", "culturel" + "le", "cultura"
// + "les", "audiovisu" + "el" are whole words.
const GLUED_AFTER = 'of|the|and|to|for|by|with|de|des|du|et|del|con|por|para';
const WORD = `(?:${TRIGGER_WORDS.join('|')})`;
const RUN_TOGETHER = new RegExp(
  `(?<![${L}])(?:((?:${GLUED_BEFORE})+)(?=${WORD}(?![${L}]))|(${WORD})(?=(?:${GLUED_AFTER})(?![${L}])))`,
  'giu',
);

/**
 * Splits a function word run together with a word the rules look for ("national treasuresof
 * artistic value", "dans le domaine ducinéma", "protección delpatrimonio cultural"), so that the
 * rules and features see two words. `inserted` lists where spaces went, in the new text.
 */
export function unglue(text: string): { text: string; inserted: number[] } {
  RUN_TOGETHER.lastIndex = 0;
  const found = RUN_TOGETHER.test(text);
  RUN_TOGETHER.lastIndex = 0; // matchAll starts where test() stopped
  if (!found) return { text, inserted: [] };
  const inserted: number[] = [];
  let out = '';
  let from = 0;
  for (const m of text.matchAll(RUN_TOGETHER)) {
    const at = m.index + (m[1] ?? m[2] ?? '').length;
    out += `${text.slice(from, at)} `;
    inserted.push(out.length - 1);
    from = at;
  }
  return { text: out + text.slice(from), inserted };
}

const same = (offset: number) => offset;

/** Maps offsets of an unglued text back: each inserted space before an offset shifts it by one. */
function sourceOffsets(inserted: number[]): (offset: number) => number {
  if (!inserted.length) return same;
  return (offset) => {
    let shift = 0;
    while (shift < inserted.length && (inserted[shift] ?? Number.POSITIVE_INFINITY) < offset) shift++;
    return offset - shift;
  };
}

/** Contexts of every provision of a document, in document order. */
export function contexts(document: AgreementDocument): ProvisionContext[] {
  const titled = topics(document.title);
  const memo = new Map<string, ProvisionContext>();
  const out: ProvisionContext[] = [];
  for (const provision of document.provisions) {
    const parent = provision.parentId ? memo.get(provision.parentId) : undefined;
    let placement: Placement = parent?.placement ?? 'body';
    if (provision.kind === 'preamble') placement = 'preamble';
    else if (ANNEX_KINDS.has(provision.kind)) placement = 'protocol-or-annex';
    let containerHeading = parent?.containerHeading ?? '';
    let articleHeading = parent?.articleHeading ?? '';
    let articleId = parent?.articleId ?? provision.id;
    let sourceId = parent?.sourceId;
    if (CONTAINER_KINDS.has(provision.kind)) {
      containerHeading = [containerHeading, provision.heading ?? ''].filter(Boolean).join(' / ');
    }
    // An article (or a unit standing for one) starts a new article; a chapter or annex ends the last.
    const startsArticle = ARTICLE_KINDS.has(provision.kind) || !parent;
    if (startsArticle || CONTAINER_KINDS.has(provision.kind)) {
      articleHeading = startsArticle ? (provision.heading ?? '') : '';
      articleId = provision.id;
      sourceId = provision.sourceId;
    }
    const { text, inserted } = unglue(normalise(provision.text));
    const context: ProvisionContext = {
      provision,
      text,
      sourceOffset: sourceOffsets(inserted),
      language: document.language,
      placement,
      articleHeading,
      containerHeading,
      container: parent && containerHeading === parent.containerHeading ? parent.container : topics(containerHeading),
      article: topics(articleHeading),
      document: titled,
      documentTitle: document.title,
      articleId,
      ...(sourceId ? { sourceId } : {}),
    };
    memo.set(provision.id, context);
    out.push(context);
  }
  return out;
}
