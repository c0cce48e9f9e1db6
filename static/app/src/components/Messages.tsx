import type { ReactNode } from 'react';
import type { ResolverError } from '../contract';
import { formatDateTime } from '../format';
import { Icon } from './Icons';

/** A resolver error in the words the backend chose; ServiceNow outages also say since when. */
export function ErrorText({ error }: { error: ResolverError }) {
  return (
    <>
      {error.message}
      {error.code === 'servicenow-unreachable' && error.since ? (
        <> (unreachable since {formatDateTime(error.since)})</>
      ) : null}
    </>
  );
}

/**
 * A failed action, announced as it appears. A problem of the whole form (`fieldErrors.form`) is added
 * to the message only when the message does not already say it (a waiver's refusal says it in both).
 */
export function ActionError({ error }: { error: ResolverError | null }) {
  if (!error) return null;
  const formError = error.fieldErrors?.form;
  const addFormError = formError !== undefined && formError !== '' && !error.message.includes(formError);
  return (
    <p className="message message-error" role="alert">
      <Icon name="warning" />
      <span>
        <ErrorText error={error} />
        {addFormError ? <> {formError}</> : null}
      </span>
    </p>
  );
}

/** A success, announced politely. Always rendered so screen readers hear the change. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p className={children ? 'message message-success' : 'visually-hidden'} role="status">
      {children ? <Icon name="check" /> : null}
      {children ? <span>{children}</span> : null}
    </p>
  );
}
