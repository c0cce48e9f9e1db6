import type { z } from 'zod';
import { JiraError, RetryLaterError } from '../../jira/errors';
import { ServiceNowError } from '../../servicenow/errors';
import { isStorageRateLimited, STORAGE_RETRY_AFTER_SECONDS } from '../../storage/rate-limit';
import { RecordTooLarge } from '../../storage/record-size';
import { ChangedMeanwhile } from '../../storage/versioned-record';
import type { ResolverError } from '../../ui-contract';

/** A failure the user can act on, with the words the panel shows. */
export class UserFacingError extends Error {
  constructor(
    readonly code: ResolverError['code'],
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Input that failed its schema: the message, and each field's first problem under its name. */
export function invalidInput(error: z.ZodError, message: string): UserFacingError {
  const fieldErrors = Object.fromEntries(
    error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message]),
  );
  return new UserFacingError('invalid-input', message, fieldErrors);
}

/**
 * JQL naming a project the viewer cannot browse is refused by Jira as if the project did not exist
 * ("The value 'AIP' does not exist for the field 'project'."): for the viewer, a missing permission.
 */
function isInvisibleProject(error: JiraError): boolean {
  return error.status === 400 && /does not exist for the field 'project'/i.test(error.message);
}

/** Maps any failure of a panel call to plain words; internal details go to the log, not the browser. */
export function toResolverError(error: unknown, issueKey: string): ResolverError {
  if (error instanceof UserFacingError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  }
  if (error instanceof ChangedMeanwhile) {
    return {
      code: 'changed-meanwhile',
      message:
        'Nothing was saved: this was changed by someone else meanwhile. Reload the page to see their change, then make yours again.',
    };
  }
  if (error instanceof RecordTooLarge) {
    return {
      code: 'invalid-input',
      message: `Nothing was saved: it would make what the app stores too large (${Math.ceil(error.bytes / 1024)} KiB, at most ${error.maxBytes / 1024} KiB). Shorten what you entered, or remove something first.`,
    };
  }
  if (
    error instanceof JiraError &&
    (error.status === 404 || error.status === 403 || error.status === 401 || isInvisibleProject(error))
  ) {
    return {
      code: 'no-permission',
      message: `You don't have permission to see ${issueKey} or what it links to, or it no longer exists. Ask a project admin for the Browse projects permission.`,
    };
  }
  if (error instanceof ServiceNowError) {
    // The client's sentences name what failed and never carry a secret.
    return {
      code: error.kind === 'rate-limited' ? 'rate-limited' : 'servicenow-unreachable',
      message: error.message,
    };
  }
  if (error instanceof RetryLaterError) {
    return {
      code: 'rate-limited',
      message: `Jira is busy right now; try again in ${error.retryAfterSeconds} seconds.`,
    };
  }
  if (isStorageRateLimited(error)) {
    return {
      code: 'rate-limited',
      message: `Pilot Pathway is busy right now; try again in ${STORAGE_RETRY_AFTER_SECONDS} seconds.`,
    };
  }
  console.error('Panel call failed', error);
  return {
    code: 'internal',
    message: 'Something went wrong while loading readiness. Try again in a moment.',
  };
}
