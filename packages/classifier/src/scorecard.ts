import type { Classification, ClassifiedProvision, Placement, Tag, TagId } from './types.ts';

export type CheckId =
  | '18-preferential-treatment'
  | '19.1-cultural-instruments'
  | '19.4-cultural-clause'
  | '19.4-ecommerce-cultural-specificity'
  | '19.5-convention-reference'
  | 'art21-convention-principles'
  | '19.5-policy-space';

/** One provision that makes a check pass: where it is ("Article 12.4, paragraph 2", page) and what it says. */
export interface CheckEvidence {
  provisionId: string;
  /** "Chapter 12 › Article 12.4 › paragraph 2". */
  citation: string;
  pageStart: number;
  placement: Placement;
  tag: TagId;
  strength: Tag['strength'];
  confidence: number;
  /** The words that prove it (the tag's first evidence span). */
  quote: string;
}

/** Taxonomy v1.1: a check passes, fails, or (the e-commerce check only) does not apply. */
export type CheckStatus = 'pass' | 'fail' | 'not_applicable';

export interface Check {
  id: CheckId;
  /** "19.4 · cultural clause", as taxonomy.md names it. */
  title: string;
  status: CheckStatus;
  /** One line: why it passes, what is missing, or why it does not apply. */
  explanation: string;
  /**
   * For a pass, the provisions that make it pass; for a failure, the provisions that cause it
   * where there are any (e-commerce provisions without a cultural carve-out; cultural instruments
   * cited only in the preamble); empty otherwise.
   */
  evidence: CheckEvidence[];
}

export interface Scorecard {
  classifier: string;
  /** Checks that pass, fail, and do not apply; `total` counts them all. */
  passed: number;
  failed: number;
  notApplicable: number;
  total: number;
  checks: Check[];
  /** Where each explicit Convention reference sits (19.5 asks for it). */
  conventionReferences: Record<Placement, number>;
}

const LABEL: Record<string, string> = {
  part: 'Part',
  title: 'Title',
  chapter: 'Chapter',
  section: 'Section',
  subsection: 'Subsection',
  article: 'Article',
  paragraph: 'paragraph',
  annex: 'Annex',
  appendix: 'Appendix',
  protocol: 'Protocol',
  'side-letter': 'Side letter',
  preamble: 'Preamble',
  signatures: 'Final provisions',
};

function citationOf(p: ClassifiedProvision, byId: Map<string, ClassifiedProvision>): string {
  const chain: string[] = [];
  for (let q: ClassifiedProvision | undefined = p; q; q = q.parentId ? byId.get(q.parentId) : undefined) {
    chain.unshift([LABEL[q.kind] ?? q.kind, q.number].filter(Boolean).join(' '));
  }
  return chain.join(' › ');
}

interface Found {
  provision: ClassifiedProvision;
  tag: Tag;
}

/**
 * The Guidelines 18–19 scorecard of one classified agreement, exactly as taxonomy.md (v1.1)
 * defines it. Provisions count once per article: a paragraph's tag counts through its article,
 * which carries it rolled up, and is cited at the paragraph where its evidence is.
 */
