// Sets of gram hashes are sorted Uint32Arrays of distinct values: compact, serialisable, and
// intersected by one merge.

/** Sorted distinct values of `values` (sorted in place). */
export function toSet(values: Uint32Array): Uint32Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  return values.subarray(0, n);
}

/** The union of sorted sets, sorted. */
export function unionOf(sets: readonly Uint32Array[]): Uint32Array {
  let total = 0;
  for (const s of sets) total += s.length;
  const all = new Uint32Array(total);
  let at = 0;
  for (const s of sets) {
    all.set(s, at);
    at += s.length;
  }
  return toSet(all);
}

/** How many values two sorted sets share. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty (nothing to share). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** |A ∩ B| / |A|: the share of A found in B; 0 when A is empty. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  return a.length === 0 ? 0 : intersectionSize(a, b) / a.length;
}

/** The `k` smallest values of a sorted set: a bottom-k sketch of it (hashes are uniform, so a fair sample). */
export function bottomK(set: Uint32Array, k: number): Uint32Array {
  return set.slice(0, k);
}

/**
 * Jaccard estimated from two bottom-k sketches (Broder): among the k smallest hashes of the union,
 * the share present in both. Exact when both sets are smaller than k.
 */
export function sketchJaccard(a: Uint32Array, b: Uint32Array, k: number): number {
  let i = 0;
  let j = 0;
  let seen = 0;
  let both = 0;
  while (seen < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < b.length ? b[j]! : Number.POSITIVE_INFINITY;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    seen++;
  }
  return seen === 0 ? 0 : both / seen;
}
