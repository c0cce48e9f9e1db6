/**
 * Failures a person can act on (UserFacingError, invalidInput), and how any failure becomes the
 * plain-words ResolverError a Custom UI shows (toResolverError); how long to wait out a used-up quota
 * (retryAfterSeconds).
 */
export { invalidInput, toResolverError, UserFacingError } from './resolver-errors';
export { retryAfterSeconds } from './retry-later';
