/**
 * bench/cli: wall time of `ccm --help`, `ccm search culture` and `ccm export --level agreement`
 * on a full store (the samples and all ToTA), for the CLI before this work (a git worktree at
 * BASE) and after (this tree), in the same run, interleaved round by round; medians.
 *
 * Each side reads a store its own code built (`ccm start`; the schemas differ): built once into
 * CCM_BENCH_DIR (default /tmp/ccm-bench-cli) and reused; building is not timed, but its wall
 * time and the store's size are printed (the README's first-run figures).
 * Usage: pnpm bench:cli [rounds]   (default 7)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from '../stats.ts';

const BASE = process.env.CCM_BENCH_BASE ?? '2082ffb';
const ROOT = resolve(import.meta.dirname, '../..');
const DIR = process.env.CCM_BENCH_DIR ?? '/tmp/ccm-bench-cli';
const TOTA = process.env.CCM_TOTA_DIR ?? resolve(ROOT, '../shared/corpus/tota');
const ROUNDS = Number(process.argv[2] ?? 7);

interface Side {
  name: string;
  cli: string;
  store: string;
}

const before: Side = {
  name: `before (${BASE})`,
  cli: join(DIR, 'before/apps/cli/src/main.ts'),
  store: join(DIR, 'store-before'),
};
const after: Side = { name: 'after', cli: join(ROOT, 'apps/cli/bin.mjs'), store: join(DIR, 'store-after') };

function prepareBefore(): void {
  const tree = join(DIR, 'before');
  if (!existsSync(tree))
    execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', tree, BASE], { stdio: 'inherit' });
  if (!existsSync(join(tree, 'node_modules'))) {
    execFileSync('npx', ['--yes', 'pnpm@10.34.8', 'install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: tree,
      stdio: 'inherit',
    });
  }
}

const duSize = (dir: string) => execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split('\t')[0];

/** `ccm start` into the side's store when it is not built yet; returns how long the first run took. */
function build(side: Side): string {
  const note = join(side.store, '.ccm-bench-build');
  if (existsSync(note)) return readFileSync(note, 'utf8');
  const started = performance.now();
  const run = spawnSync(process.execPath, [side.cli, 'start'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', CCM_DATA_DIR: side.store, CCM_TOTA_DIR: TOTA },
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`${side.name}: ccm start failed\n${run.stderr.slice(-2000)}`);
  const figure = `first run ${((performance.now() - started) / 1000).toFixed(0)} s, store ${duSize(side.store)} MB`;
  writeFileSync(note, figure);
  return figure;
}

const COMMANDS: [string, string[]][] = [
  ['ccm --help', ['--help']],
  ['ccm search culture', ['search', 'culture']],
  ['ccm export --level agreement', ['export', '--level', 'agreement']],
];

function time(side: Side, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [side.cli, ...args], {
    env: { ...process.env, DATABASE_URL: '', CCM_DATA_DIR: side.store },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${side.name} ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
  return ms;
}

prepareBefore();
const built = [before, after].map((side) => `${side.name}: ${build(side)}`);
const samples = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, args] of COMMANDS) {
    // Alternate which side goes first, so neither always meets a warm or a cold cache.
    const order = round % 2 ? [after, before] : [before, after];
    for (const side of order) {
      const key = `${label}\0${side.name}`;
      samples.set(key, [...(samples.get(key) ?? []), time(side, args)]);
    }
  }
}

console.log(`bench/cli: ${ROUNDS} rounds, interleaved; medians of wall time (ms); full store (samples + ToTA)`);
for (const line of built) console.log(`  ${line}`);
console.log(`\n| command | ${before.name} | ${after.name} | after / before |\n|---|---:|---:|---:|`);
for (const [label] of COMMANDS) {
  const b = median(samples.get(`${label}\0${before.name}`) ?? []);
  const a = median(samples.get(`${label}\0${after.name}`) ?? []);
  console.log(`| ${label} | ${b.toFixed(0)} | ${a.toFixed(0)} | ${(a / b).toFixed(2)} |`);
}
