import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, type Harness, hasChromium, SAMPLE_TEXT, seriousViolations, shot, startHarness } from './harness.ts';

if (!hasChromium) console.warn(`dashboard e2e tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

/** Issue 14's evidence, one test per point, in real headless Chromium against the real API. */
describe.skipIf(!hasChromium)('dashboard in Chromium over the real API', () => {
  let h: Harness;
  let page: Page;
  const open = async (path: string) => {
    await page.goto(`${h.server.url}${path}`);
  };

  beforeAll(async () => {
    h = await startHarness();
  }, 600_000);
  afterAll(async () => {
    await h?.close();
  });
  beforeAll(async () => {
    page = await h.browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  it('the uptake chart renders with data, and its drill-down lists the agreements behind a figure', async () => {
    await open('/');
    const chart = page.getByTestId('uptake-chart');
    await chart.locator('svg').first().waitFor();
    // Plot draws one dot per (check, year): data, not an empty frame.
    expect(await chart.locator('circle').count()).toBeGreaterThan(0);
    // The figures table is the keyboard's way to each drill-down: open it and pick a non-zero count.
    await page.locator('details.figures summary').click();
    const nonZero = page.locator('details.figures button').filter({ hasText: /^[1-9]\d* %$/ });
    expect(await nonZero.count()).toBeGreaterThan(0);
    await nonZero.first().focus();
    await page.keyboard.press('Enter');
    const items = page.getByTestId('drill-list').locator('li a');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/drill=year%3A\d{4}%3A/);
    await shot(page, 'uptake-drill');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the map colours the parties by their uptake', async () => {
    await open('/?mapCheck=19.5-convention-reference');
    const parties = page.getByTestId('world-map').locator('path.party');
    await parties.first().waitFor();
    const fills = await parties.evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    expect(fills.length).toBeGreaterThan(1);
    // Parties with uptake are darker than those without: not every party has the same colour.
    expect(new Set(fills).size).toBeGreaterThan(1);
    // Click a point inside a coloured country (a bounding box's centre may be sea).
    await page.getByTestId('world-map').scrollIntoViewIfNeeded();
    const point = await parties.evaluateAll((els) => {
      for (const el of els) {
        const b = el.getBoundingClientRect();
        for (let fx = 0.1; fx < 1; fx += 0.1)
          for (let fy = 0.1; fy < 1; fy += 0.1) {
            const x = b.left + b.width * fx;
            const y = b.top + b.height * fy;
            if (el.ownerDocument.elementFromPoint(x, y) === el) return { x, y, party: el.getAttribute('data-party') };
          }
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    await expect.poll(() => page.url()).toContain(`drill=party%3A${point!.party}`);
    await page.getByTestId('drill-list').waitFor();
    // The keyboard reaches every party through one tab stop: arrows move, Enter opens.
    expect(await parties.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').length)).toBe(1);
    await page.getByTestId('world-map').locator('path.party[tabindex="0"]').focus();
    const focused = () =>
      page
        .getByTestId('world-map')
        .evaluate((map) => map.ownerDocument.activeElement?.getAttribute('data-party') ?? null);
    const start = await focused();
    await page.keyboard.press('ArrowRight');
    const next = await focused();
    expect(next).not.toBeNull();
    expect(next).not.toBe(start);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain(`drill=party%3A${next}`);
    await shot(page, 'uptake-map');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('an agreement page shows highlighted evidence with its pages and the why on focus', async () => {
    await open('/agreements/sample%3Aen-pdf');
    const marks = page.locator('mark.tag');
    await marks.first().waitFor();
    expect(await marks.count()).toBeGreaterThan(2);
    // The PDF has real pages: each tagged provision names its page.
    const pages = await page.locator('.provision .page').allTextContents();
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => /^p\. \d+$/.test(p.trim()))).toBe(true);
    // The original PDF is stored: each page opens it at that page.
    const link = page.locator('.provision a.page').first();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/v1\/agreements\/sample%3Aen-pdf\/file#page=\d+$/);
    const file = await page.request.get(new URL(href, page.url()).toString());
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await marks.first().focus();
    await expect.poll(() => marks.first().locator('.why').isVisible()).toBe(true);
    expect(await marks.first().locator('.why').textContent()).toMatch(/(binding|soft|preambular)/);
    await shot(page, 'agreement');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('comparing two agreements shows aligned provisions with highlighted differences', async () => {
    // EU–Georgia and EU–Moldova (2014): two association agreements written from one template.
    await open('/compare?ids=tota%3A427%2Ctota%3A428');
    const pairs = page.getByTestId('pairs').locator('li');
    await pairs.first().waitFor({ timeout: 60_000 });
    expect(await pairs.count()).toBeGreaterThan(5);
    expect(await page.locator('.pair ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.pair del').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('matrix').locator('tbody tr').count()).toBe(7);
    // Jump to the next aligned pair: it becomes the current one, and the URL says which.
    await page.getByRole('button', { name: 'Next pair' }).click();
    await expect.poll(() => page.url()).toMatch(/pair=1/);
    await expect.poll(() => pairs.nth(1).getAttribute('class')).toContain('current');
    await shot(page, 'compare');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a draft uploaded through the page yields a scorecard, and deleting it removes it', async () => {
    const token = await h.draftToken();
    await open('/draft');
    await page.getByLabel(/Access token/).fill(token);
    await page.locator('input[type=file]').setInputFiles(SAMPLE_TEXT);
    const result = page.getByTestId('draft-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.locator('li.status').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/draft=/);
    await shot(page, 'draft');
    expect(await seriousViolations(page)).toEqual([]);
    const id = new URL(page.url()).searchParams.get('draft')!;
    await page.getByRole('button', { name: /Delete this draft/ }).click();
    await page.getByTestId('deleted').waitFor();
    const after = await fetch(`${h.server.url}/v1/drafts/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(404);
  });

  it('a shared URL reopens the same view', async () => {
    await open('/agreements?sort=title%3Aasc&filter=agreement&lang=fr');
    const table = page.getByTestId('agreements-table');
    await table.waitFor();
    const before = await table.locator('tbody tr td:first-child').allTextContents();
    expect(before.length).toBeGreaterThan(0);
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    expect([...before].sort(collator.compare)).toEqual(before);
    // Change the view in the page, then open its URL in a new tab.
    await page.getByRole('button', { name: /Titre/ }).click();
    await expect.poll(() => page.url()).toMatch(/sort=title%3Adesc/);
    const cells = table.locator('tbody tr td:first-child');
    await expect.poll(() => cells.allTextContents()).toEqual([...before].reverse());
    const shown = await cells.allTextContents();
    const other = await h.browser.newPage();
    await other.goto(page.url());
    const reopened = other.getByTestId('agreements-table');
    await reopened.waitFor();
    expect(await reopened.locator('tbody tr td:first-child').allTextContents()).toEqual(shown);
    expect(await other.locator('html').getAttribute('lang')).toBe('fr');
    await shot(other, 'shared-url');
    expect(await seriousViolations(other)).toEqual([]);
    await other.close();
  });
});
