/**
 * bench/load: real use at once, before this work (a git worktree at BASE) and after (this tree),
 * interleaved round by round; medians.
 *
 * 1. `ccm classify` of 60 ToTA files with the default workers, against `--jobs <cores>` in the
 *    same run: wall time and the most worker processes alive at once.
 * 2. 20 concurrent draft uploads (a real PDF) from one token to `ccm serve` on a fresh store
 *    holding the samples: the answers by status, the peak memory of the server's process tree,
 *    `/health` latency while the burst is analysed against idle, and the time until every
 *    accepted draft has finished.
 *
 * Usage: pnpm bench:load [rounds]   (default 3; CCM_BENCH_BASE, default f7719f4; CCM_BENCH_DIR)
 * Run it on a calm machine, never alongside another benchmark.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from '../stats.ts';
import { sampleDescendants, treeKb } from '../tree-memory.ts';

// A server that refuses an upload before reading its body (the old code's 429) closes the socket
// while undici still writes the body: undici rejects that write on its own, outside the fetch.
process.on('unhandledRejection', (error) => {
  if ((error as { cause?: { code?: string } })?.cause?.code === 'UND_ERR_SOCKET') return;
  throw error;
});

const BASE = process.env.CCM_BENCH_BASE ?? 'f7719f4';
const ROOT = resolve(import.meta.dirname, '../..');
const DIR = process.env.CCM_BENCH_DIR ?? '/tmp/ccm-bench-load';
const SHARED = resolve(ROOT, '../shared/corpus');
const TOTA = process.env.CCM_TOTA_DIR ?? join(SHARED, 'tota');
const DRAFT = join(SHARED, 'pdf/afcfta-agreement-consolidated-text-en.pdf');
const ROUNDS = Number(process.argv[2] ?? 3);
const CORES = availableParallelism();

interface Side {
  name: string;
  root: string;
}
const before: Side = { name: `before (${BASE})`, root: join(DIR, 'before') };
const after: Side = { name: 'after', root: ROOT };
const cli = (side: Side) => join(side.root, 'apps/cli/src/main.ts');

function prepareBefore(): void {
  if (!existsSync(before.root))
    execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', before.root, BASE], { stdio: 'inherit' });
  if (!existsSync(join(before.root, 'node_modules')))
    execFileSync('npx', ['--yes', 'pnpm@10.34.8', 'install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: before.root,
      stdio: 'inherit',
    });
}

const FILES = readdirSync(TOTA)
  .filter((n) => n.endsWith('.xml'))
  .sort()
  .slice(0, 60)
  .map((n) => join(TOTA, n));

/** `ccm classify` of the 60 files: seconds, and the most processes under the CLI at once. */
function classify(side: Side, jobs?: number): Promise<{ s: number; most: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [cli(side), 'classify', ...(jobs ? ['--jobs', String(jobs)] : []), ...FILES],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const processes = sampleDescendants(child.pid ?? 0);
    child.once('error', fail);
    child.once('close', (code) => {
      const most = processes.stop();
      if (code !== 0) fail(new Error(`${side.name}: classify exited ${code}`));
      else done({ s: (performance.now() - started) / 1000, most });
    });
  });
}

interface Burst {
  statuses: Record<string, number>;
  peakMb: number;
  idleMb: number;
  healthIdleP50: number;
  healthMaxMs: number;
  healthP99: number;
  finishS: number;
}

function run(side: Side, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [cli(side), ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${side.name} ccm ${args[0]}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  return r.stdout;
}

function serve(side: Side, env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli(side), 'serve', '--port', '0', '--quiet'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) ok({ url, child });
    });
    child.once('exit', (code) => fail(new Error(`${side.name}: serve exited ${code}`)));
  });
}

/**
 * Probes /health every 100 ms from a process of its own: the bench's own event loop, busy
 * sending 20 MB of uploads, would otherwise add its delays to the server's.
 */
