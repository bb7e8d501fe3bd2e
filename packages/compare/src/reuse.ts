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
 * agreements hold each of its grams. A query walks the agreement's own grams only (each already
 * resolved to its place in the index at build time), so it does not grow with the corpus's
 * vocabulary.
 */
export class ReuseIndex {
  private readonly entries: { id: string; signed: string | null; grams: Uint32Array }[];
  private readonly byId: Map<string, number>;
  /** Distinct grams of the corpus, sorted; `postings[offsets[k], offsets[k + 1])` are the agreements holding `keys[k]`. */
  private readonly keys: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint32Array;

  constructor(entries: readonly ReuseEntry[]) {
    const words = entries.map((e) => agreementWords(e.fingerprint));
    this.byId = new Map(entries.map((e, i) => [e.id, i]));
    if (this.byId.size < entries.length)
      throw new CompareError('COMPARE_DUPLICATE_AGREEMENT', 'the reuse index was given the same agreement id twice');
    if (entries.length > MAX_AGREEMENTS)
      throw new CompareError('COMPARE_AGREEMENT_COUNT', `the reuse index holds at most ${MAX_AGREEMENTS} agreements`);
    // One number per (gram, agreement): gram · 2^20 + agreement stays exact in a double (2^52),
    // and a typed-array sort of those is the quickest way to group postings by gram.
    let total = 0;
    for (const w of words) total += w.length;
    const pairs = new Float64Array(total);
    let at = 0;
    words.forEach((w, i) => {
      for (const g of w) pairs[at++] = g * MAX_AGREEMENTS + i;
    });
    pairs.sort();
    const keys: number[] = [];
    const offsets: number[] = [];
    const postings = new Uint32Array(total);
    // each agreement's grams as places in `keys`, filled in key order (so sorted)
    const grams = words.map((w) => new Uint32Array(w.length));
    const filled = new Uint32Array(words.length);
    for (let p = 0; p < total; p++) {
      const v = pairs[p]!;
      const gram = Math.floor(v / MAX_AGREEMENTS);
      if (keys.length === 0 || keys[keys.length - 1] !== gram) {
        keys.push(gram);
        offsets.push(p);
      }
      const d = v - gram * MAX_AGREEMENTS;
      postings[p] = d;
      grams[d]![filled[d]!++] = keys.length - 1;
    }
    offsets.push(total);
    this.keys = Uint32Array.from(keys);
    this.offsets = Uint32Array.from(offsets);
    this.postings = postings;
    this.entries = entries.map((e, i) => ({ id: e.id, signed: e.signed, grams: grams[i]! }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The agreement's earlier agreements (signed strictly before it), most text supplied first. */
  predecessors(id: string, options: { limit?: number } = {}): ReuseReport {
    const x = this.byId.get(id);
    if (x === undefined) throw new CompareError('COMPARE_UNKNOWN_AGREEMENT', `no agreement ${id} in the reuse index`);
    const { signed, grams } = this.entries[x]!;
    // an undated agreement cannot be placed after anything
    const eligible = Uint8Array.from(this.entries, (e) =>
      signed !== null && e.signed !== null && e.signed < signed ? 1 : 0,
    );
    return { id, signed, ...this.sources(grams, grams.length, eligible, options.limit ?? 10) };
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
    const eligible = Uint8Array.from(this.entries, (e) =>
      signedBefore === undefined || (e.signed !== null && e.signed < signedBefore) ? 1 : 0,
    );
    const words = agreementWords(fingerprint);
    const places: number[] = [];
    let lo = 0;
    for (const g of words) {
      // the grams are sorted, so each search starts where the last one ended
      let hi = this.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.keys[mid]! < g) lo = mid + 1;
        else hi = mid;
      }
      if (this.keys[lo] === g) places.push(lo);
    }
    return this.sources(places, words.length, eligible, options.limit ?? 10);
  }

  /** Counts, for each eligible agreement, how many of the grams at `places` in the index it holds. */
  private sources(
    places: ArrayLike<number>,
    grams: number,
    eligible: Uint8Array,
    limit: number,
  ): Omit<ReuseReport, 'id' | 'signed'> {
    if (grams === 0 || !eligible.includes(1)) return { grams, predecessors: [], earlierShare: 0 };
    const shared = new Uint32Array(this.entries.length);
    let covered = 0;
    for (let i = 0; i < places.length; i++) {
      const k = places[i]!;
      let any = 0;
      for (let p = this.offsets[k]!, end = this.offsets[k + 1]!; p < end; p++) {
        const d = this.postings[p]!;
        const e = eligible[d]!;
        shared[d]! += e;
        any |= e;
      }
      covered += any;
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
