import type { ConventionAtSignature } from '@ccm/contracts';

/** The day the General Conference adopted the Convention: nobody could be a Party before it. */
export const CONVENTION_ADOPTED = '2005-10-20';

/**
 * "Was at least one party a Party to the Convention when the agreement was signed?" Before
 * the Convention existed the answer is `not_yet_adopted`; a party missing from the (incomplete)
 * reference list makes a "no" into "unknown", never a "no".
 */
export function conventionAt(
  dateSigned: string | null | undefined,
  parties: { cdceStatus: 'party' | 'unknown'; cdceDeposit: string | null }[],
): ConventionAtSignature {
  if (!dateSigned) return 'unknown';
  if (dateSigned < CONVENTION_ADOPTED) return 'not_yet_adopted';
  if (parties.length === 0) return 'unknown';
  if (parties.some((p) => p.cdceDeposit && p.cdceDeposit <= dateSigned)) return 'yes';
  if (parties.some((p) => p.cdceStatus === 'unknown' || (p.cdceStatus === 'party' && !p.cdceDeposit))) return 'unknown';
  return 'no';
}
