import type { AgreementDocument } from '@ccm/parser';
import { diffWords } from 'diff';
import { CompareError } from './errors.ts';
import { charGrams, wordGrams } from './fingerprint.ts';
import { normaliseText } from './normalise.ts';
import { containment, jaccard, unionOf } from './sets.ts';
import { reuseUnits } from './units.ts';

/** One run of a word-level diff from A's wording to B's. */
export interface WordChange {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

export interface ProvisionRef {
  /** null: the whole text of a document without provisions. */
  provisionId: string | null;
  citation: string;
}

/** A provision of A and its match in B. */
export interface AlignedProvision {
  a: ProvisionRef;
  b: ProvisionRef;
  /** Character 5-gram Jaccard of the two texts. */
  charJaccard: number;
  /** Share of A's word 5-grams found in B's text, and of B's in A's. */
  wordContainment: { aInB: number; bInA: number };
  /** Word diff from A to B; null when they differ by more than `maxEditLength` words. */
  diff: WordChange[] | null;
}

export interface AgreementComparison {
  /** Character 5-gram Jaccard of the two agreements' whole texts (Alschner & Skougarevskiy). */
  charJaccard: number;
  /** Share of A's word 5-grams found anywhere in B, and of B's in A (Allee & Elsig). */
  wordContainment: { aInB: number; bInA: number };
  /** A's provisions matched one-to-one in B, in A's order. */
  aligned: AlignedProvision[];
  /** Provisions with no match above the threshold. */
  unmatched: { a: ProvisionRef[]; b: ProvisionRef[] };
}

export interface CompareOptions {
  /** Least character 5-gram Jaccard for two provisions to be aligned. Default 0.3. */
  threshold?: number;
  /** Compute word diffs of aligned pairs. Default true. */
  diff?: boolean;
  /** Most words a diff may add and remove before it is given up (null). Default 500. */
  maxEditLength?: number;
}

/** An agreement ready to compare: its units with their gram sets, computed once. */
export interface PreparedAgreement {
  units: { ref: ProvisionRef; text: string; chars: Uint32Array; words: Uint32Array }[];
  chars: Uint32Array;
  words: Uint32Array;
}

export function prepare(document: AgreementDocument): PreparedAgreement {
  const units = reuseUnits(document).flatMap((u) => {
    const normalised = normaliseText(u.text);
    if (normalised === '') return [];
    const ref = { provisionId: u.provisionId, citation: u.citation };
    return [{ ref, text: u.text, chars: charGrams(normalised), words: wordGrams(normalised) }];
  });
  return { units, chars: unionOf(units.map((u) => u.chars)), words: unionOf(units.map((u) => u.words)) };
}

/**
 * Aligns A's provisions with B's and measures both agreements.
 *
 * The alignment is one-to-one, not monotone: agreements that copy each other often reorder
 * chapters (an e-commerce chapter moved after services, a new chapter inserted), which a
 * monotone alignment would have to leave unmatched; one-to-one keeps a boilerplate provision of B
 * from standing as the match of every look-alike in A. Pairs are taken greedily, most similar
 * first: copied provisions are far more alike than anything else, so greedy picks them as an
 * optimal matching would.
 */
export function compareAgreements(
  a: AgreementDocument | PreparedAgreement,
  b: AgreementDocument | PreparedAgreement,
  options: CompareOptions = {},
): AgreementComparison {
  const { threshold = 0.3, diff = true, maxEditLength = 500 } = options;
  const pa = 'units' in a ? a : prepare(a);
  const pb = 'units' in b ? b : prepare(b);
  const candidates = candidatePairs(pa, pb, threshold);
  candidates.sort((x, y) => y.similarity - x.similarity || x.ia - y.ia || x.ib - y.ib);
  const takenA = new Set<number>();
  const takenB = new Set<number>();
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (takenA.has(c.ia) || takenB.has(c.ib)) continue;
    takenA.add(c.ia);
    takenB.add(c.ib);
    chosen.push(c);
  }
  chosen.sort((x, y) => x.ia - y.ia);
  const aligned = chosen.map(({ ia, ib, similarity }): AlignedProvision => {
    const ua = pa.units[ia]!;
    const ub = pb.units[ib]!;
    return {
      a: ua.ref,
      b: ub.ref,
      charJaccard: similarity,
      wordContainment: { aInB: containment(ua.words, ub.words), bInA: containment(ub.words, ua.words) },
      diff: diff ? wordDiff(ua.text, ub.text, maxEditLength) : null,
    };
  });
  return {
    charJaccard: jaccard(pa.chars, pb.chars),
    wordContainment: { aInB: containment(pa.words, pb.words), bInA: containment(pb.words, pa.words) },
    aligned,
    unmatched: {
      a: pa.units.filter((_, i) => !takenA.has(i)).map((u) => u.ref),
      b: pb.units.filter((_, i) => !takenB.has(i)).map((u) => u.ref),
    },
  };
}

