import {
  BAND_LABELS,
  DIAGNOSTIC_QUESTIONS,
  PURGATORY_NO_COUNT,
  diagnosticQuestionText,
  type DiagnosticAnswer,
  type SeedsScorecard,
} from '../contract';
import { Icon } from './Icons';
import { SeedsScorecardLine } from './SeedsScorecard';

export function Diagnostic({
  answers,
  noCount,
  scorecard,
}: {
  answers: readonly DiagnosticAnswer[];
  noCount: number;
  /** The seeds' reading of the same answers, shown beside the no count (product.md §15). */
  scorecard?: SeedsScorecard;
}) {
  const sorted = [...answers].sort((a, b) => a.id - b.id);
  const heading = noCount >= PURGATORY_NO_COUNT;
  const purgatory = BAND_LABELS.purgatory.words;
  return (
    <>
      <p className={heading ? 'message message-warning' : 'summary'}>
        {heading ? <Icon name="warning" /> : null}
        <span>
          <strong>
            {noCount} of {sorted.length || DIAGNOSTIC_QUESTIONS.length} answers are no.
          </strong>{' '}
          {heading
            ? `${PURGATORY_NO_COUNT} or more: heading to ${purgatory}.`
            : `${PURGATORY_NO_COUNT} or more would send the pilot to ${purgatory}.`}
        </span>
      </p>
      {scorecard ? <SeedsScorecardLine scorecard={scorecard} /> : null}
      <ol className="diagnostic">
        {sorted.map((answer) => (
          <li key={answer.id} className={answer.yes ? 'answer answer-yes' : 'answer answer-no'}>
            <p className="answer-head">
              <span className="answer-question">{diagnosticQuestionText(answer.id)}</span>
              <span className={answer.yes ? 'status status-pass' : 'status status-fail'}>
                <Icon name={answer.yes ? 'check' : 'cross'} />
                {answer.yes ? 'Yes' : 'No'}
              </span>
            </p>
            <p className="meta">{answer.evidence}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
