export { CLASSIFIER_VERSION, type ClassifyOptions, classify } from './classify.ts';
export { scorecardMarkdown, scorecardTable } from './format.ts';
export {
  type Check,
  type CheckEvidence,
  type CheckId,
  type CheckStatus,
  type Scorecard,
  scorecard,
} from './scorecard.ts';
export {
  type Classification,
  type ClassifiedProvision,
  type Evidence,
  type ExemptionScope,
  IMPLIED_TAGS,
  type Placement,
  type Strength,
  TAG_IDS,
  type Tag,
  type TagId,
} from './types.ts';
