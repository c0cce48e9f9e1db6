import { useId, useRef, useState, type FormEvent } from 'react';
import type { PilotView, ProductionSpec, ProductionSpecEntry, ProductionSpecInput } from '../contract';
import { formatDate } from '../format';
import { useAction } from '../useResolver';
import { Field } from './Field';
import { Icon } from './Icons';
import { ActionError, StatusMessage } from './Messages';

/** Every written entry of the spec, in display order, with its label and an example. */
const ENTRY_WORDS: Record<ProductionSpecEntry, { label: string; hint: string }> = {
  latency: { label: 'Latency', hint: 'e.g. p95 under 300 ms at 50 requests per second' },
  availability: { label: 'Availability', hint: 'e.g. 99.9% during business hours' },
  rollback: { label: 'Rollback', hint: 'e.g. previous model restored in under 15 minutes' },
  monitoring: { label: 'Monitoring', hint: 'e.g. drift and error-rate alerts to the on-call team' },
};

export const SPEC_ENTRIES = (Object.keys(ENTRY_WORDS) as ProductionSpecEntry[]).map((key) => ({
  key,
  ...ENTRY_WORDS[key],
}));

interface MetricDraft {
  name: string;
  target: string;
  unit: string;
}

interface Draft {
  entries: Record<ProductionSpecEntry, string>;
  /** One data source per line. */
  dataSources: string;
  metrics: MetricDraft[];
}

function draftOf(spec: ProductionSpec): Draft {
  return {
    entries: {
      latency: spec.latency ?? '',
      availability: spec.availability ?? '',
      rollback: spec.rollback ?? '',
      monitoring: spec.monitoring ?? '',
    },
    dataSources: (spec.dataSources ?? []).join('\n'),
    metrics: (spec.successMetrics ?? []).map((metric) => ({
      name: metric.name,
      target: String(metric.target),
      unit: metric.unit,
    })),
  };
}

/** A target left empty or not a number goes as null: the server names the metric that needs one. */
function targetOf(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
}

function inputOf(draft: Draft): ProductionSpecInput {
  return {
    ...draft.entries,
    dataSources: draft.dataSources.split('\n').filter((line) => line.trim() !== ''),
    successMetrics: draft.metrics.map((metric) => ({
      name: metric.name,
      target: targetOf(metric.target),
      unit: metric.unit,
    })),
  };
}

/**
 * The production spec: the four written entries (diagnostic question 4), the data sources the
 * production system needs (question 2 asks a request for each), and the success metrics the value
 * review measures after go-live (product.md §15); read and edited in place.
 */
export function ProductionSpecEditor({
  spec,
  onSaved,
  dataSources = [],
  metricsDefinedAfterDemo = [],
}: {
  spec: ProductionSpec;
  onSaved: (view: PilotView) => void;
  /** Each listed source with whether a data-access request names it. */
  dataSources?: PilotView['dataSources'];
  metricsDefinedAfterDemo?: string[];
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(spec));
  const [saved, setSaved] = useState('');
  const save = useAction('saveProductionSpec');
  const written = SPEC_ENTRIES.filter((entry) => (spec[entry.key] ?? '').trim() !== '').length;

  const startEditing = () => {
    setDraft(draftOf(spec));
    setSaved('');
    save.clearError();
    setEditing(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await save.run(inputOf(draft));
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
        <DataSourceList sources={dataSources} />
        <SuccessMetricList spec={spec} late={metricsDefinedAfterDemo} />
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
              value={draft.entries[entry.key]}
              onChange={(event) =>
                setDraft((current) => ({
                  ...current,
                  entries: { ...current.entries, [entry.key]: event.target.value },
                }))
              }
            />
          )}
        </Field>
      ))}
      <Field
        label="Data sources"
        hint="One per line: each system or dataset the production system reads needs a data-access request"
        error={fieldErrors.dataSources}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={draft.dataSources}
            onChange={(event) => setDraft((current) => ({ ...current, dataSources: event.target.value }))}
          />
        )}
      </Field>
      <MetricFields
        metrics={draft.metrics}
        error={fieldErrors.successMetrics}
        onChange={(metrics) => setDraft((current) => ({ ...current, metrics }))}
      />
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

