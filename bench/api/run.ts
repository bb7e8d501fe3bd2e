/**
 * HTTP API load on loopback: autocannon against /health (the baseline) and the corpus
 * endpoints, one after the other, with the API in its own process(es) (`ccm serve`), on the
 * store named by CCM_DATA_DIR or DATABASE_URL (ingest ToTA first: `pnpm start`). Prints, per
 * endpoint, the first request's time (before any cache holds it), then req/s, p50, p99 and
 * errors under load, and each p99 as a ratio to /health's.
 *
 * `search` repeats one query (what the per-version cache answers); `search-new` asks a
 * different query each time (two words from a list of trade terms), so it measures the store.
 *
 *   CCM_BENCH_DURATION=20 CCM_BENCH_CONNECTIONS=50 node bench/api/run.ts
 *   DATABASE_URL=postgres://… CCM_BENCH_WORKERS=1,2 node bench/api/run.ts   # scaling, interleaved
 *
 * With several worker counts the rounds are interleaved (1, 2, 1, 2… CCM_BENCH_ROUNDS times)
 * and medians reported. Run it only on a calm machine, never alongside another benchmark.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { median } from '../stats.ts';

const duration = Number(process.env.CCM_BENCH_DURATION ?? 20);
const connections = Number(process.env.CCM_BENCH_CONNECTIONS ?? 50);
const workerCounts = (process.env.CCM_BENCH_WORKERS ?? '1').split(',').map(Number);
const rounds = Number(process.env.CCM_BENCH_ROUNDS ?? (workerCounts.length > 1 ? 3 : 1));
const only = process.env.CCM_BENCH_ONLY?.split(',');
const samples = process.env.CCM_BENCH_SAMPLES === '1' ? '&includeSamples=true' : '';
const CLI = resolve(import.meta.dirname, '../../apps/cli/bin.mjs');

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** `ccm serve` on a free port; resolves with its URL once it (and every worker) listens. */
function serve(workers: number): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', '--workers', String(workers)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url)
        ok({
          url,
          stop: async () => {
            child.kill('SIGTERM');
            // A server that does not stop in 10 s is killed: the next round needs the machine.
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(timer);
          },
        });
    });
    child.once('exit', (code) => fail(new Error(`ccm serve stopped (exit ${code}): ${out}`)));
  });
}

const TERMS = [
  'cultural',
  'audiovisual',
  'services',
  'goods',
  'investment',
  'heritage',
  'broadcasting',
  'film',
  'music',
  'copyright',
  'electronic',
  'commerce',
  'digital',
  'products',
  'industries',
  'diversity',
  'cooperation',
  'exception',
  'measures',
  'national',
  'treatment',
  'market',
  'access',
  'subsidies',
  'artists',
  'books',
  'publishing',
  'television',
  'radio',
  'cinema',
  'performance',
  'works',
  'intellectual',
  'property',
  'tariff',
  'customs',
  'origin',
  'procurement',
  'dispute',
  'settlement',
  'transparency',
  'development',
  'developing',
  'preferential',
  'policy',
  'public',
  'morals',
  'archaeological',
  'artistic',
  'historic',
  'museums',
  'libraries',
];
let turn = 0;
/** A different two-term query on each call (52 × 51 pairs): no cache holds it. */
function nextQuery(): string {
  const n = turn++;
  const a = TERMS[n % TERMS.length] as string;
  const b = TERMS[(Math.floor(n / TERMS.length) + 1 + (n % TERMS.length)) % TERMS.length] as string;
  return `/v1/search?q=${encodeURIComponent(`${a} ${b}`)}&limit=20${samples}`;
}

