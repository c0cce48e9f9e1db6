/**
 * Failures a person can act on (UserFacingError, invalidInput), and how any failure becomes the
 * plain-words ResolverError a Custom UI shows (toResolverError).
 */
export { invalidInput, toResolverError, UserFacingError } from './resolver-errors';
