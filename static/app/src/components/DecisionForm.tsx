import { useId, useState, type FormEvent } from 'react';
import {
  MAX_ENGINEERING_WEEKS,
  MAX_MONTHLY_COMPUTE_COST,
  type IsoDate,
  type PersonOption,
  type ReviewDecisionInput,
  type ReviewDecisionResult,
} from '../contract';
import { formatAmount, formatDate } from '../format';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { ActionError } from './Messages';
import { PeoplePicker } from './PeoplePicker';

type Outcome = 'accelerate' | 'pause' | 'kill';

/** Exactly the three outcomes of product.md §9; "continue as before" is not one of them. */
const OUTCOMES: ReadonlyArray<{ value: Outcome; label: string; hint: string }> = [
  { value: 'accelerate', label: 'Accelerate', hint: 'a named owner and dedicated resourcing' },
  { value: 'pause', label: 'Pause', hint: 'back on the kill list on its resumption date' },
  { value: 'kill', label: 'Kill', hint: "closes the pilot and its open workstreams and reviews as Won't Do" },
];

interface Draft {
  outcome: Outcome | '';
  owner: PersonOption | null;
  resourcingNote: string;
  rationale: string;
  resumptionDate: string;
  resumptionCondition: string;
  reason: string;
  engineeringWeeks: string;
  monthlyComputeCost: string;
  computeCurrency: string;
}

const EMPTY: Draft = {
  outcome: '',
  owner: null,
  resourcingNote: '',
  rationale: '',
  resumptionDate: '',
  resumptionCondition: '',
  reason: '',
  engineeringWeeks: '',
  monthlyComputeCost: '',
  computeCurrency: 'USD',
};

/** A figure as typed: left out when empty, a number when it is one, else as typed (the server says why not). */
function figure(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function decisionOf(draft: Draft): ReviewDecisionInput['decision'] {
  switch (draft.outcome) {
    case 'accelerate':
      return {
        outcome: 'accelerate',
        ownerAccountId: draft.owner?.accountId ?? '',
        resourcingNote: draft.resourcingNote,
      };
    case 'pause':
      return {
        outcome: 'pause',
        rationale: draft.rationale,
        resumptionDate: draft.resumptionDate,
        resumptionCondition: draft.resumptionCondition,
      };
    case 'kill': {
      const weeks = figure(draft.engineeringWeeks);
      const compute = figure(draft.monthlyComputeCost);
      return {
        outcome: 'kill',
        reason: draft.reason,
        ...(weeks === undefined ? {} : { engineeringWeeks: weeks as number }),
        ...(compute === undefined
          ? {}
          : { monthlyComputeCost: compute as number, computeCurrency: draft.computeCurrency.trim() }),
      };
    }
    default:
      return {};
  }
}

/**
 * The kill-list decision form: accelerate, pause or kill, each with the fields it needs. The server
 * validates again and answers field by field; each message shows next to its field.
 */
/** An optional amount a kill frees (0 to `max`), typed as a decimal. */
function FreedAmountField(props: {
  label: string;
  max: number;
  value: string;
  error: string | undefined;
  onChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <Field label={props.label} hint={`Optional: 0 to ${formatAmount(props.max)}`} error={props.error}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="decimal"
          min={0}
          max={props.max}
          step="any"
          value={props.value}
          onChange={props.onChange}
        />
      )}
    </Field>
  );
}

export function DecisionForm({
  pilotKey,
  today,
  onDecided,
  onCancel,
}: {
  /** On the portfolio page: the pilot decided on (the panel's pilot comes from its context). */
  pilotKey?: string;
  today: IsoDate;
  onDecided: (result: ReviewDecisionResult) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const decide = useAction('decideReview');
  const fieldErrors = decide.error?.fieldErrors ?? {};
  const name = useId();
  const set = (key: keyof Omit<Draft, 'owner' | 'outcome'>) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await decide.run({ ...(pilotKey ? { pilotKey } : {}), decision: decisionOf(draft) });
    if (answer.ok) onDecided(answer.data);
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={`Review decision${pilotKey ? ` on ${pilotKey}` : ''}`}
    >
      <fieldset className={fieldErrors.outcome ? 'field field-invalid' : 'field'}>
        <legend>Decision</legend>
        <div className="choices">
          {OUTCOMES.map((outcome) => (
            <label key={outcome.value} className="choice">
              <input
                type="radio"
                name={name}
                value={outcome.value}
                checked={draft.outcome === outcome.value}
                onChange={() => setDraft((current) => ({ ...current, outcome: outcome.value }))}
              />
              {outcome.label}
              <span className="field-hint"> ({outcome.hint})</span>
            </label>
          ))}
        </div>
        {fieldErrors.outcome ? <span className="field-error">{fieldErrors.outcome}</span> : null}
      </fieldset>
      {draft.outcome === 'accelerate' ? (
        <>
          <Field label="Owner" hint="Who takes the pilot to production" error={fieldErrors.ownerAccountId}>
            {(control) => (
              <PeoplePicker
                control={control}
                value={draft.owner}
                onChange={(owner) => setDraft((current) => ({ ...current, owner }))}
              />
            )}
          </Field>
          <Field
            label="Dedicated resourcing"
            hint="Who, how much of their time, from when"
            error={fieldErrors.resourcingNote}
          >
            {(control) => (
              <textarea {...control} rows={3} value={draft.resourcingNote} onChange={set('resourcingNote')} />
            )}
          </Field>
        </>
      ) : null}
      {draft.outcome === 'pause' ? (
        <>
          <Field label="Rationale" error={fieldErrors.rationale}>
            {(control) => (
              <textarea {...control} rows={3} value={draft.rationale} onChange={set('rationale')} />
            )}
          </Field>
          <Field
            label="Resumption date"
            hint={`After today (${formatDate(today)}); the pilot returns to the kill list on this day`}
            error={fieldErrors.resumptionDate}
          >
            {(control) => (
              <input {...control} type="date" value={draft.resumptionDate} onChange={set('resumptionDate')} />
            )}
          </Field>
          <Field
            label="Resumption condition"
            hint="What must be true to resume"
            error={fieldErrors.resumptionCondition}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.resumptionCondition}
                onChange={set('resumptionCondition')}
              />
            )}
          </Field>
        </>
      ) : null}
      {draft.outcome === 'kill' ? (
        <>
          <Field label="Reason" hint="Written into the audit log and on the pilot" error={fieldErrors.reason}>
            {(control) => <textarea {...control} rows={3} value={draft.reason} onChange={set('reason')} />}
          </Field>
          <FreedAmountField
            label="Engineering weeks freed"
            max={MAX_ENGINEERING_WEEKS}
            value={draft.engineeringWeeks}
            error={fieldErrors.engineeringWeeks}
            onChange={set('engineeringWeeks')}
          />
          <FreedAmountField
            label="Monthly compute cost freed"
            max={MAX_MONTHLY_COMPUTE_COST}
            value={draft.monthlyComputeCost}
            error={fieldErrors.monthlyComputeCost}
            onChange={set('monthlyComputeCost')}
          />
          <Field label="Currency" hint="A label such as USD or EUR" error={fieldErrors.computeCurrency}>
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={8}
                value={draft.computeCurrency}
                onChange={set('computeCurrency')}
              />
            )}
          </Field>
        </>
      ) : null}
      <ActionError error={decide.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={decide.pending}>
          {decide.pending ? 'Recording…' : 'Record decision'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={decide.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