export function scorecard(classification: Classification): Scorecard {
  const byId = new Map(classification.provisions.map((p) => [p.provisionId, p]));
  const rolledUp = new Set<string>();
  for (const p of classification.provisions)
    for (const t of p.tags) if (t.fromProvisionId) rolledUp.add(`${t.fromProvisionId} ${t.tag}`);
  const found = new Map<TagId, Found[]>();
  for (const provision of classification.provisions) {
    for (const tag of provision.tags) {
      if (rolledUp.has(`${provision.provisionId} ${tag.tag}`)) continue;
      const list = found.get(tag.tag) ?? [];
      list.push({ provision, tag });
      found.set(tag.tag, list);
    }
  }
  const any = (...tags: TagId[]) => tags.flatMap((t) => found.get(t) ?? []);
  const evidence = (list: Found[]): CheckEvidence[] =>
    list.map(({ provision: article, tag }) => {
      const provision = (tag.fromProvisionId && byId.get(tag.fromProvisionId)) || article;
      return {
        provisionId: provision.provisionId,
        citation: citationOf(provision, byId),
        pageStart: provision.pageStart,
        placement: provision.placement,
        tag: tag.tag,
        strength: tag.strength,
        confidence: tag.confidence,
        quote: tag.evidence[0]?.text ?? '',
      };
    });
  const checks: Check[] = [];
  /** A check that passes when `list` is not empty; a failure cites `causes`. */
  const check = (id: CheckId, title: string, list: Found[], pass: string, fail: string, causes: Found[] = []) =>
    checks.push(
      list.length > 0
        ? { id, title, status: 'pass', explanation: pass, evidence: evidence(list) }
        : { id, title, status: 'fail', explanation: fail, evidence: evidence(causes) },
    );

  const preferential = any('culture.preferential_treatment');
  check(
    '18-preferential-treatment',
    '18 · preferential treatment',
    preferential,
    `${preferential.length} provision(s) give preference to cultural goods, services or artists of developing countries.`,
    'No preferential treatment for cultural goods, services or artists of developing countries (Article 16).',
  );

  const instruments = any('cdce.reference', 'culture.instrument');
  const inBody = instruments.filter((f) => f.provision.placement !== 'preamble');
  check(
    '19.1-cultural-instruments',
    '19.1 · coherence with cultural instruments',
    inBody,
    `The Convention or another cultural instrument is cited in the operative text (${inBody.length} provision(s)).`,
    instruments.length
      ? 'Cultural instruments are cited only in the preamble, not in the operative text.'
      : 'No reference to the Convention or to another international cultural instrument.',
    instruments,
  );

  const clause = any('culture.exemption', 'culture.audiovisual_exclusion', 'culture.policy_space');
  check(
    '19.4-cultural-clause',
    '19.4 · cultural clause',
    clause,
    `${clause.length} cultural clause(s): exemption, audiovisual exclusion or policy space.`,
    'No cultural exemption, audiovisual exclusion or cultural policy space.',
  );

  const ecommerce = any('ecommerce.provision');
  const specific = any('ecommerce.cultural_specificity');
  const horizontal = any('culture.exemption').filter((f) => f.tag.scope === 'agreement');
  const digital = {
    id: '19.4-ecommerce-cultural-specificity' as const,
    title: '19.4 · e-commerce recognises cultural specificity',
  };
  if (ecommerce.length === 0) {
    checks.push({
      ...digital,
      status: 'not_applicable',
      explanation: 'No e-commerce provisions: the agreement has no digital-trade rules to carve culture out of.',
      evidence: [],
    });
  } else {
    const carvedOut = new Set(specific.map((f) => f.provision.provisionId));
    check(
      digital.id,
      digital.title,
      specific.length ? specific : horizontal,
      specific.length
        ? `The e-commerce provisions carve out cultural or audiovisual content (${specific.length} provision(s)).`
        : 'A cultural exemption covering the whole agreement also covers the e-commerce provisions.',
      `${ecommerce.length} e-commerce provision(s) with no cultural carve-out and no agreement-wide cultural exemption.`,
      ecommerce.filter((f) => !carvedOut.has(f.provision.provisionId)),
    );
  }

  const references = any('cdce.reference');
  const where: Record<Placement, number> = { preamble: 0, body: 0, 'protocol-or-annex': 0 };
  for (const f of references) where[f.provision.placement]++;
  const placed = (Object.entries(where) as [Placement, number][])
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${n} in the ${p === 'protocol-or-annex' ? 'protocols or annexes' : p}`)
    .join(', ');
  check(
    '19.5-convention-reference',
    '19.5 · explicit reference to the Convention',
    references,
    `The 2005 Convention is named: ${placed}.`,
    'The 2005 Convention is never named.',
  );

  const principles = any('cdce.principles', 'cdce.reference');
  check(
    'art21-convention-principles',
    'Art. 21 · Convention principles',
    principles,
    `The Convention or its principles are invoked in ${principles.length} provision(s).`,
    'Neither the Convention nor its principles (cultural diversity, cultural policy, dual nature) are invoked.',
  );

  const space = any('culture.policy_space', 'culture.exemption');
  check(
    '19.5-policy-space',
    '19.5 · policy space preserved',
    space,
    `Policy space for culture is preserved in ${space.length} provision(s).`,
    'No right to regulate for culture and no cultural exemption.',
  );

  return {
    classifier: classification.classifier,
    passed: checks.filter((c) => c.status === 'pass').length,
    failed: checks.filter((c) => c.status === 'fail').length,
    notApplicable: checks.filter((c) => c.status === 'not_applicable').length,
    total: checks.length,
    checks,
    conventionReferences: where,
  };
}
