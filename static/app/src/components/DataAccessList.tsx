import type { DataAccessState, DataAccessView, ServiceNowPanelView } from '../contract';
import { DATA_ACCESS_STATE_LABELS, formatDate, formatDateTime, plural } from '../format';
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

/** "Approved", or "unknown (9)" for a ServiceNow state the mapping does not know (counted as requested). */
function stateLabel(ticket: DataAccessView): string {
  return ticket.unknownState !== undefined
    ? `unknown (${ticket.unknownState})`
    : DATA_ACCESS_STATE_LABELS[ticket.state];
}

/** A decided ticket's age stopped at its decision; an open one's runs on. */
function ageLabel(ticket: DataAccessView, ageDays: number): string {
  const decided = ticket.state === 'approved' || ticket.state === 'rejected';
  return `${decided ? 'Was open' : 'Open'} for ${plural(ageDays, 'day')}`;
}

function TicketItem({ ticket }: { ticket: DataAccessView }) {
  return (
    <li className="ticket">
      <p className="ticket-head">
        <TicketKey ticket={ticket} />
        <span className={`status status-${ticket.state}`}>
          <Icon name={STATE_ICONS[ticket.state]} />
          {stateLabel(ticket)}
        </span>
      </p>
      <p className="meta">
        <span>{SOURCE_LABELS[ticket.source]}</span>
        {ticket.ageDays !== null ? <span>{ageLabel(ticket, ticket.ageDays)}</span> : null}
        {ticket.openedDate ? <span>Filed {formatDate(ticket.openedDate)}</span> : null}
        {ticket.asOf ? <span>State as of {formatDateTime(ticket.asOf)}</span> : null}
      </p>
    </li>
  );
}

function ServiceNowNotes({ serviceNow }: { serviceNow: ServiceNowPanelView | undefined }) {
  if (!serviceNow) return null;
  return (
    <>
      {serviceNow.history.length > 0 ? (
        <>
          <p className="meta">Filed again since (only the newest request of a data source counts):</p>
          <ul className="ticket-list" aria-label="Earlier requests">
            {serviceNow.history.map((ticket) => (
              <TicketItem key={`${ticket.source}:${ticket.key}`} ticket={ticket} />
            ))}
          </ul>
        </>
      ) : null}
      {serviceNow.failingSince ? (
        <p className="notice notice-warning" role="status">
          ServiceNow has not answered since {formatDateTime(serviceNow.failingSince)}: the states below are
          the last known ones, and the sync resumes by itself.
        </p>
      ) : null}
      {serviceNow.ignoredLinks.length > 0 ? (
        <ul className="ticket-list" aria-label="ServiceNow links that do not count">
          {serviceNow.ignoredLinks.map((link) => (
            <li key={link.url + link.title} className="ticket ticket-ignored">
              <p className="ticket-head">
                <ExternalLink href={link.url}>{link.title}</ExternalLink>
                <span className="status">Does not count</span>
              </p>
              <p className="meta">{link.reason}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {serviceNow.moreIgnoredLinks > 0 ? (
        <p className="meta">
          And {plural(serviceNow.moreIgnoredLinks, 'more link')} like these, which do not count either.
        </p>
      ) : null}
    </>
  );
}

export function DataAccessList({
  tickets,
  serviceNow,
}: {
  tickets: readonly DataAccessView[];
  serviceNow?: ServiceNowPanelView;
}) {
  if (tickets.length === 0) {
    return (
      <>
        <p className="empty">
          No data-access ticket yet. File one now: a request filed early already counts towards the score.
        </p>
        <ServiceNowNotes serviceNow={serviceNow} />
      </>
    );
  }
  return (
    <>
      <ul className="ticket-list">
        {tickets.map((ticket) => (
          <TicketItem key={`${ticket.source}:${ticket.key}`} ticket={ticket} />
        ))}
      </ul>
      <ServiceNowNotes serviceNow={serviceNow} />
    </>
  );
}
