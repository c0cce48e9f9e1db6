import type { ConfigurationView } from '../contract';

type Progress = NonNullable<ConfigurationView['templateApply']>;

const count = (value: number) => value.toLocaleString('en');

/** How far the latest template apply is: its pilots' re-syncs are queued page by page. */
export function templateApplyText(progress: Progress): string {
  const pilots = `${count(progress.pilots)} pilot${progress.pilots === 1 ? '' : 's'}`;
  if (progress.done) return `Template v${progress.version}: all ${pilots} queued for re-sync.`;
  const left =
    progress.minutesLeft <= 1 ? 'about a minute left' : `about ${progress.minutesLeft} minutes left`;
  return `Template v${progress.version}: ${count(progress.queued)} of ${pilots} queued for re-sync, ${left}.`;
}

/** The latest apply's progress, with a button that reads it again (nothing when none was applied). */
export function TemplateApplyStatus({
  progress,
  onRefresh,
}: {
  progress: ConfigurationView['templateApply'];
  onRefresh?: () => void;
}) {
  if (!progress) return null;
  return (
    <div className="form-actions">
      <p role="status">{templateApplyText(progress)}</p>
      {progress.done || !onRefresh ? null : (
        <button type="button" className="button" onClick={onRefresh}>
          Refresh progress
        </button>
      )}
    </div>
  );
}
