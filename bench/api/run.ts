/**
 * HTTP API load on loopback: autocannon against /health (the baseline) and the corpus
 * endpoints, one after the other, on the store named by CCM_DATA_DIR or DATABASE_URL (ingest
 * ToTA first: `pnpm start`, or `CCM_BENCH_INGEST=1`). Prints req/s, p50, p99 and errors per
 * endpoint, and each p99 as a ratio to /health's.
 *
 *   CCM_BENCH_DURATION=20 CCM_BENCH_CONNECTIONS=50 node bench/api/run.ts
 *
 * Run it only on a calm machine, never alongside another benchmark.
 */
import { resolve } from 'node:path';
import { startServer } from '@ccm/api';
import { openService } from '@ccm/service';
import autocannon from 'autocannon';

const duration = Number(process.env.CCM_BENCH_DURATION ?? 20);
const connections = Number(process.env.CCM_BENCH_CONNECTIONS ?? 50);
const samples = process.env.CCM_BENCH_SAMPLES === '1' ? '&includeSamples=true' : '';

const service = await openService();
if (process.env.CCM_BENCH_INGEST === '1') {
  const { ingest } = await import('@ccm/service');
  const { readdir } = await import('node:fs/promises');
  const dir = process.env.CCM_TOTA_DIR ?? resolve(import.meta.dirname, '../../../shared/corpus/tota');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.xml')).map((f) => resolve(dir, f));
  const summary = await ingest(service.store, files, { workers: 2 });
  process.stderr.write(`ingested ${summary.added} (${summary.unchanged} unchanged, ${summary.failed} failed)\n`);
}
const server = await startServer({ service, port: 0 });

const get = async (path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<Record<string, unknown>>;
const list = (await get(`/v1/agreements?sort=-dateSigned&limit=3${samples}`)) as {
  total: number;
  agreements: { id: string }[];
};
const ids = list.agreements.map((a) => encodeURIComponent(a.id));
if (ids.length < 3) throw new Error(`the store holds ${list.total} agreements: ingest ToTA first`);
// Warm the reuse index (built once per process): the bench measures queries, not the build.
await get(`/v1/agreements/${ids[0]}/reuse`);

const targets: [string, string][] = [
  ['health', '/health'],
  ['list', `/v1/agreements?limit=50${samples}`],
  ['search', `/v1/search?q=cultural%20industries&limit=20${samples}`],
  ['detail', `/v1/agreements/${ids[0]}`],
  ['compare3', `/v1/compare?ids=${ids.join(',')}&limit=10`],
  ['reuse', `/v1/agreements/${ids[0]}/reuse`],
  ['uptake', `/v1/uptake?by=year&check=19.4-cultural-clause${samples}`],
];

const rows: { name: string; rps: number; p50: number; p99: number; errors: number }[] = [];
for (const [name, path] of targets) {
  const r = await autocannon({ url: `${server.url}${path}`, connections, duration });
  rows.push({
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  });
}
await server.close();
await service.close();

const base = rows[0]?.p99 || 1;
process.stdout.write(
  `API on loopback, ${connections} connections × ${duration} s per endpoint, ${list.total} agreements\n` +
    `${'endpoint'.padEnd(10)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'p99/health'.padStart(11)}\n`,
);
for (const r of rows)
  process.stdout.write(
    `${r.name.padEnd(10)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(7)} ${(r.p99 / base).toFixed(1).padStart(11)}\n`,
  );
