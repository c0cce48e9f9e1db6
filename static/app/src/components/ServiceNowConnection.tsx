import { useEffect, useId, useState, type FormEvent } from 'react';
import type {
  DataAccessState,
  ServiceNowConnectionTest,
  ServiceNowSettingsInput,
  ServiceNowSettingsView,
} from '../contract';
import { formatDateTime } from '../format';
import { useAction, useResolver } from '../useResolver';
import { Field } from './Field';
import { ActionError, StatusMessage } from './Messages';
import { Skeleton } from './States';

type StateMap = Record<string, DataAccessState>;

/** `3 = approved` lines ⇄ a state map (the server validates values and states). */
export function stateMapToText(map: StateMap): string {
  return Object.entries(map)
    .map(([code, state]) => `${code} = ${state}`)
    .join('\n');
}

export function stateMapFromText(text: string): StateMap {
  const map: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [code = '', state = ''] = line.split('=').map((part) => part.trim());
    map[code] = state;
  }
  return map as StateMap;
}

interface Draft {
  instanceUrl: string;
  authKind: 'basic' | 'oauth';
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  filingMode: 'table' | 'catalog';
  table: string;
  catalogItemSysId: string;
  dataSourceVariable: string;
  stewardVariable: string;
  justificationVariable: string;
  stateMap: string;
}

function draftOf(view: ServiceNowSettingsView): Draft {
  const c = view.connection;
  const filing = c?.filing;
  const table = filing?.mode === 'table' ? filing.table : view.defaults.table;
  const recordTable = filing?.mode === 'catalog' ? view.defaults.table : table;
  return {
    instanceUrl: c?.instanceUrl ?? '',
    authKind: c?.auth.kind ?? 'basic',
    username: c?.auth.kind === 'basic' ? c.auth.username : '',
    password: '',
    clientId: c?.auth.kind === 'oauth' ? c.auth.clientId : '',
    clientSecret: '',
    filingMode: filing?.mode ?? 'table',
    table,
    catalogItemSysId: filing?.mode === 'catalog' ? filing.catalogItemSysId : '',
    dataSourceVariable: filing?.mode === 'catalog' ? filing.variables.dataSource : 'data_source',
    stewardVariable: filing?.mode === 'catalog' ? filing.variables.steward : 'data_steward',
    justificationVariable: filing?.mode === 'catalog' ? filing.variables.justification : 'justification',
    stateMap: stateMapToText(c?.stateMaps[recordTable] ?? view.defaults.stateMap),
  };
}

function inputOf(draft: Draft, view: ServiceNowSettingsView): ServiceNowSettingsInput {
  const recordTable = draft.filingMode === 'table' ? draft.table.trim() : view.defaults.table;
  return {
    instanceUrl: draft.instanceUrl,
    auth:
      draft.authKind === 'basic'
        ? { kind: 'basic', username: draft.username, ...(draft.password ? { password: draft.password } : {}) }
        : {
            kind: 'oauth',
            clientId: draft.clientId,
            ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
          },
    filing:
      draft.filingMode === 'table'
        ? { mode: 'table', table: draft.table }
        : {
            mode: 'catalog',
            catalogItemSysId: draft.catalogItemSysId,
            variables: {
              dataSource: draft.dataSourceVariable,
              steward: draft.stewardVariable,
              justification: draft.justificationVariable,
            },
          },
    stateMaps: { ...(view.connection?.stateMaps ?? {}), [recordTable]: stateMapFromText(draft.stateMap) },
  };
}

function ConnectionTestResult({ result }: { result: ServiceNowConnectionTest }) {
  return (
    <ul className="ticket-list" aria-label="Connection test">
      {result.checks.map((check) => (
        <li key={check.name} className="ticket">
          <p className="ticket-head">
            <strong>{check.name}</strong>
            <span className={`status status-${check.ok ? 'approved' : 'rejected'}`}>
              {check.ok ? 'OK' : 'Failed'}
            </span>
          </p>
          <p className="meta">{check.message}</p>
        </li>
      ))}
    </ul>
  );
}

function PushSetup({
  view,
  onView,
}: {
  view: ServiceNowSettingsView;
  onView: (v: ServiceNowSettingsView) => void;
}) {
  const generate = useAction('generateServiceNowPushSecret');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <section aria-labelledby="servicenow-push-title">
      <h3 id="servicenow-push-title">Push from ServiceNow</h3>
      <p>
        ServiceNow tells the app about changes at once through a business rule; the app also polls every 5
        minutes, so either path is enough.
      </p>
      <Field label="Web trigger URL" hint="The value of x_pilot_pathway.push_url">
        {(control) => <input {...control} type="text" readOnly value={view.push.url} />}
      </Field>
      <p>
        Shared secret:{' '}
        {view.secrets.pushSecretSetAt
          ? `generated ${formatDateTime(view.secrets.pushSecretSetAt)}`
          : 'not generated yet'}
      </p>
      {secret ? (
        <Field label="New shared secret" hint="Shown once: paste it into x_pilot_pathway.push_secret now">
          {(control) => <input {...control} type="text" readOnly value={secret} />}
        </Field>
      ) : null}
      <ActionError error={generate.error} />
      <button
        type="button"
        className="button"
        disabled={generate.pending || !view.connection}
        onClick={async () => {
          const answer = await generate.run({});
          if (answer.ok) {
            setSecret(answer.data.secret);
            onView(answer.data.view);
          }
        }}
      >
        {generate.pending
          ? 'Generating…'
          : view.secrets.pushSecretSetAt
            ? 'Generate a new secret'
            : 'Generate the secret'}
      </button>
      <ol>
        {view.push.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </section>
  );
}

