import { useId } from 'react';
import type { PilotView } from '../contract';
import { useAction } from '../useResolver';
import { Icon } from './Icons';
import { ActionError } from './Messages';

/** What generation could not do on its own, and a way to try again. */
export function GenerationProblems({
  problems,
  generated,
  onRetried,
}: {
  problems: readonly string[];
  generated: boolean;
  onRetried: (view: PilotView) => void;
}) {
  const retry = useAction('retryGeneration');
  const headingId = useId();
  if (generated && problems.length === 0) return null;
  return (
    <section className="section section-warning" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Icon name="warning" />
        {generated ? 'The production path is incomplete' : 'The production path is not generated yet'}
      </h2>
      {problems.length > 0 ? (
        <ul className="problems">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      ) : (
        <p>The workstream sub-tasks and review tickets have not been created for this pilot.</p>
      )}
      <ActionError error={retry.error} />
      <button
        type="button"
        className="button"
        disabled={retry.pending}
        onClick={async () => {
          const answer = await retry.run({});
          if (answer.ok) onRetried(answer.data);
        }}
      >
        {retry.pending ? 'Retrying…' : 'Retry generation'}
      </button>
    </section>
  );
}
