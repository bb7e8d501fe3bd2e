import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { RunningServer } from '@ccm/api';
import { readManifest } from '@ccm/corpus';
import { createToken, ingest, openService, type Service } from '@ccm/service';
import type { Browser, Page } from 'playwright-core';
import { hasShared, TOTA_DIR } from '../parser/helpers.ts';
import { freshStore } from '../store/engines.ts';

/*
 * What the dashboard's end-to-end tests share: Debian's Chromium, the built dashboard served by
 * the real API over a freshly ingested small corpus, screenshots and an axe-core check.
 */

export const CHROMIUM = process.env.CCM_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true') {
  throw new Error(`CI expects Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

const ROOT = resolve(import.meta.dirname, '../..');
export const DASHBOARD = resolve(ROOT, 'apps/dashboard');
/** Git-ignored: screenshots of each test, for a person to look at. */
export const SHOTS = resolve(ROOT, 'tests/e2e/.screenshots');
const SAMPLES = resolve(ROOT, 'corpus/samples');
export const SAMPLE_TEXT = resolve(SAMPLES, 'culture-trade-agreement-en.txt');

/**
 * A small corpus with clauses to find: the sample agreement (text and PDF: real pages; samples
 * stay out of public lists but open by id), three ToTA agreements that cite the 2005 Convention
 * and two early ones that do not.
 */
export const TOTA_FILES = hasShared
  ? ['pta_1.xml', 'pta_2.xml', 'pta_392.xml', 'pta_427.xml', 'pta_428.xml'].map((f) => resolve(TOTA_DIR, f))
  : [];

/** Builds the dashboard (vite) so the API serves what a user gets. */
export function buildDashboard(): void {
  const vite = resolve(DASHBOARD, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: DASHBOARD, stdio: 'inherit' });
}

export interface Harness {
  server: RunningServer;
  service: Service;
  browser: Browser;
  /** A draft token for this store (drafts are private to the token that uploads them). */
  draftToken(): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  buildDashboard();
  const fresh = await freshStore('pglite');
  const service = await openService(fresh.options);
  const manifest = await readManifest(resolve(SAMPLES, 'manifest.yaml'));
  const files = [
    resolve(SAMPLES, 'culture-trade-agreement-en.txt'),
    resolve(SAMPLES, 'culture-trade-agreement-en.pdf'),
    ...TOTA_FILES,
  ];
  const summary = await ingest(service.store, files, { manifest, workers: 1 });
  if (summary.failed) throw new Error(`ingest failed for ${summary.failed} file(s)`);
  // Imported after the build: the API mounts the dashboard when its build exists.
  const { startServer } = await import('@ccm/api');
  const server = await startServer({ service, port: 0 });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(SHOTS, { recursive: true });
  return {
    server,
    service,
    browser,
    draftToken: async () => (await createToken(service.store, 'e2e')).token,
    async close() {
      await browser.close();
      await server.close();
      await service.close();
      await fresh.drop();
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it stands. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page, untyped there
    const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}