interface Candidate {
  ia: number;
  ib: number;
  similarity: number;
}

/**
 * Every pair of units whose character 5-gram Jaccard reaches `threshold`. Shared grams are counted
 * through an inverted index of B's grams, so only pairs sharing something are ever intersected.
 */
function candidatePairs(pa: PreparedAgreement, pb: PreparedAgreement, threshold: number): Candidate[] {
  const postings = new Map<number, number[]>();
  pb.units.forEach((u, ib) => {
    for (const g of u.chars) {
      const list = postings.get(g);
      if (list) list.push(ib);
      else postings.set(g, [ib]);
    }
  });
  const shared = new Int32Array(pb.units.length);
  const touched: number[] = [];
  const out: Candidate[] = [];
  pa.units.forEach((ua, ia) => {
    for (const g of ua.chars) {
      const list = postings.get(g);
      if (!list) continue;
      for (const ib of list) if (shared[ib]!++ === 0) touched.push(ib);
    }
    for (const ib of touched) {
      const n = shared[ib]!;
      shared[ib] = 0;
      const similarity = n / (ua.chars.length + pb.units[ib]!.chars.length - n);
      if (similarity >= threshold && similarity > 0) out.push({ ia, ib, similarity });
    }
    touched.length = 0;
  });
  return out;
}

/** Word diff of two provision texts (case changes show: the diff is of the wording as printed). */
export function wordDiff(a: string, b: string, maxEditLength = 500): WordChange[] | null {
  const changes = diffWords(a, b, { maxEditLength });
  if (!changes) return null;
  return changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}

export interface TextSimilarity {
  charJaccard: number;
  /** Share of A's word 5-grams found in B. */
  aInB: number;
  bInA: number;
}

/** Similarity of two texts by both measures (what the alignment reports for a pair). */
export function textSimilarity(a: string, b: string): TextSimilarity {
  const na = normaliseText(a);
  const nb = normaliseText(b);
  const wa = wordGrams(na);
  const wb = wordGrams(nb);
  return { charJaccard: jaccard(charGrams(na), charGrams(nb)), aInB: containment(wa, wb), bInA: containment(wb, wa) };
}

/** Every pair of 2–4 agreements, each compared once (i < j), for a side-by-side view. */
export interface PairwiseComparison {
  a: number;
  b: number;
  comparison: AgreementComparison;
}

export function comparePairwise(
  documents: readonly AgreementDocument[],
  options: CompareOptions = {},
): PairwiseComparison[] {
  if (documents.length < 2 || documents.length > 4)
    throw new CompareError('COMPARE_AGREEMENT_COUNT', `compare takes 2 to 4 agreements, not ${documents.length}`);
  const prepared = documents.map(prepare);
  const pairs: PairwiseComparison[] = [];
  for (let i = 0; i < prepared.length; i++)
    for (let j = i + 1; j < prepared.length; j++)
      pairs.push({ a: i, b: j, comparison: compareAgreements(prepared[i]!, prepared[j]!, options) });
  return pairs;
}
