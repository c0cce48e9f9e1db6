import { PURGATORY_NO_COUNT, type DiagnosticAnswer } from '../contract';
import { Icon } from './Icons';

/** The seven questions of product.md §8, in their order. */
export const DIAGNOSTIC_QUESTIONS: Record<number, string> = {
  1: 'A named production owner exists',
  2: 'Data access has been requested',
  3: 'Security, compliance and legal are engaged',
  4: 'A written production spec exists',
  5: 'Infrastructure is provisioned or scheduled',
  6: 'A hard production date is on the calendar',
  7: 'The business committed to change management',
};

export { PURGATORY_NO_COUNT };

export function Diagnostic({ answers, noCount }: { answers: readonly DiagnosticAnswer[]; noCount: number }) {
  const sorted = [...answers].sort((a, b) => a.id - b.id);
  const heading = noCount >= PURGATORY_NO_COUNT;
  return (
    <>
      <p className={heading ? 'message message-warning' : 'summary'}>
        {heading ? <Icon name="warning" /> : null}
        <span>
          <strong>
            {noCount} of {sorted.length || 7} answers are no.
          </strong>{' '}
          {heading
            ? `${PURGATORY_NO_COUNT} or more: heading to purgatory.`
            : `${PURGATORY_NO_COUNT} or more would send the pilot to purgatory.`}
        </span>
      </p>
      <ol className="diagnostic">
        {sorted.map((answer) => (
          <li key={answer.id} className={answer.yes ? 'answer answer-yes' : 'answer answer-no'}>
            <p className="answer-head">
              <span className="answer-question">
                {DIAGNOSTIC_QUESTIONS[answer.id] ?? `Question ${answer.id}`}
              </span>
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
