import { uptakeSeries as serviceSeries } from '@ccm/service';
import { describe, expect, it } from 'vitest';
import type { AgreementListItem } from '../src/api.ts';
import { seriesFromLists, withConvention } from '../src/uptake.ts';

const agreement = (
  id: string,
  dateSigned: string | null,
  parties: string[],
  conventionAtSignature: AgreementListItem['conventionAtSignature'] = 'yes',
): AgreementListItem => ({
  id,
  title: id,
  type: null,
  dateSigned,
  language: 'en',
  parties,
  regions: [],
  conventionAtSignature,
  passed: 0,
  failed: 0,
  notApplicable: 0,
  tags: [],
});

const all = [
  agreement('a', '2004-03-01', ['CAN', 'CHL'], 'not_yet_adopted'),
  agreement('b', '2010-05-01', ['KOR', 'EUU']),
  agreement('c', '2010-09-01', ['CAN', 'KOR'], 'no'),
  agreement('d', '2018-01-01', ['AUS', 'PER']),
  agreement('e', null, ['CAN']),
];
const status = new Map([
  ['a', 'fail'],
  ['b', 'pass'],
  ['c', 'not_applicable'],
  ['d', 'fail'],
  ['e', 'pass'],
] as const);
const ids = (s: string) => new Set([...status].filter(([, v]) => v === s).map(([k]) => k));

describe('uptake grouped in the dashboard', () => {
  it.each(['year', 'party'] as const)('equals the service’s series by %s for the same agreements', (by) => {
    const check = '19.5-convention-reference';
    const mine = seriesFromLists(check, by, all, ids('pass'), ids('fail'));
    const service = serviceSeries(
      check,
      by,
      all.map((a) => ({
        dateSigned: a.dateSigned,
        parties: a.parties,
        regions: [],
        status: new Map([[check, status.get(a.id as 'a')!]]),
      })),
    );
    expect(mine).toEqual(service);
  });

  it('counts only agreements with a Convention Party at signature for that denominator', () => {
    const s = seriesFromLists('19.5-convention-reference', 'year', withConvention(all, true), ids('pass'), ids('fail'));
    expect(s.points).toEqual([
      { key: '2010', agreements: 1, applicable: 1, passed: 1, failed: 0, notApplicable: 0, share: 1 },
      { key: '2018', agreements: 1, applicable: 1, passed: 0, failed: 1, notApplicable: 0, share: 0 },
      { key: 'undated', agreements: 1, applicable: 1, passed: 1, failed: 0, notApplicable: 0, share: 1 },
    ]);
  });
});
