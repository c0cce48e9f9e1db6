/**
 * The ServiceNow section of the admin page (product.md §12): the connection (secrets write-only),
 * "Test connection" naming exactly what failed, and the push setup (web trigger URL, a generated
 * shared secret shown once, the steps). Every call checks on the server that the caller is a Jira admin.
 */
import { randomBytes } from 'node:crypto';
import { ownValue } from '../../domain/records';
import { DEFAULT_SERVICENOW_STATE_MAP } from '../../domain/states';
import type { JiraClient } from '../../jira/client';
import { checkTable } from '../../servicenow/client';
import { condition, encodedQuery } from '../../servicenow/encoded-query';
import { ServiceNowError } from '../../servicenow/errors';
import { pushWebTriggerUrl } from '../../servicenow/push-url';
import {
  connectionSchema,
  DEFAULT_FILING_TABLE,
  deleteSecret,
  readConnection,
  readPollState,
  readSecret,
  recordTable,
  writeConnection,
  writeSecret,
  type ServiceNowConnection,
} from '../../storage/servicenow';
import type {
  ServiceNowConnectionCheck,
  ServiceNowConnectionTest,
  ServiceNowSettingsView,
} from '../../ui-contract';
import { assertJiraAdmin } from '../permissions';
import { UserFacingError } from '../errors';
import { clientFor } from './connection';

const NO_RECORD = '0'.repeat(32);

export function pushSteps(url: string): string[] {
  return [
    'In ServiceNow, open System Properties (sys_properties.list) as an admin.',
    `Create the property x_pilot_pathway.push_url (type string) with the value ${url}`,
    'Create the property x_pilot_pathway.push_secret (type password2) and paste the shared secret generated here.',
    'Create the business rule "Pilot Pathway push" on the filing table (after update, when correlation_display is Pilot Pathway) with the script of docs/servicenow.md.',
    'Change the state of a request the app filed: the pilot panel shows the new state within seconds.',
  ];
}

async function settingsView(): Promise<ServiceNowSettingsView> {
  const [connection, password, clientSecret, poll, url] = await Promise.all([
    readConnection(),
    readSecret('serviceNowPassword'),
    readSecret('serviceNowClientSecret'),
    readPollState(),
    pushWebTriggerUrl(),
  ]);
  return {
    connection: connection
      ? {
          instanceUrl: connection.instanceUrl,
          auth: connection.auth,
          filing: connection.filing,
          stateMaps: connection.stateMaps,
          updatedAt: connection.updatedAt,
        }
      : null,
    secrets: {
      password: password !== undefined,
      clientSecret: clientSecret !== undefined,
      pushSecretSetAt: connection?.pushSecretSetAt ?? null,
    },
    push: { url, steps: pushSteps(url) },
    sync: { lastSuccessAt: poll.lastSuccessAt, failingSince: poll.failingSince, lastError: poll.lastError },
    defaults: { table: DEFAULT_FILING_TABLE, stateMap: { ...DEFAULT_SERVICENOW_STATE_MAP } },
  };
}

export async function getServiceNowSettings(asUser: JiraClient): Promise<ServiceNowSettingsView> {
  await assertJiraAdmin(asUser);
  return settingsView();
}