interface Row {
  name: string;
  first: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function round(workers: number): Promise<Row[]> {
  const server = await serve(workers);
  try {
    const get = async (path: string) => {
      const started = performance.now();
      const r = await fetch(`${server.url}${path}`);
      const body = (await r.json()) as Record<string, unknown>;
      return { ms: performance.now() - started, body };
    };
    const { body } = await get(`/v1/agreements?sort=-dateSigned&limit=3${samples}`);
    const list = body as { total: number; agreements: { id: string }[] };
    const ids = list.agreements.map((a) => encodeURIComponent(a.id));
    if (ids.length < 3) throw new Error(`the store holds ${list.total} agreements: ingest ToTA first`);
    const targets: [string, string | null][] = [
      ['health', '/health'],
      ['list', `/v1/agreements?limit=50${samples}`],
      ['search', `/v1/search?q=cultural%20industries&limit=20${samples}`],
      ['search-new', null],
      ['detail', `/v1/agreements/${ids[0]}`],
      ['compare3', `/v1/compare?ids=${ids.join(',')}&limit=10`],
      ['reuse', `/v1/agreements/${ids[0]}/reuse`],
      ['uptake', `/v1/uptake?by=year&check=19.4-cultural-clause${samples}`],
    ];
    const rows: Row[] = [];
    for (const [name, path] of targets) {
      if (only && name !== 'health' && !only.includes(name)) continue;
      // Requests autocannon left in flight are still being answered: let the server drain them.
      await new Promise((done) => setTimeout(done, 5000));
      // The first request: what a caller waits for before any cache of this process holds the answer.
      const first = (await get(path ?? nextQuery())).ms;
      const r = await autocannon({
        url: server.url,
        connections,
        duration,
        requests: [path ? { path } : { setupRequest: (req) => ({ ...req, path: nextQuery() }) }],
      });
      rows.push({
        name,
        first,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts + r.non2xx,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

const results = new Map<number, Row[][]>(workerCounts.map((w) => [w, []]));
for (let i = 0; i < rounds; i++)
  for (const w of workerCounts) {
    process.stderr.write(`round ${i + 1}/${rounds}, ${w} worker(s)…\n`);
    results.get(w)?.push(await round(w));
  }

const store = process.env.DATABASE_URL ? 'PostgreSQL' : `PGlite (${process.env.CCM_DATA_DIR ?? './data'})`;
let out = `API on loopback, ${store}, ${connections} connections × ${duration} s per endpoint; medians of ${rounds} round(s)\n`;
const rpsOf = new Map<string, number>();
for (const [w, runs] of results) {
  out += `\n${w} API process(es)\n`;
  out += `${'endpoint'.padEnd(11)} ${'first ms'.padStart(9)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'p99/health'.padStart(11)}\n`;
  const names = runs[0]?.map((r) => r.name) ?? [];
  const pick = (name: string, f: (r: Row) => number) =>
    median(runs.map((rows) => f(rows.find((r) => r.name === name) as Row)));
  const base = pick('health', (r) => r.p99) || 1;
  for (const name of names) {
    const rps = pick(name, (r) => r.rps);
    rpsOf.set(`${w}:${name}`, rps);
    const p99 = pick(name, (r) => r.p99);
    out += `${name.padEnd(11)} ${pick(name, (r) => r.first)
      .toFixed(0)
      .padStart(
        9,
      )} ${rps.toFixed(0).padStart(8)} ${String(pick(name, (r) => r.p50)).padStart(8)} ${String(p99).padStart(8)} ${String(pick(name, (r) => r.errors)).padStart(7)} ${(p99 / base).toFixed(1).padStart(11)}\n`;
  }
}
if (workerCounts.length > 1) {
  const [one, ...more] = workerCounts;
  out += `\nthroughput vs ${one} process(es):\n`;
  for (const w of more)
    for (const name of results.get(w)?.[0]?.map((r) => r.name) ?? [])
      out += `  ${name.padEnd(11)} ×${((rpsOf.get(`${w}:${name}`) ?? 0) / (rpsOf.get(`${one}:${name}`) || 1)).toFixed(2)} with ${w}\n`;
}
process.stdout.write(out);
