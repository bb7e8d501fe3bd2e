// Text reuse across ToTA's English agreements, in order of signature: how many take at least half
// (and four fifths) of their word 5-grams from one earlier agreement, and the most reused pairs.
//   pnpm reuse:report [dir]      (default: CCM_TOTA_DIR or ../shared/corpus/tota)
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { runPool } from '@ccm/pool';
import { ReuseIndex, type ReuseReport, serialiseFingerprint } from '../src/index.ts';
import type { Fingerprinted } from './fingerprint-worker.ts';

const dir = resolve(
  process.argv[2] ?? process.env.CCM_TOTA_DIR ?? resolve(import.meta.dirname, '../../../../shared/corpus/tota'),
);
const paths = readdirSync(dir)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => resolve(dir, f));

const started = performance.now();
const agreements: Fingerprinted[] = [];
let failed = 0;
let otherLanguage = 0;
// Parsing dominates: workers parse and fingerprint, and send back only the fingerprint.
const worker = new URL('./fingerprint-worker.ts', import.meta.url);
for await (const { path, result } of runPool<Fingerprinted, object>(
  paths,
  worker,
  {},
  { workers: Math.min(2, availableParallelism()) },
)) {
  if (!result.ok) {
    failed++;
    process.stderr.write(`skipped ${path}: ${result.code}\n`);
  } else if (result.language !== 'en') otherLanguage++;
  else agreements.push(result);
}
const parsed = performance.now();
// CPU time of this process alone (the workers have ended): wall time on a shared machine says little
const cpu0 = process.cpuUsage();
const index = new ReuseIndex(agreements);
const built = performance.now();
const cpu1 = process.cpuUsage();
const dated = agreements.filter((a) => a.signed !== null).sort((a, b) => a.signed!.localeCompare(b.signed!));
const reports = new Map<string, ReuseReport>(dated.map((a) => [a.id, index.predecessors(a.id, { limit: 1 })]));
const queried = performance.now();
const cpu2 = process.cpuUsage();
const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;

const title = new Map(agreements.map((a) => [a.id, a.title]));
const best = (r: ReuseReport): number => r.predecessors[0]?.share ?? 0;
// The first agreement signed has nothing earlier to draw on; it still counts in the denominator.
const withText = dated.filter((a) => (reports.get(a.id)?.grams ?? 0) > 0);
const share = (min: number): string => {
  const n = withText.filter((a) => best(reports.get(a.id)!) >= min).length;
  return `${n} / ${withText.length} (${((100 * n) / withText.length).toFixed(1)} %)`;
};
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

console.log(`ToTA English agreements: ${agreements.length} (${otherLanguage} in other languages, ${failed} failed)`);
console.log(`with a date of signature and text: ${withText.length}`);
console.log(`best earlier match supplies ≥ 50 % of word 5-grams: ${share(0.5)}`);
console.log(`best earlier match supplies ≥ 80 % of word 5-grams: ${share(0.8)}`);
console.log('\nmost reused pairs (share of the later agreement’s word 5-grams found in the earlier one):');
const pairs = withText
  .map((a) => ({ later: a, report: reports.get(a.id)! }))
  .filter((p) => p.report.predecessors.length > 0)
  .sort((p, q) => best(q.report) - best(p.report) || q.report.grams - p.report.grams)
  .slice(0, 5);
for (const { later, report } of pairs) {
  const earlier = report.predecessors[0]!;
  console.log(
    `  ${pct(earlier.share)}  ${later.id} ${later.title} (${later.signed}, ${report.grams} grams) ← ${earlier.id} ${title.get(earlier.id)} (${earlier.signed})`,
  );
}
const stored = agreements.reduce((n, a) => n + JSON.stringify(serialiseFingerprint(a.fingerprint)).length, 0);
console.log(`\nfingerprints: ${(stored / 2 ** 20).toFixed(1)} MB as JSON for ${agreements.length} agreements`);
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `wall: parse + fingerprint ${s(parsed - started)}, index ${s(built - parsed)}, ${dated.length} queries ${s(queried - built)}`,
);
console.log(`CPU: index ${s(cpuMs(cpu0, cpu1))}, queries ${(cpuMs(cpu1, cpu2) / dated.length).toFixed(1)} ms each`);
