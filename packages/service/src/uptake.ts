import type { CheckId, CheckStatus } from '@ccm/classifier';
import type { UptakePoint, UptakeSeries } from '@ccm/contracts';

/** What an uptake series needs of one agreement. */
export interface UptakeInput {
  dateSigned: string | null | undefined;
  /** ISO alpha-3 of each party. */
  parties: string[];
  /** M49 region of each party (one entry per distinct region). */
  regions: string[];
  status: Map<CheckId, CheckStatus>;
}

/**
 * Uptake of one check by year of signature, party or M49 region, each point with its
 * denominators: the agreements in the group and, of those, the ones the check applies to.
 * An agreement counts once in every group it belongs to (each of its parties, each region).
 */
export function uptakeSeries(check: CheckId, by: UptakeSeries['by'], agreements: UptakeInput[]): UptakeSeries {
  const points = new Map<string, UptakePoint>();
  for (const a of agreements) {
    const keys =
      by === 'year' ? [a.dateSigned ? a.dateSigned.slice(0, 4) : 'undated'] : by === 'party' ? a.parties : a.regions;
    const status = a.status.get(check);
    for (const key of new Set(keys.length ? keys : ['unknown'])) {
      const p = points.get(key) ?? {
        key,
        agreements: 0,
        applicable: 0,
        passed: 0,
        failed: 0,
        notApplicable: 0,
        share: null,
      };
      p.agreements++;
      if (status === 'pass') p.passed++;
      else if (status === 'fail') p.failed++;
      else p.notApplicable++;
      p.applicable = p.passed + p.failed;
      p.share = p.applicable ? p.passed / p.applicable : null;
      points.set(key, p);
    }
  }
  return { check, by, points: [...points.values()].sort((a, b) => a.key.localeCompare(b.key)) };
}
