import { uptakeSeries as serviceSeries } from '@ccm/service';
import { describe, expect, it } from 'vitest';
import { amongConventionParties } from '../src/uptake.ts';

const check = '19.5-convention-reference';
const agreement = (dateSigned: string | null, status: 'pass' | 'fail' | 'not_applicable', convention: string) => ({
  dateSigned,
  parties: ['CAN'],
  regions: ['Americas'],
  status: new Map([[check, status] as const]),
  conventionAtSignature: convention,
});

describe('uptake among Convention Parties in the dashboard', () => {
  it('takes each point’s Convention figures from the API’s series, dropping groups with none', () => {
    const series = serviceSeries(check, 'year', [
      agreement('2004-03-01', 'fail', 'not_yet_adopted'),
      agreement('2010-05-01', 'pass', 'yes'),
      agreement('2010-09-01', 'not_applicable', 'no'),
      agreement('2010-10-01', 'not_applicable', 'yes'),
      agreement('2018-01-01', 'fail', 'yes'),
      agreement('2018-02-01', 'pass', 'unknown'),
    ]);
    const s = amongConventionParties(series);
    expect(
      s.points.map(({ key, agreements, applicable, passed, failed, notApplicable, share }) => ({
        key,
        agreements,
        applicable,
        passed,
        failed,
        notApplicable,
        share,
      })),
    ).toEqual([
      { key: '2010', agreements: 2, applicable: 1, passed: 1, failed: 0, notApplicable: 1, share: 1 },
      { key: '2018', agreements: 1, applicable: 1, passed: 0, failed: 1, notApplicable: 0, share: 0 },
    ]);
    expect(s.agreements).toBe(3);
    // The unfiltered series still counts every agreement of the year.
    expect(series.points.find((p) => p.key === '2018')).toMatchObject({ agreements: 2, passed: 1, failed: 1 });
  });
});
