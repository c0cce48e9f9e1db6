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

/**
 * Workstreams and reviews the pilot has no issue for (deleted in Jira): each counts as 0 until it is
 * restored. The server checks who may restore (someone who may edit the pilot, or a decider).
 */
export function MissingWork({
  view,
  onRestored,
}: {
  view: PilotView;
  onRestored: (view: PilotView) => void;
}) {
  const restore = useAction('restoreMissingWork');
  const headingId = useId();
  const { workstreams, reviews } = view.missing;
  if (workstreams.length === 0 && reviews.length === 0) return null;
  const names = [
    ...view.workstreams.filter((row) => workstreams.includes(row.row)).map((row) => row.workstream),
    ...reviews.map((kind) => `${kind.charAt(0).toUpperCase()}${kind.slice(1)} review`),
  ];
  return (
    <section className="section section-warning" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Icon name="warning" />
        Missing from the production path
      </h2>
      <p>These have no issue in Jira (deleted?) and count as not done until they are restored:</p>
      <ul className="problems">
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      <ActionError error={restore.error} />
      <button
        type="button"
        className="button"
        disabled={restore.pending}
        onClick={async () => {
          const answer = await restore.run({});
          if (answer.ok) onRestored(answer.data);
        }}
      >
        {restore.pending ? 'Restoring…' : 'Restore'}
      </button>
    </section>
  );
}
