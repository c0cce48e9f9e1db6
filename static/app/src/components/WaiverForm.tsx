import { useState, type FormEvent } from 'react';
import {
  MAX_WAIVER_REASON_LENGTH,
  MIN_WAIVER_REASON_LENGTH,
  MIN_WAIVER_REASON_WORDS,
  gateCriteria,
  waiverExpiryRange,
  type GateResult,
  type IsoDate,
  type PilotView,
  type WaivableCriterion,
  type WaiverInput,
  type WorkstreamView,
} from '../contract';
import { criterionLabel, formatDate } from '../format';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { ActionError } from './Messages';

function encode(criterion: WaivableCriterion): string {
  switch (criterion.type) {
    case 'workstream':
      return `workstream:${criterion.row}`;
    case 'review':
      return `review:${criterion.kind}`;
    default:
      return criterion.type;
  }
}

function decode(value: string): WaivableCriterion {
  if (value === 'data-access') return { type: value };
  if (value.startsWith('review:')) return { type: 'review', kind: value.slice('review:'.length) };
  return { type: 'workstream', row: value.replace(/^workstream:/, '') };
}

/** What the pilot's path is made of: its workstream rows and its review kinds. */
interface Path {
  workstreams: readonly WorkstreamView[];
  reviewKinds: readonly string[];
}

/** What a waiver on the milestone's gate may waive, one criterion each: what the gate checks, as the domain says. */
function waivableCriteria(milestone: string, path: Path): WaivableCriterion[] {
  return gateCriteria(milestone, {
    rows: path.workstreams.map((workstream) => ({ key: workstream.row, milestone: workstream.milestone })),
    reviewKinds: path.reviewKinds.map((kind) => ({ kind })),
  });
}

function firstCriterion(milestone: string, path: Path, gates: readonly GateResult[]) {
  const blocking = gates.find((gate) => gate.milestone === milestone)?.blocking[0]?.criterion;
  const options = waivableCriteria(milestone, path);
  const preferred = blocking && options.some((c) => encode(c) === encode(blocking)) ? blocking : options[0];
  return preferred ? encode(preferred) : '';
}

export function WaiverForm({
  milestones,
  workstreams,
  reviewKinds,
  gates,
  today,
  onGranted,
  onCancel,
}: {
  milestones: ReadonlyArray<{ key: string; name: string }>;
  workstreams: readonly WorkstreamView[];
  /** The pilot's review kinds: each can be waived on its own at production deployment. */
  reviewKinds: readonly string[];
  gates: readonly GateResult[];
  today: IsoDate;
  onGranted: (view: PilotView, waiver: WaiverInput) => void;
  onCancel: () => void;
}) {
  const initialMilestone = gates.find((gate) => !gate.passed)?.milestone ?? milestones[0]?.key ?? '';
  const [milestone, setMilestone] = useState(initialMilestone);
  const path: Path = { workstreams, reviewKinds };
  const [criterion, setCriterion] = useState(() => firstCriterion(initialMilestone, path, gates));
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const expiry = waiverExpiryRange(today);
  const grant = useAction('grantWaiver');
  const fieldErrors = grant.error?.fieldErrors ?? {};
  const options = waivableCriteria(milestone, path);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: WaiverInput = { milestone, criterion: decode(criterion), reason, expires };
    const answer = await grant.run(input);
    if (answer.ok) onGranted(answer.data, input);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Grant a waiver">
      <Field label="Milestone" error={fieldErrors.milestone}>
        {(control) => (
          <select
            {...control}
            value={milestone}
            onChange={(event) => {
              setMilestone(event.target.value);
              setCriterion(firstCriterion(event.target.value, path, gates));
            }}
          >
            {milestones.map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Criterion"
        hint="One criterion per waiver: a workstream of this milestone; data access or one review only at production deployment"
        error={fieldErrors.criterion}
      >
        {(control) => (
          <select
            {...control}
            value={criterion}
            disabled={options.length === 0}
            onChange={(event) => setCriterion(event.target.value)}
          >
            {options.length === 0 ? <option value="">Nothing to waive at this milestone</option> : null}
            {options.map((option) => (
              <option key={encode(option)} value={encode(option)}>
                {criterionLabel(option, workstreams)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Reason"
        hint={`Why the criterion can be waived and what covers the risk meanwhile: a sentence of at least ${MIN_WAIVER_REASON_WORDS} words (${MIN_WAIVER_REASON_LENGTH} to ${MAX_WAIVER_REASON_LENGTH} characters), written into the audit log`}
        error={fieldErrors.reason}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={MAX_WAIVER_REASON_LENGTH}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Expires on"
        hint={`The first day the gate blocks again: from ${formatDate(expiry.earliest)} to ${formatDate(expiry.latest)} at the latest (today is ${formatDate(today)})`}
        error={fieldErrors.expires}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            min={expiry.earliest}
            max={expiry.latest}
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
          />
        )}
      </Field>
      <ActionError error={grant.error} />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={grant.pending || options.length === 0}
        >
          {grant.pending ? 'Granting…' : 'Grant waiver'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={grant.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
