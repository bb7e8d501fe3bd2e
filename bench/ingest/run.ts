/**
 * bench/ingest: ingest all ToTA agreements into a fresh PGlite directory and into PostgreSQL,
 * then time 200 representative queries on each.
 * Usage: pnpm bench:ingest   (PostgreSQL from CCM_BENCH_DATABASE_URL or CCM_TEST_DATABASE_URL: a
 * server URL whose user may create databases; without one, PGlite only). CCM_TOTA_DIR to point elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const TOTA = process.env.CCM_TOTA_DIR ?? resolve(import.meta.dirname, '../../../shared/corpus/tota');
const SERVER = process.env.CCM_BENCH_DATABASE_URL ?? process.env.CCM_TEST_DATABASE_URL;
const MEASURE = resolve(import.meta.dirname, 'measure.ts');

interface Figures {
  agreements: number;
  provisions: number;
  tags: number;
  ingestMs: number;
  maxRssMb: number;
  sizeMb: number;
  queries: number;
  p50: number;
  p95: number;
}

function measure(target: string): Figures {
  const run = spawnSync(process.execPath, [MEASURE, target, TOTA], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = run.stderr.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`measure failed: ${run.stderr}`);
  return JSON.parse(line) as Figures;
}

const rows: [string, Figures][] = [];
const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
try {
  rows.push(['PGlite (embedded)', measure(dir)]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (SERVER) {
  const name = `ccm_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    rows.push(['PostgreSQL', measure(url.toString())]);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const first = rows[0]?.[1];
console.log(
  `Node ${process.version}; ${first?.agreements} ToTA agreements, ${first?.provisions} provisions, ${first?.tags} tags\n`,
);
console.log(
  'engine'.padEnd(20),
  'ingest s'.padStart(9),
  'agr/s'.padStart(7),
  'peak RSS MB'.padStart(12),
  'db MB'.padStart(7),
  'query p50 ms'.padStart(13),
  'p95 ms'.padStart(8),
);
for (const [name, f] of rows) {
  console.log(
    name.padEnd(20),
    (f.ingestMs / 1000).toFixed(1).padStart(9),
    (f.agreements / (f.ingestMs / 1000)).toFixed(1).padStart(7),
    f.maxRssMb.toFixed(0).padStart(12),
    f.sizeMb.toFixed(0).padStart(7),
    f.p50.toFixed(1).padStart(13),
    f.p95.toFixed(1).padStart(8),
  );
}
console.log('\ntargets: PGlite full ingest < 180 s; query p95 < 50 ms');
if (!SERVER) console.log('PostgreSQL: not measured (set CCM_BENCH_DATABASE_URL to a server URL)');
