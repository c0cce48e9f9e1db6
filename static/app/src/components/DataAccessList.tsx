import type { DataAccessState, DataAccessView } from '../contract';
import { DATA_ACCESS_STATE_LABELS, formatDate, plural } from '../format';
import { Icon, type IconName } from './Icons';
import { ExternalLink, IssueLink } from './Links';

const STATE_ICONS: Record<DataAccessState, IconName> = {
  requested: 'clock',
  'in-progress': 'arrow',
  approved: 'check',
  rejected: 'cross',
};

const SOURCE_LABELS: Record<DataAccessView['source'], string> = { jira: 'Jira', servicenow: 'ServiceNow' };

function TicketKey({ ticket }: { ticket: DataAccessView }) {
  if (ticket.source === 'jira') return <IssueLink issueKey={ticket.key} />;
  if (ticket.url) return <ExternalLink href={ticket.url}>{ticket.key}</ExternalLink>;
  return <span>{ticket.key}</span>;
}

export function DataAccessList({ tickets }: { tickets: readonly DataAccessView[] }) {
  if (tickets.length === 0) {
    return (
      <p className="empty">
        No data-access ticket yet. File one now: a request filed early already counts towards the score.
      </p>
    );
  }
  return (
    <ul className="ticket-list">
      {tickets.map((ticket) => (
        <li key={`${ticket.source}:${ticket.key}`} className="ticket">
          <p className="ticket-head">
            <TicketKey ticket={ticket} />
            <span className={`status status-${ticket.state}`}>
              <Icon name={STATE_ICONS[ticket.state]} />
              {DATA_ACCESS_STATE_LABELS[ticket.state]}
            </span>
          </p>
          <p className="meta">
            <span>{SOURCE_LABELS[ticket.source]}</span>
            {ticket.ageDays !== null ? <span>Open for {plural(ticket.ageDays, 'day')}</span> : null}
            {ticket.openedDate ? <span>Filed {formatDate(ticket.openedDate)}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
