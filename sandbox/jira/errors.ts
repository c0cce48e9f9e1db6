/**
 * Jira's error shape: `{"errorMessages": [...], "errors": {"field": "message"}}` (ErrorCollection).
 * Route handlers throw a JiraError; the site turns it into the response.
 */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
    /** For the emulator's log only: what Jira's terse answer (e.g. INVALID_INPUT) does not say. */
    readonly detail?: string,
  ) {
    super(
      `${status} ${[...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}${detail ? ` (${detail})` : ''}`,
    );
  }

  get body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function badRequest(errorMessages: string[], errors: Record<string, string> = {}): JiraError {
  return new JiraError(400, errorMessages, errors);
}

export function fieldErrors(errors: Record<string, string>): JiraError {
  return new JiraError(400, [], errors);
}

export function notFound(message: string): JiraError {
  return new JiraError(404, [message]);
}

export function forbidden(message: string): JiraError {
  return new JiraError(403, [message]);
}

export function issueNotFound(): JiraError {
  return notFound(ISSUE_NOT_FOUND);
}

export const ADMIN_REQUIRED =
  'You are not authorized to perform this action. Administrator privileges are required.';
