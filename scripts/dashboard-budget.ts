/*
 * The dashboard's size and speed budget (issue 14), a script and not a test: figures depend on the
 * machine. Builds the dashboard, then
 *   1. JavaScript gzipped: the entry and its preloads (what every page loads first), and all the
 *      JavaScript the landing (uptake) view fetches before it shows data; budget 300 KB;
 *   2. time to data: from navigation to the uptake chart drawn with its points, on loopback,
 *      in headless Chromium, over the store in CCM_DATA_DIR or DATABASE_URL (ingest the full
 *      corpus first: `pnpm start` or `pnpm ccm ingest …`); budget 1.5 s, median of the cold runs.
 * Usage: node scripts/dashboard-budget.ts [--runs 5] [--no-build]
 * Exit code 1 when a budget is exceeded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from '../apps/api/src/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'apps/dashboard/dist');
const CHROMIUM = process.env.CCM_CHROMIUM ?? '/usr/bin/chromium';
const JS_BUDGET_KB = 300;
const TIME_BUDGET_MS = 1500;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } },
});
const runs = Math.max(1, Number(values.runs) || 5);

if (!values['no-build']) {
  const vite = resolve(ROOT, 'apps/dashboard/node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: resolve(ROOT, 'apps/dashboard') });
}
const gz = (path: string) => gzipSync(readFileSync(path)).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

// 1a. What index.html loads before any view: the entry module and its modulepreloads.
const html = readFileSync(resolve(DIST, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const initialGz = initial.reduce((n, f) => n + gz(resolve(DIST, `.${f}`)), 0);

if (!existsSync(CHROMIUM)) {
  console.log(`initial JS: ${kb(initialGz)} KB gzipped (${initial.length} file(s)); no Chromium at ${CHROMIUM}`);
  process.exit(initialGz / 1024 > JS_BUDGET_KB ? 1 : 0);
}

const { chromium } = createRequire(resolve(ROOT, 'tests/package.json'))(
  'playwright-core',
) as typeof import('playwright-core');
const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const times: number[] = [];
  let landingGz = 0;
  let points = 0;
  for (let i = 0; i < runs; i++) {
    // A new context each run: a cold cache, as a first visit.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.add(new URL(r.url()).pathname);
    });
    const started = performance.now();
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await page.locator('[data-testid=uptake-chart] circle').first().waitFor({ timeout: 30_000 });
    times.push(performance.now() - started);
    points = await page.locator('[data-testid=uptake-chart] circle').count();
    // 1b. Every script the landing view fetched (the map's chunk loads beside the chart).
    await page.getByTestId('world-map').waitFor({ timeout: 30_000 });
    landingGz = [...scripts].reduce((n, f) => n + gz(resolve(DIST, `.${f}`)), 0);
    await context.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const agreements = ((await (await fetch(`${server.url}/v1/agreements?limit=1`)).json()) as { total: number }).total;
  console.log(`initial JS (entry + preloads): ${kb(initialGz)} KB gzipped, budget ${JS_BUDGET_KB} KB`);
  console.log(`landing view JS (all chunks it fetched): ${kb(landingGz)} KB gzipped`);
  console.log(
    `time to data on the uptake view (${agreements} agreements, ${points} points drawn): median ${median.toFixed(0)} ms of ${runs} cold runs (min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}), budget ${TIME_BUDGET_MS} ms`,
  );
  const over = landingGz / 1024 > JS_BUDGET_KB || median > TIME_BUDGET_MS;
  console.log(over ? 'OVER BUDGET' : 'within budget');
  process.exitCode = over ? 1 : 0;
} finally {
  await browser.close();
  await server.close();
}
