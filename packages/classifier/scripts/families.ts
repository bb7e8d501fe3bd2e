/**
 * Treaty families of ToTA agreements, from their metadata (name, parties, region): the groups of
 * the family cross-validation in scripts/eval.ts. Agreements of one family share drafting
 * templates (EU association agreements, EFTA FTAs, US FTAs, …), so a family held out of training
 * tells how rules and weights carry over to wording nobody tuned them on.
 *
 * The first rule that matches decides:
 *
 * | family        | rule                                                                                |
 * | ------------- | ----------------------------------------------------------------------------------- |
 * | EU            | name starts with EU / EC / EEC, or is the EC Treaty, Yaoundé, Lomé or Arusha        |
 * | EFTA          | name names EFTA                                                                     |
 * | US            | the United States is a party                                                        |
 * | Global South  | a scheme spanning four or more regions (GSTP, PTN)                                  |
 * | Americas      | a party in Latin America or the Caribbean (region), or Mexico or Canada a party     |
 * | Asia-Pacific  | a party in East Asia, West Asia or Oceania (ASEAN and its partners, India, Japan…)  |
 * | CIS           | every party in the Commonwealth of Independent States                               |
 * | Europe        | other agreements with a European party (Turkey, CEFTA, Baltic and Balkan FTAs)      |
 * | Africa-MidEast| the rest with a region (SACU, ECOWAS, GCC, Agadir…)                                 |
 * | Other         | no region in the metadata                                                           |
 */
export type Family =
  | 'EU'
  | 'EFTA'
  | 'US'
  | 'Global South'
  | 'Americas'
  | 'Asia-Pacific'
  | 'CIS'
  | 'Europe'
  | 'Africa-MidEast'
  | 'Other';

export const FAMILIES: Family[] = [
  'EU',
  'EFTA',
  'US',
  'Global South',
  'Americas',
  'Asia-Pacific',
  'CIS',
  'Europe',
  'Africa-MidEast',
  'Other',
];

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** The family of an agreement from its ToTA metadata (`AgreementDocument.metadata`). */
export function familyOf(metadata: Record<string, unknown>): Family {
  const name = String(metadata.name ?? '');
  const parties = new Set(list(metadata.parties));
  const regions = String(metadata.region ?? '')
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
  const inRegion = (...r: string[]) => regions.some((x) => r.includes(x));
  if (/^(?:EU|EC|EEC)\b|\bEC Treaty\b|Yaound|Lom[ée]|Arusha/i.test(name)) return 'EU';
  if (/\bEFTA\b/.test(name)) return 'EFTA';
  if (parties.has('USA')) return 'US';
  if (regions.length >= 4) return 'Global South';
  if (inRegion('South America', 'Central America', 'Caribbean') || parties.has('MEX') || parties.has('CAN'))
    return 'Americas';
  if (inRegion('East Asia', 'West Asia', 'Oceania')) return 'Asia-Pacific';
  if (regions.length && regions.every((r) => r.startsWith('Commonwealth of Independent States'))) return 'CIS';
  if (inRegion('Europe')) return 'Europe';
  return regions.length ? 'Africa-MidEast' : 'Other';
}
