/** The tag ids of ../shared/spec/taxonomy.md (v1). Stable strings: never rename one without a migration. */
export const TAG_IDS = [
  'cdce.reference',
  'cdce.principles',
  'culture.instrument',
  'culture.exemption',
  'culture.audiovisual_exclusion',
  'culture.policy_space',
  'culture.heritage_exception',
  'culture.cooperation',
  'culture.preferential_treatment',
  'ecommerce.provision',
  'ecommerce.cultural_specificity',
] as const;

export type TagId = (typeof TAG_IDS)[number];

/** Taxonomy rules: a provision with the first tag also carries the second. */
export const IMPLIED_TAGS: readonly (readonly [TagId, TagId])[] = [
  ['ecommerce.cultural_specificity', 'ecommerce.provision'],
  ['cdce.reference', 'cdce.principles'],
];

/** How binding the words are: "shall" / "shall endeavour", "may", "recognise" / text of a preamble. */
export type Strength = 'binding' | 'soft' | 'preambular';

/** What a `culture.exemption` excludes culture from: the whole agreement, a chapter, or one article. */
export type ExemptionScope = 'agreement' | 'chapter' | 'article';

/** Where a provision sits in the agreement; the scorecard reports where each Convention reference is. */
export type Placement = 'preamble' | 'body' | 'protocol-or-annex';

/** A span of the provision's own text (`Provision.text`), end-exclusive, with the words it covers. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface Tag {
  tag: TagId;
  strength: Strength;
  /** Calibrated probability that the tag is right (on the dev gold, cross-validated). */
  confidence: number;
  evidence: Evidence[];
  /** The rules and context that fired, short and human-readable. */
  why: string[];
  /** Only on `culture.exemption`. */
  scope?: ExemptionScope;
  /**
   * On an article's tag rolled up from one of its paragraphs: that paragraph, whose text the
   * evidence spans index. Absent when the evidence is in the provision's own text.
   */
  fromProvisionId?: string;
}

/** One provision of an agreement with its tags. Provisions without tags are kept, with `tags: []`. */
export interface ClassifiedProvision {
  provisionId: string;
  parentId: string | null;
  kind: string;
  number: string | null;
  heading: string | null;
  pageStart: number;
  pageEnd: number;
  /** The source's identifier of the article this provision belongs to (ToTA's `article_identifier`). */
  sourceId?: string;
  placement: Placement;
  language: string;
  tags: Tag[];
}

export interface Classification {
  /** Version of the rules and model that produced the tags, for reproducible exports. */
  classifier: string;
  language: string;
  provisions: ClassifiedProvision[];
}
