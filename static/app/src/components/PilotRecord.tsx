import { useState } from 'react';
import type { PilotView } from '../contract';
import { formatDate, formatDateTime } from '../format';
import { DecisionForm } from './DecisionForm';
import { Disclosure } from './Disclosure';
import { RightsCheck } from './RightsCheck';
import { IssueLink } from './Links';
import { StatusMessage } from './Messages';
import { Section } from './Section';
import { TrendLine } from './TrendLine';

/** The pilot's trend, and, on the kill list, the decision form (for a decider; others see who decides). */
export function TrendAndDecision({ view, onDecided }: { view: PilotView; onDecided: () => void }) {
  const [decided, setDecided] = useState('');
  const history = view.history ?? [];
  return (
    <>
      {history.length > 0 ? (
        <p className="meta">
          <span>
            Trend: {view.trend ? <TrendLine trend={view.trend} /> : null} (since{' '}
            {formatDate(history[0]?.at.slice(0, 10))})
          </span>
        </p>
      ) : null}
      <StatusMessage focusKey={decided}>{decided}</StatusMessage>
      {view.readiness.reviewRequired && (view.canDecide || view.checkRights) ? (
        <Disclosure label="Record a review decision" onOpen={() => setDecided('')}>
          {(close) => (
            <RightsCheck known={view.canDecide === true} right="canDecide" refusal={view.deciders ?? ''}>
              <DecisionForm
                today={view.today}
                onCancel={close}
                onDecided={(result) => {
                  close();
                  setDecided(`Decision recorded on ${result.key}.`);
                  onDecided();
                }}
              />
            </RightsCheck>
          )}
        </Disclosure>
      ) : view.readiness.reviewRequired ? (
        <p className="meta">{view.deciders}</p>
      ) : null}
      {view.closure && view.closure.byHand.length > 0 ? (
        <div className="message message-warning" role="note">
          <span>
            The kill closed {view.closure.closed.length} issue{view.closure.closed.length === 1 ? '' : 's'}.
            Close by hand:{' '}
            {view.closure.byHand.map((item, index) => (
              <span key={item.key}>
                {index > 0 ? '; ' : ''}
                <IssueLink issueKey={item.key} /> ({item.reason})
              </span>
            ))}
          </span>
        </div>
      ) : null}
    </>
  );
}

/** Who did what, when: decisions, waivers, template re-syncs and moved dates, newest first. */
export function AuditLog({ view }: { view: PilotView }) {
  const entries = view.audit ?? [];
  return (
    <Section title="Audit log">
      {entries.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <ol className="audit-log" aria-label="Audit log entries">
          {entries.map((entry) => (
            <li key={`${entry.at}-${entry.summary}`}>
              <span className="meta">
                {formatDateTime(entry.at)} · {entry.actor}
              </span>
              <span>{entry.summary}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
