import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type FidelityResult, summarise } from './evaluate.ts';
import type { Layout } from './render.ts';
import { languageSample, sampleAgreements, totaDir } from './sample.ts';

const dir = totaDir();

async function evaluate(files: string[], layout: Layout) {
  const results: FidelityResult[] = [];
  for (const f of files) results.push(await evaluateAgreement(f, layout));
  return summarise(results, layout);
}

// A slice of the fidelity evaluation (`pnpm eval:fidelity` runs 50 agreements): same targets.
describe.skipIf(!dir)('fidelity slice: ToTA agreements typeset to PDF and parsed back', () => {
  it.each(['single', 'two-column'] as const)(
    '%s layout meets recall, precision and similarity targets',
    async (layout) => {
      const s = await evaluate(
        sampleAgreements(dir ?? '', 50).filter((_, i) => i % 10 === 3),
        layout,
      );
      expect(s.agreements).toBe(5);
      expect(s.recall).toBeGreaterThanOrEqual(0.99);
      expect(s.precision).toBeGreaterThanOrEqual(0.99);
      expect(s.similarity).toBeGreaterThanOrEqual(0.98);
      expect(s.footnoteAttachment).toBeGreaterThanOrEqual(0.95);
    },
  );

  // Three English agreements of the slice above, both French ones and the smallest Spanish one.
  it.each(['gazette', 'contents', 'xref', 'html', 'text-wrapped', 'text-oneline'] as const)(
    '%s layout meets recall, precision and similarity targets in English, French and Spanish',
    async (layout) => {
      const files = [
        ...sampleAgreements(dir ?? '', 50)
          .filter((_, i) => i % 10 === 3)
          .slice(0, 3),
        ...languageSample(dir ?? '', 1),
      ];
      const s = await evaluate(files, layout);
      expect(s.agreements).toBe(6);
      expect(s.recall).toBeGreaterThanOrEqual(0.99);
      expect(s.precision).toBeGreaterThanOrEqual(0.99);
      expect(s.similarity).toBeGreaterThanOrEqual(0.98);
      if (layout.startsWith('text-')) expect(s.footnoteAttachment).toBeNull();
      else expect(s.footnoteAttachment).toBeGreaterThanOrEqual(0.95);
    },
  );
});
