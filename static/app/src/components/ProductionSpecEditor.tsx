import { useState, type FormEvent } from 'react';
import type { PilotView, ProductionSpec } from '../contract';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { ActionError, StatusMessage } from './Messages';

type Entry = keyof ProductionSpec;

/** Every entry of the spec's type, in display order, with its label and an example. */
const ENTRY_WORDS: Record<Entry, { label: string; hint: string }> = {
  latency: { label: 'Latency', hint: 'e.g. p95 under 300 ms at 50 requests per second' },
  availability: { label: 'Availability', hint: 'e.g. 99.9% during business hours' },
  rollback: { label: 'Rollback', hint: 'e.g. previous model restored in under 15 minutes' },
  monitoring: { label: 'Monitoring', hint: 'e.g. drift and error-rate alerts to the on-call team' },
};

export const SPEC_ENTRIES = (Object.keys(ENTRY_WORDS) as Entry[]).map((key) => ({
  key,
  ...ENTRY_WORDS[key],
}));

function filled(spec: ProductionSpec): Required<ProductionSpec> {
  return {
    latency: spec.latency ?? '',
    availability: spec.availability ?? '',
    rollback: spec.rollback ?? '',
    monitoring: spec.monitoring ?? '',
  };
}

/** The four production spec entries (diagnostic question 4), read and edited in place. */
export function ProductionSpecEditor({
  spec,
  onSaved,
}: {
  spec: ProductionSpec;
  onSaved: (view: PilotView) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Required<ProductionSpec>>(() => filled(spec));
  const [saved, setSaved] = useState('');
  const save = useAction('saveProductionSpec');
  const written = SPEC_ENTRIES.filter((entry) => (spec[entry.key] ?? '').trim() !== '').length;

  const startEditing = () => {
    setDraft(filled(spec));
    setSaved('');
    save.clearError();
    setEditing(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await save.run(draft);
    if (answer.ok) {
      setEditing(false);
      setSaved('Production spec saved.');
      onSaved(answer.data);
    }
  };

  if (!editing) {
    return (
      <>
        <p className="summary">
          {written} of {SPEC_ENTRIES.length} entries written
          {written === SPEC_ENTRIES.length
            ? '.'
            : `: all ${SPEC_ENTRIES.length} are needed for a written spec.`}
        </p>
        <dl className="spec">
          {SPEC_ENTRIES.map((entry) => (
            <div key={entry.key} className="spec-entry">
              <dt>{entry.label}</dt>
              <dd>
                {spec[entry.key]?.trim() ? spec[entry.key] : <span className="empty">Not written yet</span>}
              </dd>
            </div>
          ))}
        </dl>
        <StatusMessage>{saved}</StatusMessage>
        <button type="button" className="button" onClick={startEditing}>
          Edit production spec
        </button>
      </>
    );
  }

  const fieldErrors = save.error?.fieldErrors ?? {};
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Production spec">
      {SPEC_ENTRIES.map((entry) => (
        <Field key={entry.key} label={entry.label} hint={entry.hint} error={fieldErrors[entry.key]}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={draft[entry.key]}
              onChange={(event) => setDraft((current) => ({ ...current, [entry.key]: event.target.value }))}
            />
          )}
        </Field>
      ))}
      <ActionError error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)} disabled={save.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
