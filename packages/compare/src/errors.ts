import { CcmError } from '@ccm/contracts/errors';

export type CompareErrorCode =
  | 'COMPARE_BAD_FINGERPRINT'
  | 'COMPARE_AGREEMENT_COUNT'
  | 'COMPARE_UNKNOWN_AGREEMENT'
  | 'COMPARE_DUPLICATE_AGREEMENT';

/** The one error the compare package throws for bad input; match on the stable `code`. */
export class CompareError extends CcmError {
  override readonly name = 'CompareError';
  declare readonly code: CompareErrorCode;
  constructor(code: CompareErrorCode, message: string) {
    super(code, message);
  }
}
