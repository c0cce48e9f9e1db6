import { KILL_CLOCK_DAYS, type IsoDate } from '../contract';
import { formatDate, plural } from '../format';
import { Icon } from './Icons';

export function KillClock({
  daysSinceDemo,
  demoDate,
  reviewRequired,
  graduated,
}: {
  daysSinceDemo: number | null;
  demoDate: IsoDate | null;
  reviewRequired: boolean;
  graduated: boolean;
}) {
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
      {reviewRequired ? (
        <p className="message message-error">
          <Icon name="hourglass" />
          <span>
            <strong>Review required: accelerate, pause or kill.</strong> More than {KILL_CLOCK_DAYS} days
            since the demo with no decision recorded.
          </span>
        </p>
      ) : null}
    </>
  );
}
