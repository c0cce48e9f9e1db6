import type { PilotView, ResolverError } from '../contract';
import { useAction } from '../useResolver';
import { Icon } from './Icons';
import { ActionError, ErrorText } from './Messages';

/**
 * Placeholders with the layout of the loaded view (same classes, same gauge box), so nothing jumps
 * when the data arrives.
 */
export function Skeleton({ compact }: { compact: boolean }) {
  const line = (width: string, key?: number) => (
    <span key={key} className="skeleton-line" style={{ width }} />
  );
  return (
    <div className={compact ? 'panel panel-compact' : 'panel'} aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading production readiness…
      </p>
      <div aria-hidden="true" className="skeleton">
        {compact ? null : <div className="panel-head">{line('60%')}</div>}
        <div className={compact ? '' : 'overview'}>
          <div className={compact ? 'gauge gauge-compact' : 'gauge'}>
            <div className="gauge-meter">
              <span className="skeleton-block gauge-svg" />
            </div>
            <div className="gauge-label">
              {line('4.5rem')}
              {line('5rem')}
            </div>
            {compact ? null : (
              <>
                <div className="gauge-legend">{line('80%')}</div>
                <div className="band-scale">{line('100%')}</div>
              </>
            )}
          </div>
          {compact ? null : <div className="overview-text">{['90%', '70%'].map((w, i) => line(w, i))}</div>}
        </div>
        {(compact ? ['gates'] : ['clock', 'gates', 'data']).map((section) => (
          <div key={section} className="section">
            {line('40%')}
            {['100%', '85%', '65%'].map((w, i) => line(w, i))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A failed load in the backend's own words, with a way to try again. */
export function ErrorState({
  error,
  onRetry,
  onView,
}: {
  error: ResolverError;
  onRetry: () => void;
  onView: (view: PilotView) => void;
}) {
  const generate = useAction('retryGeneration');
  return (
    <div className="panel">
      <div className="message message-error error-state" role="alert">
        <Icon name="warning" />
        <div>
          <p>
            <ErrorText error={error} />
          </p>
        </div>
      </div>
      <ActionError error={generate.error} />
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
        {error.code === 'not-generated' ? (
          <button
            type="button"
            className="button"
            disabled={generate.pending}
            onClick={async () => {
              const answer = await generate.run({});
              if (answer.ok) onView(answer.data);
            }}
          >
            {generate.pending ? 'Retrying…' : 'Retry generation'}
          </button>
        ) : null}
      </div>
    </div>
  );
}
