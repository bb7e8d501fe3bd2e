/**
 * bench/classify: classify every ToTA agreement on one core, and in the same run a plain regex
 * scan of the same provision texts (one keyword regex per tag: the floor any classifier pays).
 * Usage: pnpm bench:classify   (CCM_TOTA_DIR to point elsewhere; BENCH_LIMIT=n for a quick run;
 * CCM_BENCH_ROUNDS=n rounds, default 3)
 *
 * Parsing is done first and not timed: bench/parse measures it. The two are interleaved round by
 * round and medians reported: the scan takes about a second, so one noisy second moves one ratio.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify, TAG_IDS } from '@ccm/classifier';
import { KEYWORD_BASELINE } from '@ccm/classifier/baseline';
import { type AgreementDocument, parse } from '@ccm/parser';
import { median } from '../stats.ts';

const DIR = process.env.CCM_TOTA_DIR ?? resolve(import.meta.dirname, '../../../shared/corpus/tota');
const LIMIT = Number(process.env.BENCH_LIMIT ?? Number.POSITIVE_INFINITY);
const ROUNDS = Math.max(1, Number(process.env.CCM_BENCH_ROUNDS ?? 3));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.xml'))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  .slice(0, LIMIT);

const documents: AgreementDocument[] = [];
for (const f of files) documents.push(await parse(readFileSync(resolve(DIR, f)), { fileName: f }));
const provisions = documents.reduce((n, d) => n + d.provisions.length, 0);
const articles = documents.reduce((n, d) => n + d.provisions.filter((p) => p.kind === 'article').length, 0);

// The eval's keyword baseline: one regex per tag over every provision text.
const SCAN = TAG_IDS.map((t) => KEYWORD_BASELINE[t]);

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

// Warm both up on a few documents so that neither pays JIT compilation in the figure.
for (const d of documents.slice(0, 5)) classify(d);
const scan = () => {
  let n = 0;
  for (const d of documents) for (const p of d.provisions) for (const re of SCAN) if (re.test(p.text)) n++;
  return n;
};
const tagAll = () => {
  let n = 0;
  for (const d of documents) for (const p of classify(d).provisions) n += p.tags.length;
  return n;
};
const timings = { scan: [] as number[], classify: [] as number[] };
let hits = 0;
let tags = 0;
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so that neither always runs on a warmer (or hotter) machine.
  for (const what of round % 2 ? (['scan', 'classify'] as const) : (['classify', 'scan'] as const)) {
    const [found, took] = time(what === 'scan' ? scan : tagAll);
    timings[what].push(took);
    if (what === 'scan') hits = found;
    else tags = found;
  }
}
const ratios = timings.classify.map((c, i) => c / (timings.scan[i] ?? c));
const scanMs = median(timings.scan);
const classifyMs = median(timings.classify);

const rate = (ms: number) => Math.round(provisions / (ms / 1000)).toLocaleString('en');
console.log(
  `Node ${process.version}, one thread; ${documents.length} ToTA agreements, ${articles} articles, ${provisions} provisions\n`,
);
console.log('measurement'.padEnd(34), 'wall s'.padStart(8), 'provisions/s'.padStart(14), 'found'.padStart(8));
console.log(
  'regex scan (baseline)'.padEnd(34),
  (scanMs / 1000).toFixed(2).padStart(8),
  rate(scanMs).padStart(14),
  String(hits).padStart(8),
);
console.log(
  'ccm classify'.padEnd(34),
  (classifyMs / 1000).toFixed(2).padStart(8),
  rate(classifyMs).padStart(14),
  String(tags).padStart(8),
);
console.log(
  `\nratio classify / regex scan   ${median(ratios).toFixed(1)}   (target ≤ 15; median of ${ROUNDS} rounds: ${ratios.map((r) => r.toFixed(1)).join(', ')})`,
);
console.log(`whole corpus                  ${(classifyMs / 1000).toFixed(1)} s   (target < 60 s on one core; median)`);
console.log(`peak RSS                      ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
