import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const SAMPLE = resolve(import.meta.dirname, '../../corpus/samples/culture-trade-agreement-en.txt');
const EMPTY_DIR = resolve(import.meta.dirname, '../../packages/contracts');

let work: string;
let dataDir: string;
let closedPort = 0;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ccm-cli-'));
  dataDir = join(work, 'store');
  // A port nobody listens on: what an offline `corpus fetch` meets.
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((ok) => server.close(ok));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function ccm(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', CCM_DATA_DIR: dataDir, CCM_DEBUG: '' },
    timeout: 60_000,
  });
}

/** [arguments, what the one line must say] — every case exits non-zero with one line and no stack. */
const CASES: [string, () => string[], RegExp][] = [
  ['search --limit abc', () => ['search', '--limit', 'abc'], /--limit "abc": expected a whole number from 1 to 200/],
  ['search --limit 0', () => ['search', '--limit', '0'], /--limit "0"/],
  ['search --limit -1', () => ['search', '--limit', '-1'], /--limit "-1"/],
  ['search --from abc', () => ['search', '--from', 'abc'], /--from "abc": expected a year/],
  ['search --from 2020 --to 2000', () => ['search', '--from', '2020', '--to', '2000'], /--from "2020" is after/],
  [
    'search --tag',
    () => ['search', '--tag', 'culture.exception'],
    /--tag .*valid values: cdce\.reference, .*ecommerce\.cultural_specificity/,
  ],
  ['search --strength', () => ['search', '--strength', 'strong'], /valid values: binding, soft, preambular$/],
  [
    'search --region',
    () => ['search', '--region', 'Latin America'],
    /valid values: Africa, Americas, Asia, Europe, Oceania$/,
  ],
  [
    'search --party',
    () => ['search', '--party', 'XYZ'],
    /--party "XYZ" is not a known party; valid values: .*\bCAN\b.*\bEUU\b/,
  ],
  ['search --language', () => ['search', '--language', 'english'], /valid values: en, fr, es/],
  ['search --kind', () => ['search', '--kind', 'clause'], /valid values: preamble, .*article, paragraph/],
  ['search --format', () => ['search', '--format', 'xml'], /Allowed choices are table, json/],
  ['classify --jobs x', () => ['classify', SAMPLE, '--jobs', 'x'], /--jobs.*'x' is invalid/],
  ['parse --jobs x', () => ['parse', SAMPLE, '--jobs', 'x'], /--jobs.*'x' is invalid/],
  ['ingest --jobs x', () => ['ingest', SAMPLE, '--jobs', 'x'], /--jobs.*'x' is invalid/],
  ['analyze <dir>', () => ['analyze', work], /is a directory; analyze reads one file/],
  ['parse <dir without agreements>', () => ['parse', EMPTY_DIR], /no readable files/],
  ['export --out /missing/x.csv', () => ['export', '--out', '/missing/x.csv'], /the folder "\/missing" does not exist/],
  [
    'offline corpus fetch',
    () => [
      'corpus',
      'fetch',
      'tota',
      '--source',
      `http://127.0.0.1:${closedPort}/tota.zip`,
      '--out',
      join(work, 'tota'),
    ],
    /^error \[FETCH_[A-Z_]+\]: http:\/\/127\.0\.0\.1:\d+\/tota\.zip: /,
  ],
  ['unknown corpus', () => ['corpus', 'fetch', 'wto'], /valid values: tota/],
  [
    'serve --workers 2 on PGlite',
    () => ['serve', '--port', '0', '--workers', '2'],
    /--workers above 1 needs DATABASE_URL/,
  ],
  ['serve --workers 0', () => ['serve', '--port', '0', '--workers', '0'], /--workers/],
  ['unknown command', () => ['frobnicate'], /unknown command 'frobnicate'/],
];

describe('every bad option and path is one line and a non-zero exit, before the store opens', () => {
  it.each(CASES)('%s', (_name, args, message) => {
    const run = ccm(args());
    expect(run.status, run.stderr).not.toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    // The offline fetch says where it was fetching from first; the error itself is one line.
    const error = lines.filter((l) => l.startsWith('error'));
    expect(error, run.stderr).toHaveLength(1);
    expect(lines.length, run.stderr).toBeLessThanOrEqual(2);
    expect(error[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
    // Validation costs no store: nothing was created.
    expect(existsSync(dataDir)).toBe(false);
  });

  it('a usage error exits 1; an unreachable source 3', () => {
    expect(ccm(['search', '--limit', 'abc']).status).toBe(1);
    expect(
      ccm(['corpus', 'fetch', 'tota', '--source', `http://127.0.0.1:${closedPort}/x.zip`, '--out', join(work, 't')])
        .status,
    ).toBe(3);
  });
});
