import { useState, type FormEvent } from 'react';
import {
  BAND_LABELS,
  MAX_SCORE,
  REVIEWS_ENGAGED_QUESTION,
  type ConfigurationView,
  type OwnershipTemplate,
  type TemplateChangePreview,
} from '../contract';
import { formatDate, plural } from '../format';
import { useAction } from '../useResolver';
import { CellLabel } from './CellLabel';
import { Field } from './Field';
import { ActionError } from './Messages';
import { Section } from './Section';
import { TemplateApplyStatus } from './TemplateApplyStatus';

type Errors = Record<string, string>;
type Row = OwnershipTemplate['rows'][number];

/** A cell input with its error right below it, labelled for screen readers by its row and column. */
function Cell({
  label,
  path,
  errors,
  value,
  type = 'text',
  onChange,
}: {
  label: string;
  path: string;
  errors: Errors;
  value: string | number;
  type?: 'text' | 'number';
  onChange: (value: string) => void;
}) {
  const error = errors[`template.${path}`];
  const errorId = `error-${path.replace(/\W/g, '-')}`;
  return (
    <div className={error ? 'cell field-invalid' : 'cell'}>
      <input
        type={type}
        aria-label={label}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        value={Number.isNaN(value) ? '' : value}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The three weights of the score, each labelled on the page. */
const WEIGHTS: ReadonlyArray<{ part: keyof OwnershipTemplate['weights']; label: string }> = [
  { part: 'workstreams', label: 'Workstreams' },
  { part: 'reviews', label: 'Reviews' },
  { part: 'dataAccess', label: 'Data access' },
];

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

const NEW_ROW: Row = { key: '', workstream: '', ownerTeam: '', startWeek: 1, milestone: '', weight: 1 };

/**
 * The ownership template: rows, milestones and their default weeks, review kinds, score weights and
 * the rejected resolutions. Saving previews the effect on existing pilots first; applying the preview
 * saves the template as a new version and re-syncs the pilots.
 */
export function TemplateEditor({
  template,
  applyProgress = null,
  onApplied,
  onReload,
}: {
  template: OwnershipTemplate;
  /** How far the latest apply's re-syncs are queued. */
  applyProgress?: ConfigurationView['templateApply'];
  /** With what happened, in words; the page reads the settings again. */
  onApplied: (message: string) => void;
  /** Someone else saved meanwhile: the page reads the settings again. */
  onReload?: () => void;
}) {
  const [draft, setDraft] = useState<OwnershipTemplate>(template);
  const [preview, setPreview] = useState<TemplateChangePreview | null>(null);
  const previewing = useAction('previewTemplateChange');
  const applying = useAction('applyTemplateChange');
  const errors = previewing.error?.fieldErrors ?? applying.error?.fieldErrors ?? {};

  const edit = (change: (current: OwnershipTemplate) => OwnershipTemplate) => {
    setPreview(null);
    setDraft(change);
  };
  const editRow = (index: number, patch: Partial<Row>) =>
    edit((current) => ({
      ...current,
      rows: current.rows.map((row, at) => (at === index ? { ...row, ...patch } : row)),
    }));
  const editMilestone = (index: number, patch: Partial<OwnershipTemplate['milestones'][number]>) =>
    edit((current) => ({
      ...current,
      milestones: current.milestones.map((milestone, at) =>
        at === index ? { ...milestone, ...patch } : milestone,
      ),
    }));
  const editReviewKind = (index: number, patch: Partial<OwnershipTemplate['reviewKinds'][number]>) =>
    edit((current) => ({
      ...current,
      reviewKinds: current.reviewKinds.map((kind, at) => (at === index ? { ...kind, ...patch } : kind)),
    }));

  const submitPreview = async (event: FormEvent) => {
    event.preventDefault();
    applying.clearError();
    const answer = await previewing.run({ template: draft });
    if (answer.ok) setPreview(answer.data);
  };
  const apply = async () => {
    if (!preview) return;
    const answer = await applying.run({
      template: draft,
      confirmation: preview.confirmation,
      revision: preview.revision,
    });
    if (answer.ok) {
      setPreview(null);
      onApplied(
        `Saved as template version ${answer.data.version}; ${answer.data.pilotsQueued} pilot${answer.data.pilotsQueued === 1 ? '' : 's'} queued to follow it.`,
      );
    }
  };

  return (
    <Section title={`Ownership template (version ${template.version})`}>
      <TemplateApplyStatus progress={applyProgress} onRefresh={onReload} />
      <form className="form" onSubmit={submitPreview} noValidate aria-label="Ownership template">
        <h3>Workstreams</h3>
        <div className="table-scroll">
          <table className="table table-edit table-cards">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Workstream (sub-task summary)</th>
                <th scope="col">Owner team</th>
                <th scope="col">Start week</th>
                <th scope="col">Must complete before</th>
                <th scope="col">Weight</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.rows.map((row, index) => {
                const name = `Row ${index + 1}`;
                const milestoneError = errors[`template.rows.${index}.milestone`];
                return (
                  <tr key={index}>
                    <td>
                      <CellLabel hidden>Key</CellLabel>
                      <Cell
                        label={`${name} key`}
                        path={`rows.${index}.key`}
                        errors={errors}
                        value={row.key}
                        onChange={(key) => editRow(index, { key })}
                      />
                    </td>
                    <td>
                      <CellLabel hidden>Workstream</CellLabel>
                      <Cell
                        label={`${name} workstream`}
                        path={`rows.${index}.workstream`}
                        errors={errors}
                        value={row.workstream}
                        onChange={(workstream) => editRow(index, { workstream })}
                      />
                    </td>
                    <td>
                      <CellLabel hidden>Owner team</CellLabel>
                      <Cell
                        label={`${name} owner team`}
                        path={`rows.${index}.ownerTeam`}
                        errors={errors}
                        value={row.ownerTeam}
                        onChange={(ownerTeam) => editRow(index, { ownerTeam })}
                      />
                    </td>
                    <td>
                      <CellLabel hidden>Start week</CellLabel>
                      <Cell
                        label={`${name} start week`}
                        path={`rows.${index}.startWeek`}
                        type="number"
                        errors={errors}
                        value={row.startWeek}
                        onChange={(text) => editRow(index, { startWeek: asNumber(text) })}
                      />
                    </td>
                    <td>
                      <CellLabel hidden>Must complete before</CellLabel>
                      <div className={milestoneError ? 'cell field-invalid' : 'cell'}>
                        <select
                          aria-label={`${name} must complete before`}
                          aria-invalid={Boolean(milestoneError)}
                          value={row.milestone}
                          onChange={(event) => editRow(index, { milestone: event.target.value })}
                        >
                          <option value="">Choose…</option>
                          {draft.milestones.map((milestone) => (
                            <option key={milestone.key} value={milestone.key}>
                              {milestone.name || milestone.key}
                            </option>
                          ))}
                        </select>
                        {milestoneError ? <span className="field-error">{milestoneError}</span> : null}
                      </div>
                    </td>
                    <td>
                      <CellLabel hidden>Weight</CellLabel>
                      <Cell
                        label={`${name} weight`}
                        path={`rows.${index}.weight`}
                        type="number"
                        errors={errors}
                        value={row.weight}
                        onChange={(text) => editRow(index, { weight: asNumber(text) })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Remove ${name}${row.key ? ` (${row.key})` : ''}`}
                        onClick={() =>
                          edit((current) => ({
                            ...current,
                            rows: current.rows.filter((_, at) => at !== index),
                          }))
                        }
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => edit((current) => ({ ...current, rows: [...current.rows, NEW_ROW] }))}
        >
          Add a workstream
        </button>

        <h3>Milestones and their default week</h3>
        <table className="table table-edit table-cards">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col">Default week from kickoff</th>
            </tr>
          </thead>
          <tbody>
            {draft.milestones.map((milestone, index) => (
              <tr key={index}>
                <td>
                  <CellLabel hidden>Key</CellLabel>
                  <Cell
                    label={`Milestone ${index + 1} key`}
                    path={`milestones.${index}.key`}
                    errors={errors}
                    value={milestone.key}
                    onChange={(key) => editMilestone(index, { key })}
                  />
                </td>
                <td>
                  <CellLabel hidden>Name</CellLabel>
                  <Cell
                    label={`Milestone ${index + 1} name`}
                    path={`milestones.${index}.name`}
                    errors={errors}
                    value={milestone.name}
                    onChange={(name) => editMilestone(index, { name })}
                  />
                </td>
                <td>
                  <CellLabel hidden>Week from kickoff</CellLabel>
                  <Cell
                    label={`Milestone ${index + 1} week from kickoff`}
                    path={`milestones.${index}.week`}
                    type="number"
                    errors={errors}
                    value={milestone.week}
                    onChange={(text) => editMilestone(index, { week: asNumber(text) })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3>Review kinds</h3>
        <table className="table table-edit table-cards">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Target project (empty: the pilot's own)</th>
              <th scope="col">Issue type</th>
              <th scope="col">Engaged from week 1 (diagnostic question {REVIEWS_ENGAGED_QUESTION})</th>
            </tr>
          </thead>
          <tbody>
            {draft.reviewKinds.map((kind, index) => (
              <tr key={index}>
                <td>
                  <CellLabel hidden>Kind</CellLabel>
                  <Cell
                    label={`Review kind ${index + 1}`}
                    path={`reviewKinds.${index}.kind`}
                    errors={errors}
                    value={kind.kind}
                    onChange={(value) => editReviewKind(index, { kind: value })}
                  />
                </td>
                <td>
                  <CellLabel hidden>Target project</CellLabel>
                  <Cell
                    label={`Review kind ${index + 1} target project`}
                    path={`reviewKinds.${index}.projectKey`}
                    errors={errors}
                    value={kind.projectKey ?? ''}
                    onChange={(value) =>
                      editReviewKind(index, {
                        projectKey: value.trim() === '' ? null : value.trim().toUpperCase(),
                      })
                    }
                  />
                </td>
                <td>
                  <CellLabel hidden>Issue type</CellLabel>
                  <Cell
                    label={`Review kind ${index + 1} issue type`}
                    path={`reviewKinds.${index}.issueTypeName`}
                    errors={errors}
                    value={kind.issueTypeName}
                    onChange={(issueTypeName) => editReviewKind(index, { issueTypeName })}
                  />
                </td>
                <td>
                  <CellLabel hidden>Engaged from week 1</CellLabel>
                  <input
                    type="checkbox"
                    aria-label={`Review kind ${index + 1} engaged from week 1`}
                    checked={kind.engagedEarly === true}
                    onChange={(event) => editReviewKind(index, { engagedEarly: event.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <fieldset className="field-group">
          <legend>
            <h3>Score weights (points out of {MAX_SCORE})</h3>
          </legend>
          <div className="filters">
            {WEIGHTS.map(({ part, label }) => (
              <Field key={part} label={label} error={errors[`template.weights.${part}`]}>
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    value={Number.isNaN(draft.weights[part]) ? '' : draft.weights[part]}
                    onChange={(event) =>
                      edit((current) => ({
                        ...current,
                        weights: { ...current.weights, [part]: asNumber(event.target.value) },
                      }))
                    }
                  />
                )}
              </Field>
            ))}
          </div>
          {errors['template.weights'] ? <p className="field-error">{errors['template.weights']}</p> : null}
        </fieldset>

        <h3>Rejected resolutions</h3>
        <Field
          label="Resolutions that count as rejected"
          hint="Separated by commas"
          error={errors['template.rejectedResolutions']}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.rejectedResolutions.join(', ')}
              onChange={(event) =>
                edit((current) => ({
                  ...current,
                  rejectedResolutions: event.target.value
                    .split(',')
                    .map((name) => name.trim())
                    .filter((name) => name !== ''),
                }))
              }
            />
          )}
        </Field>

        <ActionError error={previewing.error ?? applying.error} onReload={onReload} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={previewing.pending}>
            {previewing.pending ? 'Previewing…' : 'Preview changes'}
          </button>
          <button type="button" className="button" onClick={() => edit(() => template)}>
            Discard edits
          </button>
        </div>
      </form>
      {preview ? (
        <div className="message message-info" role="region" aria-label="Preview of the template change">
          <div>
            <p>
              Version {preview.fromVersion} → {preview.toVersion}: {preview.summary} ({preview.pilotsChanged}{' '}
              of {plural(preview.pilots, 'active pilot')} change).
            </p>
            <PreviewChanges preview={preview} />
            <div className="form-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={applying.pending}
                onClick={() => void apply()}
              >
                {applying.pending ? 'Applying…' : `Apply as version ${preview.toVersion}`}
              </button>
              <button type="button" className="button" onClick={() => setPreview(null)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </Section>
  );
}

/** Every pilot the change would change, by key, with what changes; then the pilots it leaves alone. */
function PreviewChanges({ preview }: { preview: TemplateChangePreview }) {
  const { killed, closed } = preview.skipped;
  return (
    <>
      {preview.changes.length > 0 ? (
        <ul className="preview-list" aria-label="Pilots the change would change">
          {preview.changes.map((change) => (
            <li key={change.key}>
              <strong>{change.key}</strong> {change.summary}:{' '}
              {[
                ...(change.workstreamsToAdd.length > 0 ? [`adds ${change.workstreamsToAdd.join(', ')}`] : []),
                ...(change.reviewsToAdd.length > 0
                  ? [
                      `adds the ${change.reviewsToAdd.join(', ')} review${change.reviewsToAdd.length === 1 ? '' : 's'}`,
                    ]
                  : []),
                ...change.dueDatesToMove.map(
                  (move) =>
                    `moves ${move.key} from ${move.from ? formatDate(move.from) : 'no date'} to ${formatDate(move.to)}`,
                ),
              ].join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
      {killed.length + closed.length > 0 ? (
        <p className="meta">
          Left as they are:{' '}
          {[
            ...(killed.length > 0 ? [`${BAND_LABELS.killed.words} ${killed.join(', ')}`] : []),
            ...(closed.length > 0 ? [`closed ${closed.join(', ')}`] : []),
          ].join('; ')}
          .
        </p>
      ) : null}
    </>
  );
}
