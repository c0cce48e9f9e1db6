import { useId, useState, type FormEvent } from 'react';
import type { DataAccessRequestInput, PersonOption, PilotView } from '../contract';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { ActionError } from './Messages';
import { PeoplePicker } from './PeoplePicker';

/** Where a request can be filed: Jira always, ServiceNow once a Jira admin has connected an instance. */
export function dataAccessTargets(serviceNowConnected: boolean): ReadonlyArray<{
  value: DataAccessRequestInput['target'];
  label: string;
  enabled: boolean;
  note?: string;
}> {
  return [
    { value: 'jira', label: 'Jira', enabled: true },
    serviceNowConnected
      ? { value: 'servicenow', label: 'ServiceNow', enabled: true }
      : {
          value: 'servicenow',
          label: 'ServiceNow',
          enabled: false,
          note: 'not connected: a Jira admin connects it on the admin page',
        },
  ];
}

type Draft = Omit<DataAccessRequestInput, 'target' | 'stewardAccountId'> & {
  target: string;
  steward: PersonOption | null;
};

const EMPTY: Draft = { target: 'jira', dataSource: '', steward: null, justification: '' };

export function DataAccessRequestForm({
  onFiled,
  onCancel,
  serviceNowConnected = false,
}: {
  onFiled: (result: { key: string; target: DataAccessRequestInput['target']; view: PilotView }) => void;
  onCancel: () => void;
  serviceNowConnected?: boolean;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const request = useAction('requestDataAccess');
  const fieldErrors = request.error?.fieldErrors ?? {};
  const targetName = useId();
  const set = (field: 'target' | 'dataSource' | 'justification') => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { steward, ...rest } = draft;
    const answer = await request.run({
      ...rest,
      target: draft.target as DataAccessRequestInput['target'],
      stewardAccountId: steward?.accountId ?? '',
    });
    if (answer.ok) {
      setDraft(EMPTY);
      onFiled({ ...answer.data, target: draft.target as DataAccessRequestInput['target'] });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Request data access">
      <fieldset className={fieldErrors.target ? 'field field-invalid' : 'field'}>
        <legend>File the request in</legend>
        <div className="choices">
          {dataAccessTargets(serviceNowConnected).map((target) => (
            <label key={target.value} className={target.enabled ? 'choice' : 'choice choice-disabled'}>
              <input
                type="radio"
                name={targetName}
                value={target.value}
                checked={draft.target === target.value}
                disabled={!target.enabled}
                onChange={set('target')}
              />
              {target.label}
              {target.note ? <span className="field-hint"> ({target.note})</span> : null}
            </label>
          ))}
        </div>
        {fieldErrors.target ? <span className="field-error">{fieldErrors.target}</span> : null}
      </fieldset>
      <Field label="Data source" hint="The system or data set the pilot needs" error={fieldErrors.dataSource}>
        {(control) => (
          <input {...control} type="text" value={draft.dataSource} onChange={set('dataSource')} />
        )}
      </Field>
      <Field
        label="Data steward"
        hint="Type a name and choose the person who approves access"
        error={fieldErrors.stewardAccountId}
      >
        {(control) => (
          <PeoplePicker
            control={control}
            value={draft.steward}
            onChange={(steward) => setDraft((current) => ({ ...current, steward }))}
          />
        )}
      </Field>
      <Field label="Justification" hint="Why the pilot needs this data" error={fieldErrors.justification}>
        {(control) => (
          <textarea {...control} rows={3} value={draft.justification} onChange={set('justification')} />
        )}
      </Field>
      <ActionError error={request.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={request.pending}>
          {request.pending
            ? draft.target === 'servicenow'
              ? 'Filing in ServiceNow…'
              : 'Filing…'
            : 'File request'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={request.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
