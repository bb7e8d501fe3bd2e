import { referencePartyRows } from '@ccm/store';

let codes: string[] | null = null;

/** ISO alpha-3 codes of every party the reference tables know (M49 and the EU), sorted; read once. */
export function referenceParties(): string[] {
  codes ??= referencePartyRows()
    .map((p) => p.iso3)
    .sort();
  return codes;
}
