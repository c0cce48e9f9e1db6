import { useState, type FormEvent } from 'react';
import {
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
  return criterion.type === 'workstream' ? `workstream:${criterion.row}` : criterion.type;
}

function decode(value: string): WaivableCriterion {
  if (value === 'data-access' || value === 'reviews') return { type: value };
  return { type: 'workstream', row: value.replace(/^workstream:/, '') };
}

/** What a waiver on the milestone's gate may waive: what the gate checks, as the domain says. */
function waivableCriteria(milestone: string, workstreams: readonly WorkstreamView[]): WaivableCriterion[] {
  return gateCriteria(
    milestone,
    workstreams.map((workstream) => ({ key: workstream.row, milestone: workstream.milestone })),
  );
}

function firstCriterion(
  milestone: string,
  workstreams: readonly WorkstreamView[],
  gates: readonly GateResult[],
) {
  const blocking = gates.find((gate) => gate.milestone === milestone)?.blocking[0]?.criterion;
  const options = waivableCriteria(milestone, workstreams);
  const preferred = blocking && options.some((c) => encode(c) === encode(blocking)) ? blocking : options[0];
  return preferred ? encode(preferred) : '';
}

export function WaiverForm({
  milestones,
  workstreams,
  gates,
  today,
  onGranted,
  onCancel,
}: {
  milestones: ReadonlyArray<{ key: string; name: string }>;
  workstreams: readonly WorkstreamView[];
  gates: readonly GateResult[];
  today: IsoDate;
  onGranted: (view: PilotView, waiver: WaiverInput) => void;
  onCancel: () => void;
}) {
  const initialMilestone = gates.find((gate) => !gate.passed)?.milestone ?? milestones[0]?.key ?? '';
  const [milestone, setMilestone] = useState(initialMilestone);
  const [criterion, setCriterion] = useState(() => firstCriterion(initialMilestone, workstreams, gates));
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const expiry = waiverExpiryRange(today);
  const grant = useAction('grantWaiver');
  const fieldErrors = grant.error?.fieldErrors ?? {};
  const options = waivableCriteria(milestone, workstreams);

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
              setCriterion(firstCriterion(event.target.value, workstreams, gates));
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
        hint="A workstream of this milestone; data access and reviews only at production deployment"
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
      <Field label="Reason" hint="Written into the audit log" error={fieldErrors.reason}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
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
