/** Jira's error body: `{"errorMessages": [...], "errors": {field: message}}`. */
export interface JiraErrorBody {
  errorMessages?: string[];
  errors?: Record<string, string>;
}

/** A Jira REST call that failed with a status the caller should see. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly operation: string,
    readonly body: JiraErrorBody,
  ) {
    super(`${operation} failed with ${status}: ${describeJiraError(body) || 'no details'}`);
    this.name = 'JiraError';
  }
}

/** The invocation has no time left to wait out a rate limit: hand the rest of the work on. */
export class RetryLaterError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly reason: string,
  ) {
    super(`Jira asked us to wait ${retryAfterSeconds}s (${reason}); not enough time left in this invocation`);
    this.name = 'RetryLaterError';
  }
}

export function describeJiraError(body: JiraErrorBody): string {
  const fieldErrors = Object.entries(body.errors ?? {}).map(([field, message]) => `${field}: ${message}`);
  return [...(body.errorMessages ?? []), ...fieldErrors].join('; ');
}

export function parseJiraErrorBody(text: string): JiraErrorBody {
  try {
    const parsed = JSON.parse(text) as JiraErrorBody;
    return typeof parsed === 'object' && parsed !== null ? parsed : { errorMessages: [text] };
  } catch {
    return text ? { errorMessages: [text.slice(0, 500)] } : {};
  }
}
