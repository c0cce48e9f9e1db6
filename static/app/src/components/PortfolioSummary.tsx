import {
  KILL_CLOCK_DAYS,
  type PortfolioContent,
  type PortfolioSummary,
  type ValueReviewDueView,
} from '../contract';
import { formatDate, plural } from '../format';
import { BandCounts } from './BandCounts';
import { IssueLink } from './Links';

/** The counts per band of a portfolio's content or summary. */
export function PortfolioBandCounts({
  content,
}: {
  content: Pick<PortfolioContent, 'countByBand' | 'notComputed'>;
}) {
  return (
    <BandCounts
      countOf={(band) => content.countByBand.find((count) => count.band === band)?.pilots ?? 0}
      notComputed={content.notComputed}
    />
  );
}

/** The kill list as pages that list many projects show it: each pilot linked, decisions made on its project's page. */
export function KillListSummary({
  killList,
  label,
}: {
  killList: PortfolioSummary['killList'];
  label: string;
}) {
  if (killList.length === 0)
    return (
      <p className="empty">No pilot is more than {KILL_CLOCK_DAYS} days past its demo without a decision.</p>
    );
  return (
    <ul className="pilot-list" aria-label={label}>
      {killList.map((pilot) => (
        <li key={pilot.key} className="pilot-row">
          <p className="pilot-row-head">
            <IssueLink issueKey={pilot.key} />
            <span className="pilot-summary">{pilot.summary}</span>
            {pilot.daysSinceDemo !== null ? (
              <span className="meta">{plural(pilot.daysSinceDemo, 'day')} since demo</span>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Live pilots waiting for their value review, each linked; the review is recorded on its project's page. */
export function ValueReviewSummary({
  content,
  label,
}: {
  content: Pick<PortfolioContent, 'valueReviews'>;
  label: string;
}) {
  if (content.valueReviews.length === 0)
    return <p className="empty">No live pilot is waiting for its value review.</p>;
  return (
    <ul className="pilot-list" aria-label={label}>
      {content.valueReviews.map((pilot) => (
        <li key={pilot.key} className="pilot-row">
          <ValueReviewHead pilot={pilot} />
        </li>
      ))}
    </ul>
  );
}

/** A live pilot awaiting its value review: its key, summary, go-live and since when the review is due. */
export function ValueReviewHead({ pilot }: { pilot: ValueReviewDueView }) {
  return (
    <p className="pilot-row-head">
      <IssueLink issueKey={pilot.key} />
      <span className="pilot-summary">{pilot.summary}</span>
      <span className="meta">
        live since {formatDate(pilot.goLiveDate)}
        {pilot.overdue ? `; review due since ${formatDate(pilot.opensOn)}` : ''}
      </span>
    </p>
  );
}
