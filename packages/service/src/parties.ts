import { CcmError } from '@ccm/contracts/errors';
import { referenceParties as rows } from '@ccm/store/reference';

let codes: string[] | null = null;

/** ISO alpha-3 codes of every party the reference tables know (M49 and the EU), sorted; read once. */
export function referenceParties(): string[] {
  codes ??= rows()
    .map((p) => p.iso3)
    .sort();
  return codes;
}

/** A party filter must name a known party: else one line listing every code the reference knows. */
export function checkParty(iso3: string): void {
  const known = referenceParties();
  if (!known.includes(iso3))
    throw new CcmError(
      'USAGE_UNKNOWN_VALUE',
      `--party ${JSON.stringify(iso3)} is not a known party; valid values: ${known.join(', ')}`,
    );
}
