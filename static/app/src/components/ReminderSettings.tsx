import { useState, type FormEvent } from 'react';
import type { ReminderKind, ReminderSettingsView } from '../contract';
import { useAction, useResolver } from '../useResolver';
import { ActionError, StatusMessage } from './Messages';
import { Section } from './Section';

/** Which reminders go out through Jira's notifications, each kind switched on or off (admins only). */
export function ReminderSettings() {
  const { state, setData } = useResolver('getReminderSettings', {});
  if (state.status === 'loading') return <p role="status">Loading the reminders…</p>;
  if (state.status === 'error') return <ActionError error={state.error} />;
  return <ReminderForm view={state.data} onSaved={setData} />;
}

function switchesOf(view: ReminderSettingsView): Partial<Record<ReminderKind, boolean>> {
  return Object.fromEntries(view.kinds.map((kind) => [kind.kind, kind.on]));
}

function ReminderForm({
  view,
  onSaved,
}: {
  view: ReminderSettingsView;
  onSaved: (view: ReminderSettingsView) => void;
}) {
  const save = useAction('saveReminderSettings');
  const [switches, setSwitches] = useState<Partial<Record<ReminderKind, boolean>>>(() => switchesOf(view));
  const [saved, setSaved] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const answer = await save.run({ switches });
    if (answer.ok) {
      // The form stays mounted with what was saved, so the message and the focus stay where they are.
      setSwitches(switchesOf(answer.data));
      setSaved('Reminders saved.');
      onSaved(answer.data);
    }
  };
  return (
    <Section title="Reminders">
      <form onSubmit={submit} aria-label="Reminders">
        <p className="summary">
          Sent by the daily job through Jira&apos;s own notifications, on the site&apos;s day, at most one a
          day per person and pilot; each is listed in the pilot&apos;s audit log.
        </p>
        <fieldset className="field-group">
          <legend>Send these reminders</legend>
          {view.kinds.map((kind) => (
            <label key={kind.kind} className="checkbox-row">
              <input
                type="checkbox"
                checked={switches[kind.kind] ?? false}
                onChange={(event) => setSwitches({ ...switches, [kind.kind]: event.target.checked })}
              />
              <span>{kind.label}</span>
            </label>
          ))}
        </fieldset>
        <ActionError error={save.error} />
        <StatusMessage>{saved}</StatusMessage>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : 'Save reminders'}
          </button>
        </div>
      </form>
    </Section>
  );
}
