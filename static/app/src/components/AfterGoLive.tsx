import { VALUE_OUTCOME_LABELS, VALUE_REVIEW_DAYS, type PilotView } from '../contract';
import { formatDate } from '../format';
import { Icon } from './Icons';
import { Section } from './Section';
import { withUnit } from './ValueReviewForm';

/** The pilot after go-live (product.md §15): when its value review opens, and the latest one recorded. */
export function AfterGoLive({ valueReview }: { valueReview: NonNullable<PilotView['valueReview']> }) {
  const { state, latest } = valueReview;
  if (state.goLiveDate === null) return null;
  return (
    <Section title="After go-live">
      <p className="summary">
        Went live on {formatDate(state.goLiveDate)}. The value review opens {VALUE_REVIEW_DAYS} days later, on{' '}
        {formatDate(state.opensOn)}.
      </p>
      {state.status === 'due' ? <ValueReviewDue /> : null}
      {latest ? (
        <>
          <p className="summary">
            <strong>{VALUE_OUTCOME_LABELS[latest.outcome]}</strong>, reviewed on{' '}
            {formatDate(latest.reviewedOn)}
            {latest.reviewedByName ? ` by ${latest.reviewedByName}` : ''}.
          </p>
          {latest.measured.length > 0 ? (
            <ul className="source-list" aria-label="Measured values">
              {latest.measured.map((value) => (
                <li key={value.metric} className="source">
                  <span>
                    {value.metric}: {withUnit(value.measured, value.unit)}
                  </span>
                  <span className="meta">target {withUnit(value.target, value.unit)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {latest.note ? <p className="spec-note">{latest.note}</p> : null}
        </>
      ) : null}
    </Section>
  );
}

/** The flag of a pilot past go-live + 90 days without a value review. */
export function ValueReviewDue() {
  return (
    <p className="message message-error">
      <Icon name="hourglass" />
      <span>
        <strong>Value review due:</strong> more than {VALUE_REVIEW_DAYS} days since go-live without one. A
        decider records it on the project's Pilot Pathway page.
      </span>
    </p>
  );
}