function ConnectionForm({
  view,
  onView,
}: {
  view: ServiceNowSettingsView;
  onView: (v: ServiceNowSettingsView) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [saved, setSaved] = useState(false);
  const [tested, setTested] = useState<ServiceNowConnectionTest | null>(null);
  const save = useAction('saveServiceNowSettings');
  const test = useAction('testServiceNowConnection');
  const errors = save.error?.fieldErrors ?? {};
  const authName = useId();
  const modeName = useId();
  useEffect(() => setDraft(draftOf(view)), [view]);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [field]: event.target.value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTested(null);
    const answer = await save.run(inputOf(draft, view));
    if (answer.ok) {
      setSaved(true);
      onView(answer.data);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="ServiceNow connection">
      <Field label="Instance address" hint="https://<name>.service-now.com" error={errors.instanceUrl}>
        {(control) => (
          <input {...control} type="url" value={draft.instanceUrl} onChange={set('instanceUrl')} />
        )}
      </Field>
      <fieldset className="field">
        <legend>Sign in with</legend>
        <div className="choices">
          {(
            [
              ['basic', 'Integration user (Basic)'],
              ['oauth', 'OAuth client credentials'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={authName}
                value={value}
                checked={draft.authKind === value}
                onChange={set('authKind')}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.authKind === 'basic' ? (
        <>
          <Field label="User name" error={errors['auth.username']}>
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                value={draft.username}
                onChange={set('username')}
              />
            )}
          </Field>
          <Field
            label="Password"
            hint={
              view.secrets.password
                ? 'Set; leave empty to keep it'
                : 'Stored in Forge secret storage; never shown again'
            }
            error={errors['auth.password']}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                value={draft.password}
                onChange={set('password')}
              />
            )}
          </Field>
        </>
      ) : (
        <>
          <Field label="Client id" error={errors['auth.clientId']}>
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                value={draft.clientId}
                onChange={set('clientId')}
              />
            )}
          </Field>
          <Field
            label="Client secret"
            hint={
              view.secrets.clientSecret
                ? 'Set; leave empty to keep it'
                : 'Stored in Forge secret storage; never shown again'
            }
            error={errors['auth.clientSecret']}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                value={draft.clientSecret}
                onChange={set('clientSecret')}
              />
            )}
          </Field>
        </>
      )}
      <fieldset className="field">
        <legend>File requests as</legend>
        <div className="choices">
          {(
            [
              ['table', 'A record in a table'],
              ['catalog', 'A Service Catalog order'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={modeName}
                value={value}
                checked={draft.filingMode === value}
                onChange={set('filingMode')}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.filingMode === 'table' ? (
        <Field label="Table" hint="Default sc_req_item" error={errors['filing.table']}>
          {(control) => <input {...control} type="text" value={draft.table} onChange={set('table')} />}
        </Field>
      ) : (
        <>
          <Field label="Catalog item sys_id" error={errors['filing.catalogItemSysId']}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.catalogItemSysId}
                onChange={set('catalogItemSysId')}
              />
            )}
          </Field>
          <Field label="Variable for the data source" error={errors['filing.variables.dataSource']}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.dataSourceVariable}
                onChange={set('dataSourceVariable')}
              />
            )}
          </Field>
          <Field label="Variable for the data steward" error={errors['filing.variables.steward']}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.stewardVariable}
                onChange={set('stewardVariable')}
              />
            )}
          </Field>
          <Field label="Variable for the justification" error={errors['filing.variables.justification']}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.justificationVariable}
                onChange={set('justificationVariable')}
              />
            )}
          </Field>
        </>
      )}
      <Field
        label="State mapping"
        hint="One line per ServiceNow state value: 3 = approved (requested, in-progress, approved or rejected). Unmapped values show as unknown and count as requested."
        error={errors.stateMaps ?? Object.entries(errors).find(([key]) => key.startsWith('stateMaps'))?.[1]}
      >
        {(control) => <textarea {...control} rows={6} value={draft.stateMap} onChange={set('stateMap')} />}
      </Field>
      <ActionError error={save.error ?? test.error} />
      <StatusMessage>{saved ? 'ServiceNow connection saved.' : null}</StatusMessage>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save connection'}
        </button>
        <button
          type="button"
          className="button"
          disabled={test.pending || !view.connection}
          onClick={async () => {
            setTested(null);
            const answer = await test.run({});
            if (answer.ok) setTested(answer.data);
          }}
        >
          {test.pending ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {tested ? <ConnectionTestResult result={tested} /> : null}
    </form>
  );
}

/** The admin page's ServiceNow section (placed in its "ServiceNow connection" section): connection, test, push setup, the sync's health. */
export function ServiceNowConnection() {
  const { state, reload, setData } = useResolver('getServiceNowSettings', {});
  if (state.status === 'loading') return <Skeleton compact={false} />;
  if (state.status === 'error')
    return (
      <div className="panel">
        <ActionError error={state.error} />
        <button type="button" className="button" onClick={reload}>
          Try again
        </button>
      </div>
    );
  const view = state.data;
  return (
    <div className="servicenow-connection">
      {view.sync.failingSince ? (
        <p className="notice notice-warning" role="status">
          The sync has failed since {formatDateTime(view.sync.failingSince)}: {view.sync.lastError}
        </p>
      ) : view.sync.lastSuccessAt ? (
        <p className="meta">Last sync {formatDateTime(view.sync.lastSuccessAt)}.</p>
      ) : null}
      <ConnectionForm view={view} onView={setData} />
      <PushSetup view={view} onView={setData} />
    </div>
  );
}
