export {
  CcmError,
  type ErrorKind,
  EXIT_CODES,
  errorKind,
  HTTP_STATUS,
  httpStatus,
  isCcmError,
  problemOf,
  systemCode,
  toCcmError,
  UsageError,
} from './errors.ts';
export * from './schemas.ts';
export { assertPlainText, parseInput } from './validate.ts';
