export type CompareErrorCode =
  | 'COMPARE_BAD_FINGERPRINT'
  | 'COMPARE_AGREEMENT_COUNT'
  | 'COMPARE_UNKNOWN_AGREEMENT'
  | 'COMPARE_DUPLICATE_AGREEMENT';

/** The one error the compare package throws for bad input; match on the stable `code`. */
export class CompareError extends Error {
  override readonly name = 'CompareError';
  readonly code: CompareErrorCode;
  constructor(code: CompareErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
