import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type FidelityResult, summarise } from './evaluate.ts';
import { sampleAgreements, totaDir } from './sample.ts';

const dir = totaDir();

// A slice of the fidelity evaluation (`pnpm eval:fidelity` runs 50 agreements): same targets.
describe.skipIf(!dir)('fidelity slice: ToTA agreements typeset to PDF and parsed back', () => {
  it.each(['single', 'two-column'] as const)(
    '%s layout meets recall, precision and similarity targets',
    async (layout) => {
      const files = sampleAgreements(dir ?? '', 50).filter((_, i) => i % 10 === 3);
      const results: FidelityResult[] = [];
      for (const f of files) results.push(await evaluateAgreement(f, layout));
      const s = summarise(results, layout);
      expect(s.agreements).toBe(5);
      expect(s.recall).toBeGreaterThanOrEqual(0.99);
      expect(s.precision).toBeGreaterThanOrEqual(0.99);
      expect(s.similarity).toBeGreaterThanOrEqual(0.98);
      expect(s.footnoteAttachment).toBeGreaterThanOrEqual(0.95);
    },
  );
});
