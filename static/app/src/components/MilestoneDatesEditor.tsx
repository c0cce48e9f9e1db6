import { useState, type FormEvent } from 'react';
import type { PilotView } from '../contract';
import { formatDate } from '../format';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { ActionError, StatusMessage } from './Messages';

/**
 * The pilot's milestone target dates, edited in place: a date set here replaces the milestone's week;
 * cleared, the milestone follows its week again. The server refuses a milestone before the one it
 * follows, naming both, and moves the open workstreams onto the new dates.
 */
export function MilestoneDatesEditor({
  view,
  onSaved,
}: {
  view: PilotView;
  onSaved: (view: PilotView) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');
  const save = useAction('saveMilestoneDates');
  const own = view.milestoneOverrides;

  const startEditing = () => {
    setDraft(
      Object.fromEntries(view.milestones.map((milestone) => [milestone.key, own[milestone.key] ?? ''])),
    );
    setSaved('');
    save.clearError();
    setEditing(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Only what changed is sent: a cleared date goes back to the milestone's week.
    const overrides = Object.fromEntries(
      Object.entries(draft)
        .filter(([key, value]) => value.trim() !== (own[key] ?? ''))
        .map(([key, value]) => [key, value.trim() === '' ? null : value.trim()]),
    );
    const answer = await save.run({ overrides });
    if (answer.ok) {
      setEditing(false);
      setSaved('Milestone dates saved; open workstreams follow them.');
      onSaved(answer.data);
    }
  };

  if (!editing) {
    return (
      <>
        <dl className="spec">
          {view.milestones.map((milestone) => (
            <div key={milestone.key} className="spec-entry">
              <dt>{milestone.name}</dt>
              <dd>
                {milestone.target ? formatDate(milestone.target) : null}
                {own[milestone.key] ? ' (set for this pilot)' : ''}
              </dd>
            </div>
          ))}
        </dl>
        <StatusMessage>{saved}</StatusMessage>
        <button type="button" className="button" onClick={startEditing}>
          Edit milestone dates
        </button>
      </>
    );
  }

  const fieldErrors = save.error?.fieldErrors ?? {};
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Milestone dates">
      {view.milestones.map((milestone) => (
        <Field
          key={milestone.key}
          label={milestone.name}
          hint={`Now ${formatDate(milestone.target)}; leave empty to follow the milestone's week`}
          error={fieldErrors[milestone.key]}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft[milestone.key] ?? ''}
              onChange={(event) =>
                setDraft((current) => ({ ...current, [milestone.key]: event.target.value }))
              }
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
