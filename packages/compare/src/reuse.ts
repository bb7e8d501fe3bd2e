import { CompareError } from './errors.ts';
import { type AgreementFingerprint, agreementWords } from './fingerprint.ts';
import { containment } from './sets.ts';

/** An agreement as the reuse index sees it. */
export interface ReuseEntry {
  id: string;
  /** Date of signature, ISO `YYYY-MM-DD`; null when unknown (it then has no predecessors and is none). */
  signed: string | null;
  fingerprint: AgreementFingerprint;
}

/** An earlier agreement and how much of a later one's text (or a draft's) it supplies. */
export interface Predecessor {
  id: string;
  signed: string | null;
  /** Share of the later agreement's distinct word 5-grams found in this one. */
  share: number;
  /** Those word 5-grams, counted. */
  sharedGrams: number;
}

export interface ReuseReport {
  id: string;
  signed: string | null;
  /** Distinct word 5-grams of the agreement. */
  grams: number;
  /** Earlier agreements, most text supplied first. */
  predecessors: Predecessor[];
  /** Share of its word 5-grams found in at least one of those agreements. */
  earlierShare: number;
}

/** Agreements an index can hold: postings are packed as gram · 2^20 + agreement. */
const MAX_AGREEMENTS = 1_048_576;

/**
 * An inverted index over the corpus's word 5-grams, built once: for one agreement, which earlier
 * agreements hold each of its grams. A query walks the agreement's own grams only, so it stays
 * fast whatever the size of the corpus (a few milliseconds for ToTA's 450 agreements).
 */
export class ReuseIndex {
  private readonly entries: { id: string; signed: string | null; words: Uint32Array }[];
  private readonly byId: Map<string, number>;
  /** Distinct grams of the corpus, sorted; `postings[offsets[k], offsets[k + 1])` are the agreements holding `keys[k]`. */
  private readonly keys: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint32Array;

  constructor(entries: readonly ReuseEntry[]) {
    this.entries = entries.map((e) => ({ id: e.id, signed: e.signed, words: agreementWords(e.fingerprint) }));
    this.byId = new Map(this.entries.map((e, i) => [e.id, i]));
    if (this.byId.size < this.entries.length)
      throw new CompareError('COMPARE_DUPLICATE_AGREEMENT', 'the reuse index was given the same agreement id twice');
    if (this.entries.length > MAX_AGREEMENTS)
      throw new CompareError('COMPARE_AGREEMENT_COUNT', `the reuse index holds at most ${MAX_AGREEMENTS} agreements`);
    // One number per (gram, agreement): gram · 2^20 + agreement stays exact in a double (2^52),
    // and a typed-array sort of those is the quickest way to group postings by gram.
    let total = 0;
    for (const e of this.entries) total += e.words.length;
    const pairs = new Float64Array(total);
    let at = 0;
    this.entries.forEach((e, i) => {
      for (const g of e.words) pairs[at++] = g * MAX_AGREEMENTS + i;
    });
    pairs.sort();
    const keys: number[] = [];
    const offsets: number[] = [];
    const postings = new Uint32Array(total);
    for (let p = 0; p < total; p++) {
      const v = pairs[p]!;
      const gram = Math.floor(v / MAX_AGREEMENTS);
      if (keys.length === 0 || keys[keys.length - 1] !== gram) {
        keys.push(gram);
        offsets.push(p);
      }
      postings[p] = v - gram * MAX_AGREEMENTS;
    }
    offsets.push(total);
    this.keys = Uint32Array.from(keys);
    this.offsets = Uint32Array.from(offsets);
    this.postings = postings;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The agreement's earlier agreements (signed strictly before it), most text supplied first. */
  predecessors(id: string, options: { limit?: number } = {}): ReuseReport {
    const x = this.byId.get(id);
    if (x === undefined) throw new CompareError('COMPARE_UNKNOWN_AGREEMENT', `no agreement ${id} in the reuse index`);
    const { signed, words } = this.entries[x]!;
    // an undated agreement cannot be placed after anything
    const sources = signed === null ? [] : this.entries.map((e) => e.signed !== null && e.signed < signed);
    return { id, signed, ...this.sources(words, sources, options.limit ?? 10) };
  }

  /**
   * The indexed agreements a text outside the index draws on (a confidential draft, which is never
   * indexed): all of them, or those signed before `signedBefore`.
   */
  sourcesOf(
    fingerprint: AgreementFingerprint,
    options: { signedBefore?: string; limit?: number } = {},
  ): Omit<ReuseReport, 'id' | 'signed'> {
    const { signedBefore } = options;
    const sources = this.entries.map(
      (e) => signedBefore === undefined || (e.signed !== null && e.signed < signedBefore),
    );
    return this.sources(agreementWords(fingerprint), sources, options.limit ?? 10);
  }

  private sources(words: Uint32Array, eligible: boolean[], limit: number): Omit<ReuseReport, 'id' | 'signed'> {
    const grams = words.length;
    if (grams === 0 || !eligible.includes(true)) return { grams, predecessors: [], earlierShare: 0 };
    const shared = new Uint32Array(this.entries.length);
    let covered = 0;
    let lo = 0;
    for (const g of words) {
      // the grams are sorted, so each search starts where the last one ended
      let hi = this.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.keys[mid]! < g) lo = mid + 1;
        else hi = mid;
      }
      if (this.keys[lo] !== g) continue;
      let any = false;
      for (let p = this.offsets[lo]!; p < this.offsets[lo + 1]!; p++) {
        const d = this.postings[p]!;
        if (eligible[d]) {
          shared[d]!++;
          any = true;
        }
      }
      if (any) covered++;
    }
    const predecessors: Predecessor[] = [];
    shared.forEach((n, d) => {
      const e = this.entries[d]!;
      if (n > 0) predecessors.push({ id: e.id, signed: e.signed, share: n / grams, sharedGrams: n });
    });
    predecessors.sort((p, q) => q.sharedGrams - p.sharedGrams || p.id.localeCompare(q.id));
    return { grams, predecessors: predecessors.slice(0, limit), earlierShare: covered / grams };
  }
}

/**
 * Where an agreement's text comes from, provision by provision: for each of its units, the share
 * of its word 5-grams found anywhere in `source` (an earlier agreement the index named).
 */
export function provisionShares(
  agreement: AgreementFingerprint,
  source: AgreementFingerprint,
): { provisionId: string | null; share: number }[] {
  const words = agreementWords(source);
  return agreement.provisions.map((p) => ({ provisionId: p.provisionId, share: containment(p.words, words) }));
}