const secretText = (payload: unknown, kind: string, field: string): string | undefined => {
  const auth = (payload as { auth?: Record<string, unknown> } | null)?.auth;
  const value = auth?.kind === kind ? auth[field] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** Saves the connection; a secret is written only when given, and never read back. Bad input changes nothing. */
export async function saveServiceNowSettings(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
): Promise<ServiceNowSettingsView> {
  await assertJiraAdmin(asUser);
  const current = await readConnection();
  const input = connectionSchema.omit({ pushSecretSetAt: true, updatedAt: true }).safeParse(payload);
  const fieldErrors: Record<string, string> = {};
  if (!input.success)
    for (const issue of input.error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message;
  const password = secretText(payload, 'basic', 'password');
  const clientSecret = secretText(payload, 'oauth', 'clientSecret');
  if (input.success) {
    const kind = input.data.auth.kind;
    if (kind === 'basic' && !password && !(await readSecret('serviceNowPassword')))
      fieldErrors['auth.password'] = "Enter the integration user's password";
    if (kind === 'oauth' && !clientSecret && !(await readSecret('serviceNowClientSecret')))
      fieldErrors['auth.clientSecret'] = 'Enter the OAuth client secret';
    const table = recordTable(input.data.filing);
    if (!ownValue(input.data.stateMaps, table))
      fieldErrors.stateMaps = `Map the states of ${table}, the table requests are filed in`;
  }
  if (!input.success || Object.keys(fieldErrors).length > 0)
    throw new UserFacingError(
      'invalid-input',
      'The ServiceNow connection was not saved: fix the marked entries.',
      fieldErrors,
    );
  const next: ServiceNowConnection = {
    ...input.data,
    pushSecretSetAt: current?.pushSecretSetAt ?? null,
    updatedAt: now.toISOString(),
  };
  if (password) await writeSecret('serviceNowPassword', password);
  if (clientSecret) await writeSecret('serviceNowClientSecret', clientSecret);
  // Another instance or client: a cached OAuth token is no longer valid.
  if (current?.instanceUrl !== next.instanceUrl || clientSecret) await deleteSecret('serviceNowOAuthToken');
  await writeConnection(next);
  return settingsView();
}

/** A new push secret, shown to the admin this once (to paste into ServiceNow); the old one stops working. */
export async function generateServiceNowPushSecret(
  asUser: JiraClient,
  now: Date,
): Promise<{ secret: string; view: ServiceNowSettingsView }> {
  await assertJiraAdmin(asUser);
  const connection = await readConnection();
  if (!connection)
    throw new UserFacingError('invalid-input', 'Connect ServiceNow first: the push belongs to a connection.');
  const secret = randomBytes(32).toString('hex');
  await writeSecret('serviceNowPushSecret', secret);
  await writeConnection({ ...connection, pushSecretSetAt: now.toISOString() });
  return { secret, view: await settingsView() };
}

function failed(name: string, error: unknown): ServiceNowConnectionCheck {
  if (!(error instanceof ServiceNowError)) throw error;
  return { name, ok: false, message: error.message };
}

/**
 * Checks, in order, what a filing needs: the address answers (and Forge may reach it), the
 * credentials are accepted, the table exists and may be read, the catalog item exists. Stops at
 * the first failure and names it.
 */
export async function testServiceNowConnection(asUser: JiraClient): Promise<ServiceNowConnectionTest> {
  await assertJiraAdmin(asUser);
  const connection = await readConnection();
  if (!connection)
    return { ok: false, checks: [{ name: 'Connection', ok: false, message: 'Save a connection first.' }] };
  const client = await clientFor(connection);
  const table = checkTable(recordTable(connection.filing));
  const checks: ServiceNowConnectionCheck[] = [];
  const done = () => ({ ok: checks.every((c) => c.ok), checks });
  try {
    await client.list(table, { fields: ['sys_id'], limit: 1 });
  } catch (error) {
    const kind = error instanceof ServiceNowError ? error.kind : null;
    if (kind === 'unreachable' || kind === 'egress-blocked' || kind === 'malformed-response') {
      checks.push(failed(`Address ${connection.instanceUrl}`, error));
      return done();
    }
    checks.push({ name: `Address ${connection.instanceUrl}`, ok: true, message: 'ServiceNow answers.' });
    if (kind === 'unauthorized') {
      checks.push(failed('Sign-in', error));
      return done();
    }
    checks.push({ name: 'Sign-in', ok: true, message: 'The credentials are accepted.' });
    checks.push(failed(`Table ${table}`, error));
    return done();
  }
  checks.push(
    { name: `Address ${connection.instanceUrl}`, ok: true, message: 'ServiceNow answers.' },
    { name: 'Sign-in', ok: true, message: 'The credentials are accepted.' },
    { name: `Table ${table}`, ok: true, message: `The integration user can read ${table}.` },
  );
  // Writes: an update of a record that cannot exist changes nothing; ServiceNow's ACLs answer 403
  // (a missing role) before looking for the record, 404 once the user may write.
  try {
    await client.update(table, NO_RECORD, {});
    checks.push({ name: `Writing ${table}`, ok: true, message: `The integration user can write ${table}.` });
  } catch (error) {
    if (error instanceof ServiceNowError && error.kind === 'not-found')
      checks.push({
        name: `Writing ${table}`,
        ok: true,
        message: `The integration user can write ${table}.`,
      });
    else {
      checks.push(failed(`Writing ${table}`, error));
      return done();
    }
  }
  if (connection.filing.mode === 'catalog') {
    const itemId = connection.filing.catalogItemSysId;
    try {
      const items = await client.list('sc_cat_item', {
        query: encodedQuery([condition('sys_id', '=', itemId)]),
        fields: ['sys_id', 'name', 'active'],
        limit: 1,
      });
      const item = items.records[0];
      checks.push(
        item
          ? {
              name: 'Catalog item',
              ok: item.active !== 'false',
              message:
                item.active === 'false'
                  ? `Catalog item ${item.name} is inactive.`
                  : `Orders go to ${item.name}.`,
            }
          : { name: 'Catalog item', ok: false, message: `ServiceNow has no catalog item ${itemId}.` },
      );
    } catch (error) {
      checks.push(failed('Catalog item', error));
    }
  }
  return done();
}
