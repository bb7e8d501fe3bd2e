import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { totaDir } from './sample.ts';
import { scorePair, TEXT_PAIRS } from './text-pairs.ts';

const tota = totaDir();

// The shared plain-text agreements that ToTA also holds, scored against the XML (issue 9, point 2).
describe.skipIf(!tota)('shared text agreements against their ToTA XML', () => {
  it.each(TEXT_PAIRS)('$text: article recall and precision ≥ 0.99', async (pair) => {
    const s = await scorePair(resolve(tota ?? '', '..'), pair);
    expect(s.expected).toBeGreaterThan(200);
    expect(s.recall).toBeGreaterThanOrEqual(0.99);
    expect(s.precision).toBeGreaterThanOrEqual(0.99);
  });
});
