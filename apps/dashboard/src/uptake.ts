import type { UptakePoint, UptakeSeries } from '@ccm/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { type AgreementListItem, api, type CheckId } from './api.ts';

export interface UptakeFilters {
  party?: string;
  region?: string;
  /** Only agreements with at least one Party to the 2005 Convention at signature. */
  convention?: boolean;
}

/**
 * Groups agreements into an uptake series the way the service does (an agreement counts once in
 * each group it belongs to; `applicable` = passed + failed is the share's denominator), from
 * the lists of agreements that pass and that fail the check. Pure: tested without a browser.
 */
export function seriesFromLists(
  check: CheckId,
  by: 'year' | 'party',
  all: AgreementListItem[],
  passed: Set<string>,
  failed: Set<string>,
): UptakeSeries {
  const points = new Map<string, UptakePoint>();
  for (const a of all) {
    const keys = by === 'year' ? [a.dateSigned ? a.dateSigned.slice(0, 4) : 'undated'] : a.parties;
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
      if (passed.has(a.id)) p.passed++;
      else if (failed.has(a.id)) p.failed++;
      else p.notApplicable++;
      p.applicable = p.passed + p.failed;
      p.share = p.applicable ? p.passed / p.applicable : null;
      points.set(key, p);
    }
  }
  return { check, by, points: [...points.values()].sort((a, b) => a.key.localeCompare(b.key)) };
}

export const withConvention = (list: AgreementListItem[], convention?: boolean) =>
  convention ? list.filter((a) => a.conventionAtSignature === 'yes') : list;

/**
 * One uptake series. Unfiltered, it is the API's `/v1/uptake`; with a party, region or the
 * Convention denominator (which `/v1/uptake` does not take) it is grouped here from
 * `/v1/agreements`, whose lists carry the same filters and each agreement's Convention status.
 */
export async function uptakeSeries(
  client: QueryClient,
  check: CheckId,
  by: 'year' | 'party',
  f: UptakeFilters,
): Promise<UptakeSeries> {
  if (!f.party && !f.region && !f.convention) return api.uptake({ by, check });
  const base = { party: f.party, region: f.region };
  const list = (extra: Record<string, string>) =>
    client.ensureQueryData({
      queryKey: ['agreements', { ...base, ...extra }],
      queryFn: () => api.allAgreements({ ...base, ...extra }),
    });
  const [all, pass, fail] = await Promise.all([
    list({}),
    list({ check, checkStatus: 'pass' }),
    list({ check, checkStatus: 'fail' }),
  ]);
  const ids = (l: AgreementListItem[]) => new Set(l.map((a) => a.id));
  return seriesFromLists(check, by, withConvention(all, f.convention), ids(pass), ids(fail));
}

/** The view's filters from its URL parameters (one place, so a prefetch uses the view's keys). */
export function uptakeFilters(party: string, region: string, denominator: string): UptakeFilters {
  return {
    party: /^[A-Z]{3}$/.test(party) ? party : undefined,
    region: region || undefined,
    convention: denominator === 'convention',
  };
}

export const yearSeriesQuery = (client: QueryClient, check: CheckId, filters: UptakeFilters) => ({
  queryKey: ['uptake', 'year', check, filters],
  queryFn: () => uptakeSeries(client, check, 'year', filters),
});
