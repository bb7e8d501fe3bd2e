export {
  type AgreementComparison,
  type AlignedProvision,
  type CompareOptions,
  compareAgreements,
  comparePairwise,
  type PairwiseComparison,
  type PreparedAgreement,
  type ProvisionRef,
  prepare,
  type TextSimilarity,
  textSimilarity,
  type WordChange,
  wordDiff,
} from './compare.ts';
export { CompareError, type CompareErrorCode } from './errors.ts';
export {
  type AgreementFingerprint,
  CHAR_SKETCH_SIZE,
  deserialiseFingerprint,
  FINGERPRINT_FORMAT,
  fingerprint,
  type ProvisionFingerprint,
  type SerialisedFingerprint,
  serialiseFingerprint,
} from './fingerprint.ts';
export { normaliseText } from './normalise.ts';
export { type Predecessor, provisionShares, type ReuseEntry, ReuseIndex, type ReuseReport } from './reuse.ts';
export { containment, jaccard, sketchJaccard } from './sets.ts';
export { type ReuseUnit, reuseUnits } from './units.ts';
