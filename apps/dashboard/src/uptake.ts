import type { UptakePoint, UptakeSeries } from '@ccm/contracts';
import { api, type CheckId } from './api.ts';

export interface UptakeFilters {
  party?: string;
  region?: string;
  /** Only agreements with at least one Party to the 2005 Convention at signature. */
  convention?: boolean;
}

/**
 * The series as its Convention denominator: each point's figures among the agreements where at
 * least one party was a Party to the 2005 Convention at signature (the API's `convention`).
 * Groups with none such are dropped. Pure: tested without a browser.
 */
export function amongConventionParties(series: UptakeSeries): UptakeSeries {
  const points: UptakePoint[] = series.points
    .filter((p) => p.convention.agreements > 0)
    .map((p) => ({
      ...p,
      agreements: p.convention.agreements,
      applicable: p.convention.applicable,
      passed: p.convention.passed,
      failed: p.convention.applicable - p.convention.passed,
      notApplicable: p.convention.agreements - p.convention.applicable,
      share: p.convention.share,
    }));
  return { ...series, agreements: points.reduce((n, p) => n + p.agreements, 0), points };
}

/** One uptake series from the API's `/v1/uptake`, which takes the party and region filters itself. */
export async function uptakeSeries(check: CheckId, by: 'year' | 'party', f: UptakeFilters): Promise<UptakeSeries> {
  const series = await api.uptake({ by, check, party: f.party, region: f.region });
  return f.convention ? amongConventionParties(series) : series;
}

/** The view's filters from its URL parameters (one place, so a prefetch uses the view's keys). */
export function uptakeFilters(party: string, region: string, denominator: string): UptakeFilters {
  return {
    party: /^[A-Z]{3}$/.test(party) ? party : undefined,
    region: region || undefined,
    convention: denominator === 'convention',
  };
}

export const yearSeriesQuery = (check: CheckId, filters: UptakeFilters) => ({
  queryKey: ['uptake', 'year', check, filters],
  queryFn: () => uptakeSeries(check, 'year', filters),
});
