import { useState, type FormEvent } from 'react';
import { ALL_PROJECTS } from '../contract';
import { submitGadgetSettings } from '../bridge';
import { plural } from '../format';
import { useResolver } from '../useResolver';
import { Field } from './Field';
import { Icon } from './Icons';
import { Funnel } from './PortfolioPage';
import { KillListSummary, PortfolioBandCounts } from './PortfolioSummary';
import { Section } from './Section';
import { ErrorState } from './States';

/**
 * The dashboard gadget (product.md §15): band counts, the kill list and the funnel of the project its
 * settings name, or of every pilot project the viewer may browse. The server reads the settings from
 * the Forge context; the gadget sends none.
 */
export function GadgetView() {
  const { state, reload } = useResolver('getGadget', {});
  if (state.status === 'loading') {
    return (
      <div className="panel" aria-busy="true">
        <p role="status">Loading the pilots…</p>
      </div>
    );
  }
  if (state.status === 'error')
    return <ErrorState error={state.error} onRetry={reload} onView={() => reload()} />;
  const { project, projects, summary } = state.data;
  const scope = project ? `${project.name} (${project.key})` : 'Every pilot project you can browse';
  return (
    <div className="panel">
      <header className="panel-head">
        <h1>Pilots: {scope}</h1>
      </header>
      <p className="summary">
        {plural(summary.pilots, 'pilot')}
        {project ? '' : ` in ${plural(projects.length, 'project')}`}.
      </p>
      <PortfolioBandCounts content={summary} />
      <Section title="Kill list">
        <KillListSummary killList={summary.killList} label="Pilots awaiting a review decision" />
      </Section>
      <Funnel view={summary} />
    </div>
  );
}

/** The gadget's edit view: which project it shows. Saving hands the setting to Jira, which keeps it. */
export function GadgetSettingsForm({ saved }: { saved: unknown }) {
  const { state, reload } = useResolver('getPilotProjects', {});
  const current = (saved as { project?: unknown } | null | undefined)?.project;
  const [project, setProject] = useState(typeof current === 'string' ? current : ALL_PROJECTS);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (state.status === 'loading') {
    return (
      <div className="panel" aria-busy="true">
        <p role="status">Loading the pilot projects…</p>
      </div>
    );
  }
  if (state.status === 'error')
    return <ErrorState error={state.error} onRetry={reload} onView={() => reload()} />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(await submitGadgetSettings({ project }));
    setSaving(false);
  };
  return (
    <div className="panel">
      <form className="form" onSubmit={submit} aria-label="Gadget settings">
        <Field label="Project" hint="The gadget shows its band counts, kill list and funnel">
          {(control) => (
            <select {...control} value={project} onChange={(event) => setProject(event.target.value)}>
              <option value={ALL_PROJECTS}>Every pilot project you can browse</option>
              {state.data.map((ref) => (
                <option key={ref.key} value={ref.key}>
                  {ref.name} ({ref.key})
                </option>
              ))}
            </select>
          )}
        </Field>
        {problem ? (
          <p className="message message-error" role="alert">
            <Icon name="warning" />
            <span>{problem}</span>
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </div>
  );
}
