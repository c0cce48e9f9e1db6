import { useEffect, useState, type ReactNode } from 'react';
import { callResolver } from '../bridge';
import type { GovernanceRights, ResolverError } from '../contract';
import { ErrorText } from './Messages';

type Check =
  | { status: 'checking' }
  | { status: 'done'; rights: GovernanceRights }
  | { status: 'error'; error: ResolverError };

/**
 * Shows a waiver or decision form to someone who may use it. A pilot's view asks Jira nothing, so when
 * the viewer's right is not known yet (`known` false) it is asked here, once, as the form opens.
 */
export function RightsCheck({
  known,
  right,
  refusal,
  children,
}: {
  known: boolean;
  right: keyof GovernanceRights;
  /** What to say to someone who may not (who decides), unless the check says it. */
  refusal: string;
  children: ReactNode;
}) {
  const [check, setCheck] = useState<Check>({ status: 'checking' });
  useEffect(() => {
    if (known) return undefined;
    let current = true;
    callResolver('checkGovernanceRights', {}).then((answer) => {
      if (!current) return;
      setCheck(
        answer.ok ? { status: 'done', rights: answer.data } : { status: 'error', error: answer.error },
      );
    });
    return () => {
      current = false;
    };
  }, [known]);
  if (known) return <>{children}</>;
  if (check.status === 'error')
    return (
      <p className="message message-error" role="alert">
        <ErrorText error={check.error} />
      </p>
    );
  const allowed = check.status === 'done' && check.rights[right];
  // One live region throughout, so the answer is announced where "Checking…" was.
  // The check names who decides; a view may not know it yet.
  const deciders = check.status === 'done' ? check.rights.deciders : refusal;
  const said = check.status === 'checking' ? 'Checking your permission…' : allowed ? '' : deciders || refusal;
  return (
    <>
      <p className={said ? 'message' : 'visually-hidden'} role="status">
        {said}
      </p>
      {allowed ? children : null}
    </>
  );
}
