// 32-bit hashes of n-grams. Collisions are rare enough for set measures (a corpus holds a few
// million distinct 5-grams against 2^32 values) and four bytes a gram keep fingerprints small.

/** MurmurHash3's finaliser: spreads every input bit over the output, so bottom-k sketches sample fairly. */
export function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units of `s[start, end)`, then mixed. */
export function hashString(s: string, start = 0, end = s.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** Order-dependent combination of word hashes `hashes[start, end)` into one gram hash. */
export function hashSequence(hashes: ArrayLike<number>, start: number, end: number): number {
  let h = 0x9e3779b9;
  for (let i = start; i < end; i++) h = Math.imul(((h << 5) | (h >>> 27)) ^ (hashes[i] ?? 0), 0x27d4eb2d);
  return mix32(h);
}
