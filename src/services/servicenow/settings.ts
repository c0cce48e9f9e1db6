/**
 * The ServiceNow section of the admin page (product.md §12): the connection (secrets write-only),
 * "Test connection" naming exactly what failed, and the push setup (web trigger URL, a generated
 * shared secret shown once, the steps). Every call checks on the server that the caller is a Jira admin.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { ownValue } from '../../domain/records';
import { DEFAULT_SERVICENOW_STATE_MAP } from '../../domain/states';
import { missingCorrelationFields } from '../../domain/servicenow-tickets';
import type { JiraClient } from '../../jira/client';
import { checkTable, type ServiceNowAuth, type ServiceNowClient } from '../../servicenow/client';
import { condition, encodedQuery } from '../../servicenow/encoded-query';
import { ServiceNowError } from '../../servicenow/errors';
import { PUSH_BUSINESS_RULE_SCRIPT } from '../../servicenow/push-script';
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
import { clientFor, clientWith } from './connection';

const NO_RECORD = '0'.repeat(32);

export function pushSteps(url: string): string[] {
  return [
    'In ServiceNow, open System Properties (sys_properties.list) as an admin.',
    `Create the property x_pilot_pathway.push_url (type string) with the value ${url}`,
    'Create the property x_pilot_pathway.push_secret (type password2) and paste the shared secret generated here.',
    'Create the business rule "Pilot Pathway push" on the filing table (after update, when correlation_display is Pilot Pathway, Advanced checked) with the script below: copy it into the rule\'s Script field.',
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
    push: { url, steps: pushSteps(url), script: PUSH_BUSINESS_RULE_SCRIPT },
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

const connectionInputSchema = connectionSchema.omit({ pushSecretSetAt: true, updatedAt: true });
type ConnectionInput = z.infer<typeof connectionInputSchema>;

const hostOf = (instanceUrl: string) => new URL(instanceUrl).host;

/** The secret of each auth kind: the name of the stored secret and what a person calls it. */
const SECRET_OF = {
  basic: { name: 'serviceNowPassword', field: 'auth.password', words: 'password', typed: 'password' },
  oauth: {
    name: 'serviceNowClientSecret',
    field: 'auth.clientSecret',
    words: 'client secret',
    typed: 'clientSecret',
  },
} as const;

/**
 * The secret to send to `instanceUrl` with this auth kind: the one typed now, else the stored one,
 * but only while the host is the one it was entered for (product.md §12: stored secrets never go to
 * another host). Undefined, with the words that say why, when there is none to send.
 */
async function secretFor(
  payload: unknown,
  input: ConnectionInput,
  saved: ServiceNowConnection | undefined,
): Promise<{ secret: string } | { missing: string }> {
  const secret = SECRET_OF[input.auth.kind];
  const typed = secretText(payload, input.auth.kind, secret.typed);
  if (typed) return { secret: typed };
  const host = hostOf(input.instanceUrl);
  if (saved && hostOf(saved.instanceUrl) !== host)
    return {
      missing: `Enter the ${secret.words} again for ${host}: the saved one is sent only to ${hostOf(saved.instanceUrl)}, the instance it was entered for`,
    };
  const stored = await readSecret(secret.name);
  return stored ? { secret: stored } : { missing: `Enter the ${secret.words}` };
}

/** Saves the connection; a secret is written only when given, and never read back. Bad input changes nothing. */
export async function saveServiceNowSettings(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
): Promise<ServiceNowSettingsView> {
  await assertJiraAdmin(asUser);
  const current = await readConnection();
  const input = connectionInputSchema.safeParse(payload);
  const fieldErrors: Record<string, string> = {};
  if (!input.success)
    for (const issue of input.error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message;
  const password = secretText(payload, 'basic', 'password');
  const clientSecret = secretText(payload, 'oauth', 'clientSecret');
  if (input.success) {
    const secret = await secretFor(payload, input.data, current);
    if ('missing' in secret) fieldErrors[SECRET_OF[input.data.auth.kind].field] = secret.missing;
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
  const hostChanged = current !== undefined && hostOf(current.instanceUrl) !== hostOf(input.data.instanceUrl);
  const next: ServiceNowConnection = {
    ...input.data,
    // The push secret was set in the old instance's properties: a new instance gets its own.
    pushSecretSetAt: hostChanged ? null : (current?.pushSecretSetAt ?? null),
    updatedAt: now.toISOString(),
  };
  if (hostChanged)
    for (const name of ['serviceNowPassword', 'serviceNowClientSecret', 'serviceNowPushSecret'] as const)
      await deleteSecret(name);
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
 * Tests the connection as typed on the admin page (`payload`, the form's values; an empty payload
 * tests the saved connection): a secret typed now, else the saved one only while the host is the
 * one it was entered for. See `runChecks`.
 */
export async function testServiceNowConnection(
  asUser: JiraClient,
  payload: unknown = {},
): Promise<ServiceNowConnectionTest> {
  await assertJiraAdmin(asUser);
  const saved = await readConnection();
  const failedCheck = (name: string, message: string): ServiceNowConnectionTest => ({
    ok: false,
    checks: [{ name, ok: false, message }],
  });
  if (payload === null || typeof payload !== 'object' || Object.keys(payload).length === 0) {
    if (!saved) return failedCheck('Connection', 'Save a connection first.');
    return runChecks(await clientFor(saved), saved);
  }
  const input = connectionInputSchema.safeParse(payload);
  if (!input.success)
    return failedCheck(
      'Connection',
      `Fix the entries first: ${input.error.issues[0]?.message ?? 'not a connection'}.`,
    );
  const secret = await secretFor(payload, input.data, saved);
  if ('missing' in secret) return failedCheck('Sign-in', `${secret.missing}.`);
  const auth: ServiceNowAuth =
    input.data.auth.kind === 'basic'
      ? { kind: 'basic', username: input.data.auth.username, password: secret.secret }
      : { kind: 'oauth', clientId: input.data.auth.clientId, clientSecret: secret.secret };
  return runChecks(clientWith(input.data.instanceUrl, auth), input.data);
}

/**
 * The filing table has the correlation fields. A table without them stores a record the app files
 * without its marks, and a query on them matches every record (ServiceNow drops a condition on a
 * field the table lacks): the app could never tell its records apart.
 */
async function correlationFieldsCheck(
  client: ServiceNowClient,
  table: string,
): Promise<ServiceNowConnectionCheck> {
  const name = `Fields of ${table}`;
  try {
    const missing = missingCorrelationFields(await client.fieldsOf(table));
    if (missing.length === 0)
      return { name, ok: true, message: `${table} has correlation_id and correlation_display.` };
    return {
      name,
      ok: false,
      message: `${table} has no ${missing.join(' and no ')} field: the app marks every record it files with correlation_id and correlation_display and accepts only records that carry them. File into a table that has both (every table extending Task does), or add ${missing.length === 1 ? 'it' : 'them'} to ${table}.`,
    };
  } catch (error) {
    return failed(name, error);
  }
}

/**
 * Checks, in order, what a filing needs: the address answers (and Forge may reach it), the
 * credentials are accepted, the table exists and may be read, it has the correlation fields, it
 * may be written, the catalog item exists. Stops at the first failure and names it.
 */
async function runChecks(
  client: ServiceNowClient,
  connection: Pick<ServiceNowConnection, 'instanceUrl' | 'filing'>,
): Promise<ServiceNowConnectionTest> {
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
  checks.push(await correlationFieldsCheck(client, table));
  if (!checks.every((check) => check.ok)) return done();
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
