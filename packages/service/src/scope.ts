import type { AgreementSummaryMeta } from '@ccm/store';

/** The filters listings and uptake series share: an agreement is in or out the same way in both. */
export interface AgreementScope {
  includeSamples?: boolean;
  /** Years of signature, inclusive; an undated agreement is outside any year bound. */
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  /** ISO alpha-3 of one of its parties. */
  party?: string | undefined;
  /** UN M49 region of one of its parties. */
  region?: string | undefined;
}

/** Whether an agreement is within `scope` (samples only when asked). */
export function inScope(meta: AgreementSummaryMeta, scope: AgreementScope): boolean {
  if (meta.sample && !scope.includeSamples) return false;
  const year = meta.dateSigned ? Number(meta.dateSigned.slice(0, 4)) : null;
  if (scope.yearFrom !== undefined && (year === null || year < scope.yearFrom)) return false;
  if (scope.yearTo !== undefined && (year === null || year > scope.yearTo)) return false;
  if (scope.party && !meta.parties.includes(scope.party)) return false;
  return !scope.region || meta.m49Regions.includes(scope.region);
}
