import {
  BAND_LABELS,
  KILL_CLOCK_DAYS,
  type DecisionView,
  type IsoDate,
  type KillClockView,
  type KillView,
} from '../contract';
import { formatDate, plural } from '../format';
import { Icon } from './Icons';

/** The decision that stands, with the day it lapses; or the one that lapsed, and since when the pilot is back. */
function Decisions({ decisions }: { decisions: KillClockView }) {
  const line = (decision: DecisionView) =>
    `${decision.summary} (decided by ${decision.decidedBy} on ${formatDate(decision.decidedOn)})`;
  if (decisions.standing) {
    const { standing } = decisions;
    return (
      <p className="summary">
        <strong>Decision in force:</strong> {line(standing)}
        {standing.lapsesOn
          ? ` It holds until ${formatDate(standing.lapsesOn)}, when the pilot is back on the kill list unless it has graduated.`
          : ''}
      </p>
    );
  }
  if (decisions.lapsed) {
    const { lapsed } = decisions;
    return (
      <p className="summary">
        <strong>Decision lapsed:</strong> {line(lapsed)}
        {lapsed.lapsesOn
          ? ` It lapsed on ${formatDate(lapsed.lapsesOn)}: the pilot is back on the kill list.`
          : ''}
      </p>
    );
  }
  return null;
}

export function KillClock({
  daysSinceDemo,
  demoDate,
  reviewRequired,
  graduated,
  killed = null,
  decisions = null,
}: {
  daysSinceDemo: number | null;
  demoDate: IsoDate | null;
  reviewRequired: boolean;
  graduated: boolean;
  /** The kill that stands: the clock no longer runs. */
  killed?: KillView | null;
  /** The decision the clock shows (the full panel only). */
  decisions?: KillClockView | null;
}) {
  if (killed) {
    return (
      <p className="summary">
        {BAND_LABELS.killed.title} on {formatDate(killed.decidedOn)}: the clock no longer runs. Reopening the
        pilot in Jira makes it active again.
      </p>
    );
  }
  if (daysSinceDemo === null) {
    return (
      <p className="summary">No demo signed off yet: the {KILL_CLOCK_DAYS}-day clock starts at the demo.</p>
    );
  }
  const share = Math.min(1, Math.max(0, daysSinceDemo / KILL_CLOCK_DAYS));
  const left = KILL_CLOCK_DAYS - daysSinceDemo;
  return (
    <>
      <p className="summary">
        <strong>{plural(daysSinceDemo, 'day')} since the demo</strong>
        {demoDate ? ` on ${formatDate(demoDate)}` : ''}.{' '}
        {graduated
          ? 'The pilot has graduated: the clock no longer runs.'
          : left >= 0
            ? `${plural(left, 'day')} left before a review is due.`
            : `${plural(-left, 'day')} past the ${KILL_CLOCK_DAYS}-day mark.`}
      </p>
      <div className="clock-bar" aria-hidden="true">
        <span
          className={share >= 1 ? 'clock-fill clock-fill-over' : 'clock-fill'}
          style={{ width: `calc(${share} * 100%)` }}
        />
      </div>
      {decisions ? <Decisions decisions={decisions} /> : null}
      {reviewRequired ? (
        <p className="message message-error">
          <Icon name="hourglass" />
          <span>
            <strong>Review required: accelerate, pause or kill.</strong>{' '}
            {decisions?.lapsed
              ? 'The last decision has lapsed: a new one is due.'
              : `More than ${KILL_CLOCK_DAYS} days since the demo with no decision recorded.`}
          </span>
        </p>
      ) : null}
    </>
  );
}
