import { text } from 'node:stream/consumers';
import type { CheckId, CheckStatus, Scorecard, TagId } from '@ccm/classifier';
import type { TagRow } from '@ccm/store';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportStream } from '../src/export.ts';
import { citeRow, reportChecks, strongestClause } from '../src/remedy.ts';
import { csvCell, shownName, terminalText } from '../src/safe.ts';
import { uptakeSeries } from '../src/uptake.ts';

describe('output safety', () => {
  it('neutralises cells a spreadsheet would run as formulas (OWASP), and keeps numbers', async () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(cell)).toBe(`'${cell}`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('Culture')).toBe('Culture');
    expect(csvCell(3)).toBe(3);
    const csv = await text(
      exportStream([{ title: '=cmd|calc', n: 1, ok: true, none: null }], 'csv', ['title', 'n', 'ok', 'none']),
    );
    expect(parseCsv(csv, { columns: true })).toEqual([{ title: "'=cmd|calc", n: '1', ok: 'true', none: '' }]);
  });

  it('strips escape sequences and control characters from terminal text, whole', () => {
    expect(terminalText('a\u001b[31mred\u001b[0m b\u001b]8;;http://x\u0007link\u001b]8;;\u0007 c\u0007\u009b2J')).toBe(
      'ared blink c2J',
    );
    expect(terminalText('line one\nline two\ttab')).toBe('line one\nline two\ttab');
  });

  it('shows a file name with a newline escaped, so it cannot forge a line', () => {
    expect(shownName('evil\nstored [1/1] x.pdf')).toBe('evil\\nstored [1/1] x.pdf');
    expect(shownName('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
  });

  it('writes JSON as one array, row by row', async () => {
    expect(JSON.parse(await text(exportStream([{ a: 1 }, { a: 2 }], 'json', ['a'])))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(JSON.parse(await text(exportStream([], 'json', [])))).toEqual([]);
  });
});

const status = (entries: [CheckId, CheckStatus][]) => new Map(entries);

describe('uptake series', () => {
  it('counts each group with its denominators; not-applicable agreements are not in the share', () => {
    const series = uptakeSeries('19.4-ecommerce-cultural-specificity', 'region', [
      {
        dateSigned: '2010-01-01',
        parties: ['CAN', 'FRA'],
        regions: ['Americas', 'Europe'],
        status: status([['19.4-ecommerce-cultural-specificity', 'pass']]),
      },
      {
        dateSigned: '2011-01-01',
        parties: ['CAN'],
        regions: ['Americas'],
        status: status([['19.4-ecommerce-cultural-specificity', 'fail']]),
      },
      {
        dateSigned: '2012-01-01',
        parties: ['CAN'],
        regions: ['Americas'],
        status: status([['19.4-ecommerce-cultural-specificity', 'not_applicable']]),
      },
    ]);
    expect(series.agreements).toBe(3);
    expect(series.points.map(({ convention: _c, tags: _t, list: _l, ...p }) => p)).toEqual([
      { key: 'Americas', agreements: 3, applicable: 2, passed: 1, failed: 1, notApplicable: 1, share: 0.5 },
      { key: 'Europe', agreements: 1, applicable: 1, passed: 1, failed: 0, notApplicable: 0, share: 1 },
    ]);
    // The agreements behind a figure: the list query selects the group and the state.
    expect(series.points[0]?.list?.passed).toBe(
      '/v1/agreements?region=Americas&check=19.4-ecommerce-cultural-specificity&checkStatus=pass',
    );
    const byYear = uptakeSeries('19.4-ecommerce-cultural-specificity', 'year', [
      {
        dateSigned: null,
        parties: [],
        regions: [],
        status: status([['19.4-ecommerce-cultural-specificity', 'not_applicable']]),
      },
    ]);
    expect(byYear.points).toEqual([
      {
        key: 'undated',
        agreements: 1,
        applicable: 0,
        passed: 0,
        failed: 0,
        notApplicable: 1,
        share: null,
        convention: { agreements: 0, applicable: 0, passed: 0, share: null },
        tags: {},
        list: null,
      },
    ]);
  });

  it('gives the share among agreements with a Convention Party at signature, and tag counts, per group', () => {
    const check = '19.5-convention-reference';
    const one = (status: CheckStatus, convention: string, tags: TagId[]) => ({
      dateSigned: '2015-06-01',
      parties: ['KOR', 'PER'],
      regions: ['Americas', 'Asia'],
      status: new Map([[check, status] as [CheckId, CheckStatus]]),
      conventionAtSignature: convention,
      tags: new Set(tags),
    });
    const s = uptakeSeries(
      check,
      'year',
      [
        one('pass', 'yes', ['cdce.reference', 'culture.exemption']),
        one('fail', 'yes', ['culture.exemption']),
        one('not_applicable', 'yes', []),
        one('pass', 'unknown', ['cdce.reference']),
      ],
      { party: 'KOR' },
    );
    const [p] = s.points;
    expect(p).toMatchObject({ key: '2015', agreements: 4, applicable: 3, passed: 2, share: 2 / 3 });
    expect(p?.convention).toEqual({ agreements: 3, applicable: 2, passed: 1, share: 0.5 });
    expect(p?.tags).toEqual({ 'cdce.reference': 2, 'culture.exemption': 2 });
    expect(p?.list?.all).toBe('/v1/agreements?yearFrom=2015&yearTo=2015&party=KOR');
    expect(p?.list?.convention).toBe(
      '/v1/agreements?yearFrom=2015&yearTo=2015&party=KOR&convention=yes&check=19.5-convention-reference&checkStatus=pass',
    );
  });
});

const row = (over: Partial<TagRow>): TagRow => ({
  agreementId: 'tota:1',
  title: 'A',
  dateSigned: '2010-01-01',
  provisionId: 'article-1',
  kind: 'article',
  article: '1',
  number: '1',
  heading: null,
  pageStart: 4,
  tag: 'culture.exemption',
  strength: 'binding',
  confidence: 0.9,
  scope: 'agreement',
  evidence: 'cultural industries',
  classifier: 'c',
  ...over,
});

describe('failed checks say what would make them pass', () => {
  it('picks the strongest clause: the check’s first kind of clause, binding, then most confident', () => {
    const rows = [
      row({ agreementId: 'tota:2', tag: 'culture.policy_space', confidence: 0.99 }),
      row({ agreementId: 'tota:3', strength: 'soft', confidence: 0.99 }),
      row({ agreementId: 'tota:4', confidence: 0.8 }),
      row({ agreementId: 'tota:5', confidence: 0.95 }),
    ];
    expect(strongestClause('19.4-cultural-clause', rows)?.agreementId).toBe('tota:5');
    expect(strongestClause('19.5-convention-reference', rows)).toBeNull();
    // 19.1 wants the operative text: a preamble citation is no model.
    expect(strongestClause('19.1-cultural-instruments', [row({ tag: 'cdce.reference', kind: 'preamble' })])).toBeNull();
  });

  it('cites a page only where the source has pages', () => {
    expect(citeRow(row({}), 'pdf')).toBe('Article 1, p. 4');
    expect(citeRow(row({}), 'tota-xml')).toBe('Article 1');
    expect(citeRow(row({ kind: 'paragraph', number: '2' }), 'docx')).toBe('Article 1, paragraph 2');
  });

  it('adds a remedy and the model clause to failures only', () => {
    const card = {
      checks: [
        { id: '19.4-cultural-clause', title: 't', status: 'fail', explanation: 'e', evidence: [] },
        { id: '19.5-convention-reference', title: 't', status: 'pass', explanation: 'e', evidence: [] },
        {
          id: '19.4-ecommerce-cultural-specificity',
          title: 't',
          status: 'not_applicable',
          explanation: 'e',
          evidence: [],
        },
      ],
    } as unknown as Scorecard;
    const model = { agreementId: 'tota:5', title: 'A', citation: 'Article 1', quote: 'cultural industries' };
    const [fail, pass, na] = reportChecks(card, new Map([['19.4-cultural-clause', model]]));
    expect(fail?.remedy).toMatch(/cultural clause/);
    expect(fail?.modelClause).toEqual(model);
    expect(pass).toMatchObject({ remedy: null, modelClause: null });
    expect(na).toMatchObject({ remedy: null, modelClause: null });
  });
});
