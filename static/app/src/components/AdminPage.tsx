import { useState, type FormEvent, type ReactNode } from 'react';
import type { ConfigurationView, PersonOption } from '../contract';
import { formatDateTime } from '../format';
import { useAction, useResolver } from '../useResolver';
import { Field } from './Field';
import { Icon } from './Icons';
import { ActionError, ErrorText, StatusMessage } from './Messages';
import { PeoplePicker } from './PeoplePicker';
import { ReminderSettings } from './ReminderSettings';
import { Section } from './Section';
import { TemplateEditor } from './TemplateEditor';

type Update = (view: ConfigurationView) => void;

function ProjectStatus({ view, projectKey }: { view: ConfigurationView; projectKey: string }) {
  const project = view.provisioning.projects[projectKey];
  if (!project) return <span className="meta">Not checked yet: save to add AI Pilot to it.</span>;
  if (project.style === 'company-managed') {
    return project.aiPilotAvailable ? (
      <span className="status status-pass">
        <Icon name="check" />
        Company-managed: AI Pilot added to its issue type scheme
      </span>
    ) : (
      <span className="status status-fail">
        Company-managed: AI Pilot could not be added; try "Repair installation"
      </span>
    );
  }
  if (project.aiPilotAvailable) {
    return (
      <span className="status status-pass">
        <Icon name="check" />
        Team-managed: its project admin has added AI Pilot
      </span>
    );
  }
  return (
    <div>
      <span className="status status-fail">Team-managed: its project admin must add AI Pilot by hand</span>
      <ol className="instructions" aria-label={`Steps for the admin of ${projectKey}`}>
        {project.instructions.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
}

/** Pilot projects and owner team → assignee, saved together, all or nothing. */
function SettingsForm({ view, onSaved }: { view: ConfigurationView; onSaved: Update }) {
  const teams = [...new Set(view.config.template.rows.map((row) => row.ownerTeam))];
  const personOf = (accountId: string | undefined): PersonOption | null =>
    accountId
      ? (view.people.find((person) => person.accountId === accountId) ?? {
          accountId,
          displayName: accountId,
          active: true,
        })
      : null;
  const [projects, setProjects] = useState<string[]>(view.config.pilotProjects);
  const [owners, setOwners] = useState<Record<string, PersonOption | null>>(() =>
    Object.fromEntries(teams.map((team) => [team, personOf(view.config.ownerAssignees[team])])),
  );
  const [saved, setSaved] = useState('');
  const save = useAction('saveConfiguration');
  const errors = save.error?.fieldErrors ?? {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const answer = await save.run({
      pilotProjects: projects.map((key) => key.trim().toUpperCase()),
      ownerAssignees: Object.fromEntries(teams.map((team) => [team, owners[team]?.accountId ?? null])),
    });
    if (answer.ok) {
      setSaved('Settings saved.');
      onSaved(answer.data);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Pilot projects and owners">
      <Section title="Pilot projects">
        <p className="summary">
          Projects where AI Pilot issues live. Company-managed projects get AI Pilot at once.
        </p>
        <ul className="pilot-list">
          {projects.map((projectKey, index) => (
            <li key={index} className="pilot-row">
              <Field label={`Project ${index + 1} key`} error={errors[`pilotProjects.${index}`]}>
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    value={projectKey}
                    onChange={(event) =>
                      setProjects((current) =>
                        current.map((key, at) => (at === index ? event.target.value : key)),
                      )
                    }
                  />
                )}
              </Field>
              <ProjectStatus view={view} projectKey={projectKey.trim().toUpperCase()} />
              <button
                type="button"
                className="button"
                aria-label={`Remove project ${projectKey || index + 1}`}
                onClick={() => setProjects((current) => current.filter((_, at) => at !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => setProjects((current) => [...current, ''])}>
          Add a project
        </button>
      </Section>
      <Section title="Owner teams">
        <p className="summary">
          Whom each team's workstream sub-tasks are assigned to. Without a person they stay unassigned.
        </p>
        {teams.map((team) => (
          <Field
            key={team}
            label={team}
            hint="Type a name and choose; empty: unassigned"
            error={errors[`ownerAssignees.${team}`]}
          >
            {(control) => (
              <PeoplePicker
                control={control}
                value={owners[team] ?? null}
                onChange={(person) => setOwners((current) => ({ ...current, [team]: person }))}
              />
            )}
          </Field>
        ))}
      </Section>
      <ActionError error={save.error} />
      <StatusMessage>{saved}</StatusMessage>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save projects and owners'}
        </button>
      </div>
    </form>
  );
}

function RepairInstallation({ onRepaired }: { onRepaired: Update }) {
  const repair = useAction('repairInstallation');
  const [done, setDone] = useState('');
  return (
    <Section title="Installation">
      <p className="summary">
        Checks the AI Pilot issue type, the Data access link type, the fields and every pilot project again,
        and adds what is missing. Running it twice changes nothing.
      </p>
      <ActionError error={repair.error} />
      <StatusMessage>{done}</StatusMessage>
      <button
        type="button"
        className="button"
        disabled={repair.pending}
        onClick={async () => {
          setDone('');
          const answer = await repair.run({});
          if (answer.ok) {
            setDone(`Installation checked ${formatDateTime(answer.data.provisioning.provisionedAt)}.`);
            onRepaired(answer.data);
          }
        }}
      >
        {repair.pending ? 'Repairing…' : 'Repair installation'}
      </button>
    </Section>
  );
}

/**
 * The admin page (site admins only; the server refuses anyone else and this page then shows no
 * settings at all). `serviceNow` is where the ServiceNow connection section goes.
 */
export function AdminPage({ serviceNow }: { serviceNow?: ReactNode }) {
  const { state, reload, setData } = useResolver('getConfiguration', {});
  // Kept here, above the parts that reload, so the message survives the reload it announces.
  const [notice, setNotice] = useState('');
  if (state.status === 'loading') {
    return (
      <div className="panel" aria-busy="true">
        <StatusMessage>{notice}</StatusMessage>
        <p role="status">Loading the settings…</p>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="panel page">
        <header className="panel-head">
          <h1>Pilot Pathway settings</h1>
        </header>
        <p className="message message-error" role="alert">
          <Icon name="warning" />
          <span>
            <ErrorText error={state.error} />
          </span>
        </p>
      </div>
    );
  }
  const view = state.data;
  return (
    <div className="panel page">
      <header className="panel-head">
        <h1>Pilot Pathway settings</h1>
      </header>
      <StatusMessage>{notice}</StatusMessage>
      <SettingsForm key={JSON.stringify(view.config.pilotProjects)} view={view} onSaved={setData} />
      <TemplateEditor
        key={view.config.template.version}
        template={view.config.template}
        onApplied={(message) => {
          setNotice(message);
          reload();
        }}
      />
      <ReminderSettings />
      <Section title="ServiceNow connection">
        {serviceNow ?? (
          <p className="empty">Connecting a ServiceNow instance is set up here once it is available.</p>
        )}
      </Section>
      <RepairInstallation onRepaired={setData} />
    </div>
  );
}
