import type { CheckId, CheckStatus, TagId } from '@ccm/classifier';
import type { UptakePoint, UptakeSeries } from '@ccm/contracts';

/** What an uptake series needs of one agreement. */
export interface UptakeInput {
  dateSigned: string | null | undefined;
  /** ISO alpha-3 of each party. */
  parties: string[];
  /** M49 region of each party (one entry per distinct region). */
  regions: string[];
  status: Map<CheckId, CheckStatus>;
  /** The tags present in it; none when omitted. */
  tags?: ReadonlySet<TagId>;
  /** Was at least one party a Party to the 2005 Convention at signature? Only `yes` counts. */
  conventionAtSignature?: string;
}

/** The filters the series was drawn with, carried into each point's drill-down queries. */
export interface UptakeScope {
  party?: string;
  region?: string;
  yearFrom?: number;
  yearTo?: number;
  includeSamples?: boolean;
}

/** `GET /v1/agreements` queries for the agreements behind a point; null when no filter selects its group. */
function listOf(check: CheckId, by: UptakeSeries['by'], key: string, scope: UptakeScope): UptakePoint['list'] {
  const params = new URLSearchParams();
  if (by === 'year') {
    if (!/^\d{4}$/.test(key)) return null;
    params.set('yearFrom', key);
    params.set('yearTo', key);
  } else if (key === 'unknown') return null;
  if (scope.yearFrom !== undefined && by !== 'year') params.set('yearFrom', String(scope.yearFrom));
  if (scope.yearTo !== undefined && by !== 'year') params.set('yearTo', String(scope.yearTo));
  if (by === 'party') params.set('party', key);
  else if (scope.party) params.set('party', scope.party);
  if (by === 'region') params.set('region', key);
  else if (scope.region) params.set('region', scope.region);
  if (scope.includeSamples) params.set('includeSamples', 'true');
  const with_ = (extra: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `/v1/agreements?${p}`;
  };
  return {
    all: with_({}),
    passed: with_({ check, checkStatus: 'pass' }),
    failed: with_({ check, checkStatus: 'fail' }),
    convention: with_({ convention: 'yes', check, checkStatus: 'pass' }),
  };
}

/**
 * Uptake of one check by year of signature, party or M49 region, each point with its
 * denominators: the agreements in the group and, of those, the ones the check applies to; the
 * same among agreements with a Convention Party at signature; and how many carry each tag.
 * An agreement counts once in every group it belongs to (each of its parties, each region).
 */
export function uptakeSeries(
  check: CheckId,
  by: UptakeSeries['by'],
  agreements: UptakeInput[],
  scope: UptakeScope = {},
): UptakeSeries {
  const points = new Map<string, UptakePoint>();
  for (const a of agreements) {
    const keys =
      by === 'year' ? [a.dateSigned ? a.dateSigned.slice(0, 4) : 'undated'] : by === 'party' ? a.parties : a.regions;
    const status = a.status.get(check);
    const convention = a.conventionAtSignature === 'yes';
    for (const key of new Set(keys.length ? keys : ['unknown'])) {
      const p = points.get(key) ?? {
        key,
        agreements: 0,
        applicable: 0,
        passed: 0,
        failed: 0,
        notApplicable: 0,
        share: null,
        convention: { agreements: 0, applicable: 0, passed: 0, share: null },
        tags: {},
        list: listOf(check, by, key, scope),
      };
      p.agreements++;
      if (status === 'pass') p.passed++;
      else if (status === 'fail') p.failed++;
      else p.notApplicable++;
      p.applicable = p.passed + p.failed;
      p.share = p.applicable ? p.passed / p.applicable : null;
      if (convention) {
        const c = p.convention;
        c.agreements++;
        if (status === 'pass' || status === 'fail') c.applicable++;
        if (status === 'pass') c.passed++;
        c.share = c.applicable ? c.passed / c.applicable : null;
      }
      for (const tag of a.tags ?? []) p.tags[tag] = (p.tags[tag] ?? 0) + 1;
      points.set(key, p);
    }
  }
  return {
    check,
    by,
    agreements: agreements.length,
    points: [...points.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}
