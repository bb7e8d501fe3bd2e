/**
 * One engine's figures, in its own process so that peak RSS is its own: ingest every ToTA
 * agreement into an empty store, then time representative queries. Prints one JSON line.
 *   node bench/ingest/measure.ts <pglite-dir | postgres-url> <tota-dir>
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingest } from '@ccm/service';
import { openStore, type Store } from '@ccm/store';
import pg from 'pg';
import { sampleTreeMemory } from '../tree-memory.ts';

const [target = '', totaDir = ''] = process.argv.slice(2);
const postgres = /^postgres(ql)?:/.test(target);
const files = readdirSync(totaDir)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => resolve(totaDir, f));

const store = await openStore(postgres ? { databaseUrl: target } : { dataDir: target });
// Parse and classify run in worker processes: count them with this process.
const memory = sampleTreeMemory();
const t0 = performance.now();
const summary = await ingest(store, files);
const ingestMs = performance.now() - t0;

// 200 queries a researcher or the dashboard asks: searches, filtered searches, agreement pages.
const WORDS = [
  'cultural cooperation',
  'audiovisual services',
  'national treasures',
  'electronic commerce',
  'right to regulate',
  'industrias culturales',
  'coopération culturelle',
  'broadcasting',
  '"customs duties" electronic transmissions',
  'heritage -tourism',
];
const TAGS = ['culture.cooperation', 'ecommerce.provision', 'culture.audiovisual_exclusion', 'cdce.reference'] as const;
const PARTIES = ['CAN', 'KOR', 'CHL', 'FRA', 'JPN', 'MEX'];
const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];
const ids = [...(await store.documents()).values()].map((d) => d.agreementId).sort();
const queries: [string, (s: Store) => Promise<unknown>][] = [];
for (let i = 0; i < 80; i++) queries.push(['search', (s) => s.search({ text: WORDS[i % WORDS.length] })]);
for (let i = 0; i < 60; i++) {
  const tag = TAGS[i % TAGS.length];
  queries.push([
    'filter',
    (s) =>
      i % 3 === 0
        ? s.search({ tag, party: PARTIES[i % PARTIES.length] })
        : i % 3 === 1
          ? s.search({ tag, region: REGIONS[i % REGIONS.length], yearFrom: 2000 })
          : s.search({ text: 'culture', tag, strength: 'binding' }),
  ]);
}
for (let i = 0; i < 60; i++) queries.push(['detail', (s) => s.agreement(ids[(i * 37) % ids.length] ?? '')]);
const times: number[] = [];
for (const [, q] of queries) {
  const t = performance.now();
  await q(store);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
await store.close();

let sizeMb: number;
if (postgres) {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  sizeMb = Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n) / 1024 / 1024;
  await c.end();
} else {
  sizeMb = Number(execFileSync('du', ['-sk', target], { encoding: 'utf8' }).split('\t')[0]) / 1024;
}
process.stderr.write(
  `${JSON.stringify({
    agreements: summary.added,
    provisions: summary.provisions,
    tags: summary.tags,
    ingestMs,
    maxRssMb: memory.stop(),
    sizeMb,
    queries: times.length,
    p50: pct(50),
    p95: pct(95),
  })}\n`,
);
