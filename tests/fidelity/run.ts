import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateAgreement, type FidelityResult, summarise } from './evaluate.ts';
import type { Layout } from './render.ts';
import { sampleAgreements, totaDir } from './sample.ts';

// Usage: pnpm eval:fidelity [count]   (default 50 agreements, both layouts)
const count = Number(process.argv[2] ?? 50);
const dir = totaDir();
if (!dir) {
  console.error('No ToTA corpus found: set CCM_TOTA_DIR or place it at ../shared/corpus/tota');
  process.exit(1);
}
const files = sampleAgreements(dir, count);
const layouts: Layout[] = ['single', 'two-column'];
const results: FidelityResult[] = [];
const started = performance.now();
for (const file of files) {
  for (const layout of layouts) {
    const r = await evaluateAgreement(file, layout);
    results.push(r);
    const flag = r.matched < r.expected || r.matched < r.parsed || r.similarity < 0.98 ? '  <' : '';
    console.error(
      `pta_${r.id.padEnd(4)} ${layout.padEnd(10)} pages ${String(r.pages).padStart(4)}  articles ${r.matched}/${r.expected} (parsed ${r.parsed})  similarity ${r.similarity.toFixed(4)}${flag}`,
    );
  }
}
console.log(
  `\nFidelity on ${files.length} ToTA agreements rendered to PDF (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
console.log('layout       agreements  recall  precision  similarity  footnotes attached');
for (const layout of layouts) {
  const s = summarise(results, layout);
  console.log(
    `${layout.padEnd(12)} ${String(s.agreements).padStart(10)}  ${s.recall.toFixed(4)}  ${s.precision.toFixed(4)}     ${s.similarity.toFixed(4)}      ${s.footnoteAttachment.toFixed(4)}`,
  );
}
const out = resolve(import.meta.dirname, '../../.eval');
mkdirSync(out, { recursive: true });
writeFileSync(
  resolve(out, 'fidelity.json'),
  JSON.stringify({ summary: layouts.map((l) => summarise(results, l)), results }, null, 2),
);
console.log(`\nPer-agreement results: ${resolve(out, 'fidelity.json')}`);
