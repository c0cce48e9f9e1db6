import { useEffect, useState } from 'react';
import { callResolver } from '../bridge';
import type { QueueEntry, ResolverError } from '../contract';
import { formatDate, plural } from '../format';
import { IssueLink } from './Links';
import { ActionError } from './Messages';
import { Section } from './Section';

type Queue = { entries: QueueEntry[]; nextPageToken: string | null };

/** One owner team's open workstreams across the project's pilots, overdue first; more on demand. */
export function OwnerQueue({ teams }: { teams: readonly string[] }) {
  const [team, setTeam] = useState(teams[0] ?? '');
  const [queue, setQueue] = useState<Queue | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);

  const load = async (chosen: string, after: Queue | null) => {
    setLoading(true);
    setError(null);
    const answer = await callResolver('getOwnerQueue', {
      team: chosen,
      ...(after?.nextPageToken ? { nextPageToken: after.nextPageToken } : {}),
    });
    setLoading(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setQueue({
      entries: [...(after?.entries ?? []), ...answer.data.entries],
      nextPageToken: answer.data.nextPageToken,
    });
  };

  useEffect(() => {
    if (team) void load(team, null);
    // Only a change of team starts the queue over.
  }, [team]);

  return (
    <Section title="Queue per owner team">
      <label>
        Owner team{' '}
        <select value={team} onChange={(event) => setTeam(event.target.value)}>
          {teams.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
      </label>
      <ActionError error={error} />
      <p className="summary" role="status" aria-busy={loading}>
        {loading
          ? 'Loading the queue…'
          : queue
            ? `${plural(queue.entries.length, 'open workstream')} shown.`
            : ''}
      </p>
      {queue && queue.entries.length > 0 ? (
        <ol className="ticket-list" aria-label={`Open workstreams of ${team}`}>
          {queue.entries.map((entry) => (
            <li key={entry.key} className="ticket">
              <p className="ticket-head">
                <IssueLink issueKey={entry.key} />
                <span>{entry.summary}</span>
                <span className="meta">
                  pilot <IssueLink issueKey={entry.pilotKey} />
                </span>
                <span className={entry.daysOverdue > 0 ? 'overdue' : 'meta'}>
                  {entry.dueDate
                    ? entry.daysOverdue > 0
                      ? `${plural(entry.daysOverdue, 'day')} overdue (due ${formatDate(entry.dueDate)})`
                      : `due ${formatDate(entry.dueDate)}`
                    : 'no due date'}
                </span>
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {queue?.nextPageToken ? (
        <button type="button" className="button" disabled={loading} onClick={() => void load(team, queue)}>
          Show more
        </button>
      ) : null}
    </Section>
  );
}
