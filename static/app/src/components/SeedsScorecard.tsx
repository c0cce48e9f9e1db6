import type { SeedsScorecard } from '../contract';
import { Icon } from './Icons';

/** "N of 7 yes" and its next step as the domain words it; `compact` for a table cell or the issue context. */
export function SeedsScorecardLine({
  scorecard,
  compact = false,
}: {
  scorecard: SeedsScorecard;
  compact?: boolean;
}) {
  const count = `${scorecard.yes} of ${scorecard.questions} yes`;
  if (compact) {
    return (
      <span className="scorecard">
        <span className="scorecard-count">{count}</span>
        {scorecard.nextStep ? (
          <span className={scorecard.urgent ? 'scorecard-step scorecard-urgent' : 'scorecard-step'}>
            {scorecard.nextStep}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <p className={scorecard.urgent ? 'message message-warning' : 'summary'}>
      {scorecard.urgent ? <Icon name="warning" /> : null}
      <span>
        The seeds' scorecard: <strong>{count}</strong>
        {scorecard.nextStep ? `: ${scorecard.nextStep}.` : '.'}
      </span>
    </p>
  );
}
