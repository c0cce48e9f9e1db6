import { useState, type FormEvent, type ReactNode } from 'react';
import type { ConfigurationView, GroupOption, PersonOption } from '../contract';
import { formatDateTime } from '../format';
import { useAction, useResolver } from '../useResolver';
import { Field } from './Field';
import { Icon } from './Icons';
import { ActionError, ErrorText, StatusMessage } from './Messages';
import { GroupPicker, PeoplePicker } from './PeoplePicker';
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

/**
 * Pilot projects, owner team → assignee and the review board, saved together, all or nothing, on the
 * revision the page loaded: someone else's save meanwhile refuses it and offers to reload.
 */
function SettingsForm({
  view,
  saved,
  onSaving,
  onSaved,
  onReload,
}: {
  view: ConfigurationView;
  /** Said after a save; kept by the page, as a save's new revision renews this form. */
  saved: string;
  onSaving: () => void;
  onSaved: Update;
  onReload: () => void;
}) {
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
  const [reviewBoard, setReviewBoard] = useState<GroupOption | null>(view.config.reviewBoard);
  const save = useAction('saveConfiguration');
  const errors = save.error?.fieldErrors ?? {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onSaving();
    const answer = await save.run({
      revision: view.revision,
      pilotProjects: projects.map((key) => key.trim().toUpperCase()),
      ownerAssignees: Object.fromEntries(teams.map((team) => [team, owners[team]?.accountId ?? null])),
      reviewBoardGroupId: reviewBoard?.groupId ?? null,
    });
    if (answer.ok) onSaved(answer.data);
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
      <Section title="Review board">
        <p className="summary">
          Who decides besides the Jira admins: members of this group grant and revoke waivers and record
          kill-list decisions. Without a group, only Jira admins decide. Editing a pilot's Production owner
          gives no right.
        </p>
        <Field
          label="Review board group"
          hint="Type part of the group's name and choose; empty: Jira admins only"
          error={errors['reviewBoardGroupId']}
        >
          {(control) => <GroupPicker control={control} value={reviewBoard} onChange={setReviewBoard} />}
        </Field>
      </Section>
      <ActionError error={save.error} onReload={onReload} />
      <StatusMessage>{saved}</StatusMessage>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save projects, owners and review board'}
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
  const [settingsSaved, setSettingsSaved] = useState('');
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
      <SettingsForm
        key={`settings-${view.revision}`}
        view={view}
        saved={settingsSaved}
        onSaving={() => setSettingsSaved('')}
        onSaved={(next) => {
          setSettingsSaved('Settings saved.');
          setData(next);
        }}
        onReload={reload}
      />
      <TemplateEditor
        key={`template-${view.config.template.version}`}
        template={view.config.template}
        applyProgress={view.templateApply}
        onApplied={(message) => {
          setNotice(message);
          reload();
        }}
        onReload={reload}
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
