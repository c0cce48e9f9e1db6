import { useId, useState, type FormEvent } from 'react';
import {
  VALUE_OUTCOMES,
  VALUE_OUTCOME_LABELS,
  type ValueReviewDueView,
  type ValueReviewInput,
  type ValueReviewResult,
} from '../contract';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { ActionError } from './Messages';

type Outcome = (typeof VALUE_OUTCOMES)[number];

/** "400 claims", "0.9". */
export function withUnit(value: number, unit: string): string {
  return unit ? `${value} ${unit}` : String(value);
}

/** A measured value left empty or not a number goes as null: the server names the metric. */
function valueOf(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
}

/**
 * A value review (product.md §15): the outcome, the measured value of each success metric beside its
 * target, and a note. The server validates again and answers field by field.
 */
export function ValueReviewForm({
  pilot,
  onRecorded,
  onCancel,
}: {
  pilot: ValueReviewDueView;
  onRecorded: (result: ValueReviewResult) => void;
  onCancel: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [measured, setMeasured] = useState<string[]>(() => pilot.successMetrics.map(() => ''));
  const [note, setNote] = useState('');
  const record = useAction('recordValueReview');
  const fieldErrors = record.error?.fieldErrors ?? {};
  const name = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: ValueReviewInput = {
      pilotKey: pilot.key,
      review: {
        outcome,
        measured: pilot.successMetrics.map((metric, index) => ({
          metric: metric.name,
          value: valueOf(measured[index] ?? ''),
        })),
        note,
      },
    };
    const answer = await record.run(input);
    if (answer.ok) onRecorded(answer.data);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Value review of ${pilot.key}`}>
      <fieldset className={fieldErrors.outcome ? 'field field-invalid' : 'field'}>
        <legend>Outcome</legend>
        <div className="choices">
          {VALUE_OUTCOMES.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={name}
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              {VALUE_OUTCOME_LABELS[value]}
            </label>
          ))}
        </div>
        {fieldErrors.outcome ? <span className="field-error">{fieldErrors.outcome}</span> : null}
      </fieldset>
      {pilot.successMetrics.length === 0 ? (
        <p className="meta">
          This pilot's production spec records no success metric: the outcome and a note say it all.
        </p>
      ) : (
        pilot.successMetrics.map((metric, index) => (
          <Field
            key={metric.name}
            label={`Measured ${metric.name}`}
            hint={`Target ${withUnit(metric.target, metric.unit)}`}
            error={index === 0 ? fieldErrors.measured : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                step="any"
                value={measured[index] ?? ''}
                onChange={(event) =>
                  setMeasured((current) =>
                    current.map((text, at) => (at === index ? event.target.value : text)),
                  )
                }
              />
            )}
          </Field>
        ))
      )}
      <Field label="Note" hint="What the numbers do not say" error={fieldErrors.note}>
        {(control) => (
          <textarea {...control} rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
        )}
      </Field>
      <ActionError error={record.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={record.pending}>
          {record.pending ? 'Recording…' : 'Record value review'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={record.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
