import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
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

const KEEP_SECRET = 'Set; leave empty to keep it';
const NEW_SECRET = 'Stored in Forge secret storage; never shown again';

/** The host of an address as typed (empty while it is not one). */
function hostOf(address: string): string {
  try {
    return new URL(address.trim()).host;
  } catch {
    return '';
  }
}

/**
 * The hint of a secret field: kept while the address is the saved one; asked again for another
 * address, since a saved secret goes only to the instance it was entered for.
 */
function secretHint(view: ServiceNowSettingsView, draft: Draft, isSet: boolean): string {
  const saved = view.connection ? hostOf(view.connection.instanceUrl) : '';
  if (isSet && saved !== '' && hostOf(draft.instanceUrl) !== saved)
    return `Enter it again: the saved one is sent only to ${saved}, where it was entered`;
  return isSet ? KEEP_SECRET : NEW_SECRET;
}

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

/** The value the default state map reads as approved, as an example of a line. */
function approvedExample(view: ServiceNowSettingsView): string {
  return Object.entries(view.defaults.stateMap).find(([, state]) => state === 'approved')?.[0] ?? '<value>';
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

/**
 * Replacing the push secret breaks ServiceNow's pushes until the new one is pasted there, so a second
 * secret is generated only after an inline confirmation (focus moves to it; Escape or "Keep" backs out
 * and returns focus to the button). The first secret breaks nothing and is generated at once.
 */
function PushSetup({
  view,
  onView,
}: {
  view: ServiceNowSettingsView;
  onView: (v: ServiceNowSettingsView) => void;
}) {
  const generate = useAction('generateServiceNowPushSecret');
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const generateButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const questionId = useId();
  const replacing = view.secrets.pushSecretSetAt !== null;

  const focusButtonNext = useRef(false);
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (focusButtonNext.current) generateButton.current?.focus();
    focusButtonNext.current = false;
  }, [confirming]);
  useEffect(() => {
    if (secret) secretInput.current?.focus();
  }, [secret]);

  const run = async () => {
    setConfirming(false);
    const answer = await generate.run({});
    if (answer.ok) {
      setSecret(answer.data.secret);
      onView(answer.data.view);
    } else {
      generateButton.current?.focus();
    }
  };
  const keep = () => {
    focusButtonNext.current = true;
    setConfirming(false);
  };

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
          {(control) => <input {...control} ref={secretInput} type="text" readOnly value={secret} />}
        </Field>
      ) : null}
      <ActionError error={generate.error} />
      {confirming ? (
        <div
          className="message message-warning confirm"
          role="group"
          aria-labelledby={questionId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') keep();
          }}
        >
          <div>
            <p id={questionId} ref={question} tabIndex={-1}>
              <strong>Replace the shared secret?</strong>
            </p>
            <p>
              The current secret stops working at once: ServiceNow&apos;s pushes are refused until the new one
              is pasted into x_pilot_pathway.push_secret. The poll still picks up changes meanwhile.
            </p>
            <div className="form-actions">
              <button type="button" className="button button-primary" onClick={() => void run()}>
                Replace the secret
              </button>
              <button type="button" className="button" onClick={keep}>
                Keep the current secret
              </button>
            </div>
          </div>
        </div>
      ) : (
        <button
          ref={generateButton}
          type="button"
          className="button"
          disabled={generate.pending || !view.connection}
          onClick={() => (replacing ? setConfirming(true) : void run())}
        >
          {generate.pending ? 'Generating…' : replacing ? 'Generate a new secret' : 'Generate the secret'}
        </button>
      )}
      <ol>
        {view.push.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <PushScript script={view.push.script} />
    </section>
  );
}

/** The business rule's script, to copy into ServiceNow: shown whole, with a copy button. */
function PushScript({ script }: { script: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(script);
      setCopied("Script copied: paste it into the business rule's Script field.");
    } catch {
      setCopied('This browser did not let the page copy: select the script and copy it yourself.');
    }
  };
  return (
    <div className="push-script">
      <h4 id="servicenow-push-script">Business rule script</h4>
      <pre role="region" aria-labelledby="servicenow-push-script" className="code">
        <code>{script}</code>
      </pre>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy script
      </button>
      <StatusMessage>{copied}</StatusMessage>
    </div>
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

  /** A text control bound to one draft entry (secrets: never prefilled, autocomplete off). */
  const input = (
    label: string,
    field: keyof Draft,
    error: string | undefined,
    options: { type?: 'text' | 'url' | 'password'; hint?: string } = {},
  ) => (
    <Field label={label} hint={options.hint} error={error}>
      {(control) => (
        <input
          {...control}
          type={options.type ?? 'text'}
          autoComplete={options.type === 'password' ? 'new-password' : 'off'}
          value={draft[field]}
          onChange={set(field)}
        />
      )}
    </Field>
  );
  const choices = (
    name: string,
    legend: string,
    field: 'authKind' | 'filingMode',
    options: [string, string][],
  ) => (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className="choices">
        {options.map(([value, label]) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={name}
              value={value}
              checked={draft[field] === value}
              onChange={set(field)}
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );

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
      {input('Instance address', 'instanceUrl', errors.instanceUrl, {
        type: 'url',
        hint: 'https://<name>.service-now.com',
      })}
      {choices(authName, 'Sign in with', 'authKind', [
        ['basic', 'Integration user (Basic)'],
        ['oauth', 'OAuth client credentials'],
      ])}
      {draft.authKind === 'basic' ? (
        <>
          {input('User name', 'username', errors['auth.username'])}
          {input('Password', 'password', errors['auth.password'], {
            type: 'password',
            hint: secretHint(view, draft, view.secrets.password),
          })}
        </>
      ) : (
        <>
          {input('Client id', 'clientId', errors['auth.clientId'])}
          {input('Client secret', 'clientSecret', errors['auth.clientSecret'], {
            type: 'password',
            hint: secretHint(view, draft, view.secrets.clientSecret),
          })}
        </>
      )}
      {choices(modeName, 'File requests as', 'filingMode', [
        ['table', 'A record in a table'],
        ['catalog', 'A Service Catalog order'],
      ])}
      {draft.filingMode === 'table' ? (
        input('Table', 'table', errors['filing.table'], { hint: 'Default sc_req_item' })
      ) : (
        <>
          {input('Catalog item sys_id', 'catalogItemSysId', errors['filing.catalogItemSysId'])}
          {input('Variable for the data source', 'dataSourceVariable', errors['filing.variables.dataSource'])}
          {input('Variable for the data steward', 'stewardVariable', errors['filing.variables.steward'])}
          {input(
            'Variable for the justification',
            'justificationVariable',
            errors['filing.variables.justification'],
          )}
        </>
      )}
      <Field
        label="State mapping"
        hint={`One line per ServiceNow state value: ${approvedExample(view)} = approved (requested, in-progress, approved or rejected). Unmapped values show as unknown and count as requested.`}
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
          disabled={test.pending}
          onClick={async () => {
            setTested(null);
            // What is typed is tested, before it is saved.
            const answer = await test.run(inputOf(draft, view));
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
