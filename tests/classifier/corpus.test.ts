import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { classify, scorecard } from '@ccm/classifier';
import { parse, parseFile } from '@ccm/parser';
import { describe, expect, it } from 'vitest';
import { hasShared, PDF_DIR, TOTA_DIR } from '../parser/helpers.ts';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.ts');
const tota = (id: number) => resolve(TOTA_DIR, `pta_${id}.xml`);
const TEXT_DIR = resolve(PDF_DIR, '../text');

describe.runIf(hasShared)('classifier on real agreements', () => {
  it('keeps its promises on every provision: evidence spans the text (of the paragraph it rolled up from), confidence in (0, 1], one tag id per provision', async () => {
    for (const id of [16, 145, 320, 369, 427]) {
      const document = await parse(readFileSync(tota(id)));
      const result = classify(document);
      expect(result).toEqual(classify(document));
      const byId = new Map(document.provisions.map((p) => [p.id, p]));
      for (const p of result.provisions) {
        expect(new Set(p.tags.map((t) => t.tag)).size).toBe(p.tags.length);
        for (const t of p.tags) {
          // A tag rolled up from a paragraph indexes that paragraph's text.
          const text = byId.get(t.fromProvisionId ?? p.provisionId)?.text ?? '';
          expect(t.confidence).toBeGreaterThan(0);
          expect(t.confidence).toBeLessThanOrEqual(1);
          expect(t.evidence.length).toBeGreaterThan(0);
          expect(t.why.length).toBeGreaterThan(0);
          for (const e of t.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
        }
      }
    }
  });

  it('finds the Convention named in EU–Korea Article 15.10 (Protocol on Cultural Cooperation), in the body', async () => {
    const card = scorecard(classify(await parse(readFileSync(tota(145)))));
    const reference = card.checks.find((c) => c.id === '19.5-convention-reference');
    expect(reference?.status).toBe('pass');
    expect(reference?.evidence.map((e) => e.citation).join()).toMatch(/Article 15\.10/);
    expect(card.conventionReferences.body).toBeGreaterThan(0);
  });

  it('reads a cultural-industries exemption for the whole agreement as horizontal (Canada–Colombia, Article 23.06)', async () => {
    const result = classify(await parse(readFileSync(tota(369))));
    const exemption = result.provisions
      .find((p) => p.number === '23.06')
      ?.tags.find((t) => t.tag === 'culture.exemption');
    expect(exemption?.scope).toBe('agreement');
    const digital = scorecard(result).checks.find((c) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital?.status).toBe('pass');
  });

  it('tags RCEP’s e-commerce chapter from the PDF article by article (12.1–12.17), with its pages', async () => {
    const document = await parseFile(resolve(PDF_DIR, 'rcep-agreement-all-chapters.pdf'));
    const chapter12 = classify(document).provisions.filter(
      (p) => p.kind === 'article' && p.provisionId.startsWith('chapter-12/'),
    );
    expect(chapter12.map((p) => p.number)).toEqual(Array.from({ length: 17 }, (_, i) => `12.${i + 1}`));
    for (const p of chapter12) expect(p.tags.map((t) => t.tag)).toContain('ecommerce.provision');
    // Chapter 12 is printed on pages 421–435 of the PDF.
    for (const p of chapter12) expect(p.pageStart).toBeGreaterThanOrEqual(421);
    for (const p of chapter12) expect(p.pageStart).toBeLessThanOrEqual(435);
  });

  it('tags every article of Australia–Peru’s Chapter 13 (Electronic Commerce) and fails the e-commerce check', async () => {
    const document = await parseFile(resolve(TEXT_DIR, 'australia-peru-fta-2018.txt'));
    const classification = classify(document);
    const chapter = document.provisions.find(
      (p) => p.kind === 'chapter' && /electronic commerce/i.test(p.heading ?? ''),
    );
    const articles = classification.provisions.filter((p) => p.kind === 'article' && p.parentId === chapter?.id);
    expect(articles.length).toBeGreaterThanOrEqual(15);
    for (const p of articles) expect(p.tags.map((t) => t.tag)).toContain('ecommerce.provision');
    const digital = scorecard(classification).checks.find((c) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital?.status).not.toBe('not_applicable');
  });

  it('gives an agreement without e-commerce provisions (PACER Plus) a not_applicable e-commerce check', async () => {
    const card = scorecard(classify(await parseFile(resolve(TEXT_DIR, 'pacer-plus-2017.txt'))));
    const digital = card.checks.find((c) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital?.status).toBe('not_applicable');
    expect(card.notApplicable).toBe(1);
  });

  it('ccm classify prints one line per provision with tota:<id> and the article’s sourceId', () => {
    const run = spawnSync(process.execPath, [CLI, 'classify', tota(145), tota(16)], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => l.agreementId))).toEqual(new Set(['tota:145', 'tota:16']));
    // Input order is kept: every EU–Korea line comes before the EU–Algeria ones.
    expect(lines.findLastIndex((l) => l.agreementId === 'tota:145')).toBeLessThan(
      lines.findIndex((l) => l.agreementId === 'tota:16'),
    );
    for (const l of lines) {
      expect(Object.keys(l)).toEqual([
        'agreementId',
        'provisionId',
        'parentId',
        'kind',
        'number',
        'pageStart',
        'sourceId',
        'tags',
      ]);
      if (l.kind === 'article' || l.kind === 'paragraph') expect(typeof l.sourceId).toBe('string');
    }
    const paragraph = lines.find((l) => l.kind === 'paragraph');
    const article = lines.find((l) => l.provisionId === paragraph.parentId);
    expect(paragraph.sourceId).toBe(article.sourceId);
    expect(lines.some((l) => l.tags.some((t: { tag: string }) => t.tag === 'cdce.reference'))).toBe(true);
  });

  it('ccm analyze prints the scorecard as Markdown', () => {
    const run = spawnSync(process.execPath, [CLI, 'analyze', tota(145), '--format', 'markdown'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| 19.5 · explicit reference to the Convention | ✅ pass |');
    expect(run.stdout).toContain('| 18 · preferential treatment | ❌ fail |');
  });

  it('ccm classify tags every article of Australia–Peru’s e-commerce chapter', () => {
    const run = spawnSync(process.execPath, [CLI, 'classify', resolve(TEXT_DIR, 'australia-peru-fta-2018.txt')], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const chapter = lines.find((l) => l.kind === 'chapter' && l.number === '13');
    const articles = lines.filter((l) => l.kind === 'article' && l.parentId === chapter?.provisionId);
    expect(articles.length).toBeGreaterThanOrEqual(15);
    for (const a of articles) expect(a.tags.map((t: { tag: string }) => t.tag)).toContain('ecommerce.provision');
  });
});

// Written for this test: a protocol titled as digital trade whose articles never say "electronic commerce".
const DIGITAL_PROTOCOL = `PROTOCOL ON THE DIGITAL ECONOMY

Article 1
Electronic Transmissions

Neither Party shall impose customs duties on electronic transmissions between the Parties.

Article 2
Trust Services

The Parties shall recognise qualified trust services, including electronic seals and time stamps, provided in the territory of the other Party.

Article 3
Unsolicited Commercial Electronic Messages

Each Party shall adopt measures regarding unsolicited commercial electronic messages sent to consumers.

Article 4
Location of Computing Facilities

Neither Party shall require a covered person to use or locate computing facilities in its territory as a condition for conducting business.

Article 5
Online Consumer Protection

Each Party shall maintain consumer protection laws to proscribe fraudulent commercial activities that harm consumers engaged in online transactions.
`;

describe('ccm analyze on a digital-trade protocol without a cultural carve-out', () => {
  it('fails check 19.4 with most of its articles as evidence', () => {
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'ccm-digital-')), 'digital-economy-protocol.txt');
    writeFileSync(file, DIGITAL_PROTOCOL);
    const run = spawnSync(process.execPath, [CLI, 'analyze', file, '--format', 'json', '--no-corpus'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const analysis = JSON.parse(run.stdout);
    const checks = analysis.scorecard?.checks ?? analysis.checks;
    const digital = checks.find((c: { id: string }) => c.id === '19.4-ecommerce-cultural-specificity');
    expect(digital.status).toBe('fail');
    expect(new Set(digital.evidence.map((e: { citation: string }) => e.citation)).size).toBeGreaterThanOrEqual(4);
  });
});