function prober(url: string): { stop(): Promise<[at: number, ms: number][]> } {
  const script = `const url = ${JSON.stringify(url)};
    process.stdout.on('error', () => process.exit(0));
    for (;;) {
      const t = performance.now();
      const at = Date.now();
      try { await (await fetch(url + '/health', { signal: AbortSignal.timeout(10000) })).text(); process.stdout.write(at + ' ' + (performance.now() - t).toFixed(1) + '\\n'); }
      catch { process.stdout.write(at + ' 10000\\n'); }
      await new Promise((r) => setTimeout(r, 100));
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      return out
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ').map(Number) as [number, number]);
    },
  };
}

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;

async function burst(side: Side): Promise<Burst> {
  const work = mkdtempSync(join(DIR, 'store-'));
  const { CCM_TOKENS_FILE: _elsewhere, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: '', CCM_DATA_DIR: join(work, 'data') };
  try {
    run(side, ['ingest', join(ROOT, 'corpus/samples'), '--manifest', join(ROOT, 'corpus/samples/manifest.yaml')], env);
    const token = run(side, ['token', 'create', '--label', 'bench'], env).trim().split('\n').at(-1) ?? '';
    const server = await serve(side, env);
    const pid = server.child.pid ?? 0;
    try {
      // The prober runs 2 s before the burst: a process that has just started (and undici's first
      // fetch) is slow on its own, and its first probe would be counted as the server's.
      const probe = prober(server.url);
      await new Promise((r) => setTimeout(r, 2000));
      const idleMb = treeKb(pid) / 1024;
      let peakKb = 0;
      const memory = setInterval(() => {
        peakKb = Math.max(peakKb, treeKb(pid));
      }, 50);
      const bytes = readFileSync(DRAFT);
      const auth = { authorization: `Bearer ${token}` };
      const started = performance.now();
      const burstAt = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const form = new FormData();
          form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'draft.pdf');
          // A server may answer (and close) before it has read the whole body: a refusal all the same.
          try {
            const r = await fetch(`${server.url}/v1/drafts`, { method: 'POST', body: form, headers: auth });
            return { status: String(r.status), body: (await r.json()) as { id?: string } };
          } catch {
            return { status: 'closed early', body: {} };
          }
        }),
      );
      const accepted = answers.filter((a) => a.status === '202');
      // Followed by polling, as every version answers GET the same way (202 until it ends).
      await Promise.all(
        accepted.map(async (a) => {
          for (;;) {
            // A keep-alive socket the server closed fails once: asked again on a new one.
            const r = await fetch(`${server.url}/v1/drafts/${a.body.id}`, { headers: auth }).catch(() => null);
            await r?.text();
            if (r && r.status !== 202) return;
            await new Promise((res) => setTimeout(res, 500));
          }
        }),
      );
      const finishS = (performance.now() - started) / 1000;
      clearInterval(memory);
      const all = await probe.stop();
      const idle = all.filter(([at]) => at < burstAt).map(([, ms]) => ms);
      const probes = all.filter(([at]) => at >= burstAt);
      const latencies = probes.map(([, ms]) => ms);
      const [slowAt = 0, slowMs = 0] = probes.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
      if (process.env.CCM_BENCH_DEBUG)
        console.error(`slowest /health: ${slowMs.toFixed(0)} ms, ${slowAt - burstAt} ms after the burst began`);
      const statuses: Record<string, number> = {};
      for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      return {
        statuses,
        peakMb: peakKb / 1024,
        idleMb,
        healthIdleP50: p(idle, 0.5),
        healthMaxMs: Math.max(...latencies),
        healthP99: p(latencies, 0.99),
        finishS,
      };
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// CCM_BENCH_SIDES=after measures this tree alone (no worktree); CCM_BENCH_ONLY=burst skips classify.
const sides = process.env.CCM_BENCH_SIDES === 'after' ? [after] : [before, after];
if (sides.includes(before)) prepareBefore();
const only = process.env.CCM_BENCH_ONLY;
const results = new Map<Side, { classify: number[]; jobs: number[]; most: number[]; bursts: Burst[] }>(
  sides.map((s) => [s, { classify: [], jobs: [], most: [], bursts: [] }]),
);
for (let round = 1; round <= ROUNDS; round++) {
  for (const side of round % 2 ? sides : [...sides].reverse()) {
    const r = results.get(side);
    if (!r) continue;
    const skip = { s: 0, most: 0 };
    const plain = only === 'burst' ? skip : await classify(side);
    const jobs = only === 'burst' ? skip : await classify(side, CORES);
    r.classify.push(plain.s);
    r.jobs.push(jobs.s);
    r.most.push(plain.most);
    r.bursts.push(await burst(side));
    const b = r.bursts.at(-1);
    console.error(
      `round ${round} ${side.name}: classify ${plain.s.toFixed(1)} s (${plain.most} processes), --jobs ${CORES} ${jobs.s.toFixed(1)} s; burst ${JSON.stringify(b?.statuses)} peak ${b?.peakMb.toFixed(0)} MB, /health max ${b?.healthMaxMs.toFixed(0)} ms`,
    );
  }
}

console.log(`\n60 ToTA files, ${CORES} cores, ${ROUNDS} interleaved rounds, medians\n`);
console.log('| side | classify (default) | classify --jobs cores | ratio | most processes |');
console.log('|---|--:|--:|--:|--:|');
for (const side of sides) {
  const r = results.get(side);
  if (!r) continue;
  const [a, b] = [median(r.classify), median(r.jobs)];
  console.log(
    `| ${side.name} | ${a.toFixed(1)} s | ${b.toFixed(1)} s | ${(a / b).toFixed(2)} | ${Math.max(...r.most)} |`,
  );
}
console.log(`\n20 concurrent uploads of ${DRAFT.split('/').at(-1)} from one token, medians\n`);
console.log(
  '| side | answers | tree memory idle → peak | /health idle p50 | /health p99, max during the burst | all accepted done |',
);
console.log('|---|---|--:|--:|--:|--:|');
for (const side of sides) {
  const bursts = results.get(side)?.bursts ?? [];
  const m = (f: (b: Burst) => number) => median(bursts.map(f));
  console.log(
    `| ${side.name} | ${JSON.stringify(bursts.at(-1)?.statuses)} | ${m((b) => b.idleMb).toFixed(0)} → ${m((b) => b.peakMb).toFixed(0)} MB (max ${Math.max(...bursts.map((b) => b.peakMb)).toFixed(0)}) | ${m((b) => b.healthIdleP50).toFixed(1)} ms | ${m((b) => b.healthP99).toFixed(0)} ms, ${Math.max(...bursts.map((b) => b.healthMaxMs)).toFixed(0)} ms | ${m((b) => b.finishS).toFixed(1)} s |`,
  );
}
