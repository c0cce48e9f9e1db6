import { plural } from '../format';
import { useResolver } from '../useResolver';
import { DiagnosticSummary, Funnel, PilotTable } from './PortfolioPage';
import { KillListSummary, PortfolioBandCounts, ValueReviewSummary } from './PortfolioSummary';
import { Section } from './Section';
import { ErrorState } from './States';

/**
 * The global page (product.md §15): every pilot project the viewer may browse, all of them together
 * first (bands, kill list, value reviews, diagnostic, funnel), then each project's pilots. Decisions and
 * value reviews are made on each project's page, where the project is the page's own.
 */
export function GlobalPage() {
  const { state, reload } = useResolver('getGlobalPortfolio', {});
  if (state.status === 'loading') {
    return (
      <div className="panel" aria-busy="true">
        <p role="status">Loading the pilot projects…</p>
      </div>
    );
  }
  if (state.status === 'error')
    return <ErrorState error={state.error} onRetry={reload} onView={() => reload()} />;
  const { all, projects } = state.data;
  return (
    <div className="panel page">
      <header className="panel-head">
        <h1>Pilots across projects</h1>
      </header>
      {projects.length === 0 ? (
        <p className="empty">
          No pilot project you can browse. Ask a Jira admin which projects Pilot Pathway runs in, or for the
          Browse projects permission on them.
        </p>
      ) : (
        <>
          <p className="summary">
            {plural(all.pilots, 'pilot')} in {plural(projects.length, 'project')} you can browse:{' '}
            {projects.map((project) => `${project.project.name} (${project.project.key})`).join(', ')}.
          </p>
          <PortfolioBandCounts content={all} />
          <Section title="Kill list">
            <KillListSummary killList={all.killList} label="Pilots awaiting a review decision" />
          </Section>
          <Section title="Value reviews">
            <ValueReviewSummary content={all} label="Pilots awaiting a value review" />
          </Section>
          <DiagnosticSummary diagnostic={all.diagnostic} computed={all.pilots - all.notComputed} />
          <Funnel view={all} />
          {projects.map((project) => (
            <Section key={project.project.key} title={`${project.project.name} (${project.project.key})`}>
              <PortfolioBandCounts content={project} />
              <PilotTable
                view={{ ...project, projectKey: project.project.key }}
                subject={`pilots of ${project.project.key}`}
              />
              <Funnel view={project} title={`Funnel of ${project.project.key}`} />
            </Section>
          ))}
        </>
      )}
    </div>
  );
}
