import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateAgreement, type FidelityResult, type FidelitySummary, summarise } from './evaluate.ts';
import { LAYOUTS, type Layout } from './render.ts';
import { languageSample, sampleAgreements, totaDir } from './sample.ts';

// Usage: pnpm eval:fidelity [count] [layout,layout…]
//   count agreements evenly spread over ToTA (default 50), plus every French one and a few
//   Spanish ones; every layout unless some are named.
const count = Number(process.argv[2] ?? 50);
const chosen = process.argv[3]?.split(',') ?? [...LAYOUTS];
const unknown = chosen.filter((l) => !(LAYOUTS as readonly string[]).includes(l));
if (unknown.length > 0) {
  console.error(`Unknown layout ${unknown.join(', ')}; layouts: ${LAYOUTS.join(', ')}`);
  process.exit(1);
}
const layouts = chosen as Layout[];
const dir = totaDir();
if (!dir) {
  console.error('No ToTA corpus found: set CCM_TOTA_DIR or place it at ../shared/corpus/tota');
  process.exit(1);
}
const files = [
  ...new Set([...sampleAgreements(dir, count), ...languageSample(dir, Math.max(2, Math.round(count / 5)))]),
];
const results: FidelityResult[] = [];
const started = performance.now();
const seconds = new Map<Layout, number>();
for (const file of files) {
  for (const layout of layouts) {
    const t = performance.now();
    const r = await evaluateAgreement(file, layout);
    seconds.set(layout, (seconds.get(layout) ?? 0) + (performance.now() - t) / 1000);
    results.push(r);
    const flag = r.matched < r.expected || r.matched < r.parsed || r.similarity < 0.98 ? '  <' : '';
    console.error(
      `pta_${r.id.padEnd(4)} ${r.language} ${layout.padEnd(12)} pages ${String(r.pages).padStart(4)}  articles ${r.matched}/${r.expected} (parsed ${r.parsed})  similarity ${r.similarity.toFixed(4)}${r.error ? `  ${r.error}` : ''}${flag}`,
    );
  }
}

const fixed = (n: number | null) => (n === null ? '     -' : n.toFixed(4));
const row = (s: FidelitySummary, label: string) =>
  `${label.padEnd(18)} ${String(s.agreements).padStart(4)}  ${fixed(s.recall)}  ${fixed(s.precision)}     ${fixed(s.similarity)}     ${fixed(s.footnoteAttachment)}`;
const languages = [...new Set(results.map((r) => r.language))].sort();

console.log(
  `\nFidelity on ${files.length} ToTA agreements (${languages.map((l) => `${l} ${new Set(results.filter((r) => r.language === l).map((r) => r.id)).size}`).join(', ')}), ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log('layout             agr.  recall  precision  similarity  footnotes   seconds');
for (const layout of layouts) {
  console.log(`${row(summarise(results, layout), layout)}   ${(seconds.get(layout) ?? 0).toFixed(0).padStart(7)}`);
}
console.log('\nper language');
for (const layout of layouts) {
  for (const lang of languages) console.log(row(summarise(results, layout, lang), `${layout} ${lang}`));
}

console.log('\nworst agreements per layout (missed and extra article numbers; > marks the line in the parsed text)');
for (const layout of layouts) {
  const failing = results
    .filter((r) => r.layout === layout && (r.missed.length > 0 || r.extra.length > 0 || r.similarity < 0.98))
    .sort(
      (a, b) => b.missed.length + b.extra.length - (a.missed.length + a.extra.length) || a.similarity - b.similarity,
    );
  console.log(`\n## ${layout}: ${failing.length} of ${results.filter((r) => r.layout === layout).length} below target`);
  for (const r of failing.slice(0, 4)) {
    const list = (xs: string[]) => (xs.length > 12 ? `${xs.slice(0, 12).join(' ')} … (${xs.length})` : xs.join(' '));
    console.log(
      `pta_${r.id} (${r.language}) articles ${r.matched}/${r.expected}, parsed ${r.parsed}, similarity ${r.similarity.toFixed(3)}${r.error ? `, ${r.error}` : ''}`,
    );
    if (r.missed.length) console.log(`  missed: ${list(r.missed)}`);
    if (r.extra.length) console.log(`  extra:  ${list(r.extra)}`);
    if (r.worst[0] && r.worst[0].similarity < 0.98) {
      console.log(`  least similar: ${r.worst.map((w) => `${w.number} ${w.similarity.toFixed(3)}`).join(', ')}`);
    }
    for (const e of r.evidence.slice(0, 3)) {
      console.log(`  ${e.kind} ${e.number}:`);
      for (const line of e.lines) console.log(`    ${line}`);
    }
  }
}

const out = resolve(import.meta.dirname, '../../.eval');
mkdirSync(out, { recursive: true });
writeFileSync(
  resolve(out, 'fidelity.json'),
  JSON.stringify(
    {
      summary: layouts.flatMap((l) => [summarise(results, l), ...languages.map((lang) => summarise(results, l, lang))]),
      results,
    },
    null,
    2,
  ),
);
console.log(`\nPer-agreement results: ${resolve(out, 'fidelity.json')}`);