function DataSourceList({ sources }: { sources: PilotView['dataSources'] }) {
  return (
    <>
      <h3 className="spec-heading">Data sources</h3>
      {sources.length === 0 ? (
        <p className="empty">No data source listed yet.</p>
      ) : (
        <ul className="source-list" aria-label="Data sources">
          {sources.map((source) => (
            <li key={source.name} className="source">
              <span>{source.name}</span>
              <span className={source.requested ? 'status status-pass' : 'status status-fail'}>
                <Icon name={source.requested ? 'check' : 'cross'} />
                {source.requested ? 'Requested' : 'No request yet'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SuccessMetricList({ spec, late }: { spec: ProductionSpec; late: string[] }) {
  const metrics = spec.successMetrics ?? [];
  return (
    <>
      <h3 className="spec-heading">Success metrics</h3>
      {metrics.length === 0 ? (
        <p className="empty">No success metric yet: define them before the demo.</p>
      ) : (
        <ul className="source-list" aria-label="Success metrics">
          {metrics.map((metric) => (
            <li key={metric.name} className="source">
              <span>
                {metric.name}: {metric.target}
                {metric.unit ? ` ${metric.unit}` : ''}
              </span>
              <span className="meta">defined {formatDate(metric.definedOn)}</span>
            </li>
          ))}
        </ul>
      )}
      {late.length > 0 ? (
        <p className="message message-warning">
          <Icon name="warning" />
          <span>
            {late.length === 1 ? 'One metric was' : `${late.length} metrics were`} defined after the demo:{' '}
            {late.join(', ')}. Define success metrics before the demo, so the value review measures against
            targets set before the results were known.
          </span>
        </p>
      ) : null}
    </>
  );
}

/** The success metrics being edited: a name, a target and a unit each; rows added and removed in place. */
function MetricFields({
  metrics,
  error,
  onChange,
}: {
  metrics: MetricDraft[];
  error: string | undefined;
  onChange: (metrics: MetricDraft[]) => void;
}) {
  const addButton = useRef<HTMLButtonElement>(null);
  const focusRow = useRef<number | null>(null);
  const errorId = useId();
  const set = (index: number, key: keyof MetricDraft, value: string) =>
    onChange(metrics.map((metric, at) => (at === index ? { ...metric, [key]: value } : metric)));
  return (
    <fieldset
      className={error ? 'field-group field-invalid' : 'field-group'}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>Success metrics</legend>
      <span className="field-hint">
        What the production system must achieve, each with a target; measured at the value review after
        go-live
      </span>
      {metrics.map((metric, index) => (
        <fieldset key={index} className="metric-row">
          <legend className="visually-hidden">Metric {index + 1}</legend>
          <Field label={`Metric ${index + 1}`}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={metric.name}
                ref={(element) => {
                  if (element && focusRow.current === index) {
                    focusRow.current = null;
                    element.focus();
                  }
                }}
                onChange={(event) => set(index, 'name', event.target.value)}
              />
            )}
          </Field>
          <Field label={`Target of metric ${index + 1}`}>
            {(control) => (
              <input
                {...control}
                type="number"
                step="any"
                value={metric.target}
                onChange={(event) => set(index, 'target', event.target.value)}
              />
            )}
          </Field>
          <Field label={`Unit of metric ${index + 1}`}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={metric.unit}
                onChange={(event) => set(index, 'unit', event.target.value)}
              />
            )}
          </Field>
          <button
            type="button"
            className="button"
            onClick={() => {
              onChange(metrics.filter((_, at) => at !== index));
              addButton.current?.focus();
            }}
          >
            Remove metric {index + 1}
          </button>
        </fieldset>
      ))}
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          ref={addButton}
          onClick={() => {
            focusRow.current = metrics.length;
            onChange([...metrics, { name: '', target: '', unit: '' }]);
          }}
        >
          Add a success metric
        </button>
      </div>
    </fieldset>
  );
}
