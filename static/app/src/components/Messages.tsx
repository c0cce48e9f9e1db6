import { useEffect, useRef, type ReactNode } from 'react';
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
 * Someone else's save meanwhile (`changed-meanwhile`) offers to reload, when the page can.
 */
export function ActionError({ error, onReload }: { error: ResolverError | null; onReload?: () => void }) {
  if (!error) return null;
  const formError = error.fieldErrors?.form;
  const addFormError = formError !== undefined && formError !== '' && !error.message.includes(formError);
  return (
    <div className="message message-error" role="alert">
      <Icon name="warning" />
      <span>
        <ErrorText error={error} />
        {addFormError ? <> {formError}</> : null}
      </span>
      {error.code === 'changed-meanwhile' && onReload ? (
        <button type="button" className="button" onClick={onReload}>
          Reload
        </button>
      ) : null}
    </div>
  );
}

/**
 * A success, announced politely. Always rendered so screen readers hear the change. With `focusKey`,
 * each new key moves focus to the message: after an action whose form or button goes away (a decision
 * takes the pilot off the kill list), focus lands on its outcome instead of the top of the frame.
 */
export function StatusMessage({ children, focusKey }: { children: ReactNode; focusKey?: string | number }) {
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusKey) message.current?.focus();
  }, [focusKey]);
  return (
    <p
      ref={message}
      className={children ? 'message message-success' : 'visually-hidden'}
      role="status"
      tabIndex={focusKey === undefined ? undefined : -1}
    >
      {children ? <Icon name="check" /> : null}
      {children ? <span>{children}</span> : null}
    </p>
  );
}
