/**
 * The bad-input catalogue of issue 12, ServiceNow side: web trigger requests a forger (or a broken
 * business rule) can send, the ServiceNow connection an admin can mistype, and ServiceNow answers that
 * are not what the app asked for. Each case names the answer it expects, and the sandbox's whole
 * state (issues, links, properties, app storage and secrets, ServiceNow records) is the same after.
 */
import { signPush } from '../../sandbox/servicenow/push';
import type { ResolverError } from '../../src/ui-contract';
import { createPilot } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import {
  FILING,
  adminCall,
  clearServiceNowFaults,
  connectServiceNow,
  data,
  defaultSettings,
  enablePush,
  injectServiceNowFault,
  panelCall,
} from '../support/servicenow-steps';
import { fingerprintDifferences, stateFingerprint } from '../support/state-fingerprint';

const env = useSandbox('empty', { resetEachTest: false });

let secret = '';
let pilot: { id: string; key: string };
let sysId = '';
let number = '';
beforeAll(async () => {
  env.sandbox.clock.set('2026-03-02T09:00:00.000Z');
  await connectServiceNow(env.sandbox);
  secret = await enablePush(env.sandbox);
  pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  data(await panelCall(env.sandbox, pilot, 'requestDataAccess', FILING));
  const [record] = env.sandbox.servicenow.records('sc_req_item');
  sysId = String(record?.sys_id);
  number = String(record?.number);
});

const now = () => Math.floor(env.sandbox.clock.now().getTime() / 1000);
const change = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ table: 'sc_req_item', sys_id: sysId, number, state: '3', ...fields });

interface Push {
  method?: string;
  contentType?: string | null;
  body: () => string;
  /** Signature headers: signed with `key` at `age` seconds ago, or none. */
  signed?: { key?: () => string; age?: number; tamper?: boolean } | null;
}

function request(push: Push) {
  const body = push.body();
  const timestamp = String(now() - (push.signed?.age ?? 0));
  const signature =
    push.signed === null
      ? {}
      : {
          'x-pilot-pathway-timestamp': timestamp,
          'x-pilot-pathway-signature': push.signed?.tamper
            ? signPush(secret, timestamp, `${body} `)
            : signPush(push.signed?.key?.() ?? secret, timestamp, body),
        };
  return {
    method: push.method ?? 'POST',
    path: '/',
    headers: {
      ...(push.contentType === null ? {} : { 'content-type': push.contentType ?? 'application/json' }),
      ...signature,
    },
    body,
  };
}

const WEB_TRIGGER: Array<[string, Push, number]> = [
  ['a GET', { method: 'GET', body: () => '' }, 405],
  ['no content type', { contentType: null, body: () => change() }, 415],
  [
    'a form post',
    { contentType: 'application/x-www-form-urlencoded', body: () => `state=3&sys_id=${sysId}` },
    415,
  ],
  ['a 100 KB body', { body: () => change({ padding: 'x'.repeat(100_000) }) }, 413],
  ['no signature', { signed: null, body: () => change() }, 401],
  [
    'a signature made with another secret',
    { signed: { key: () => 'not-the-secret' }, body: () => change() },
    401,
  ],
  ['a signature of another body', { signed: { tamper: true }, body: () => change() }, 401],
  ['a timestamp 6 minutes old', { signed: { age: 360 }, body: () => change() }, 401],
  ['a timestamp 10 minutes ahead', { signed: { age: -600 }, body: () => change() }, 401],
  ['a signed body that is not JSON', { body: () => '{"table": "sc_req_item", ' }, 400],
  ['a signed body that is a list', { body: () => JSON.stringify([change()]) }, 400],
  ['a signed body with a sys_id that is not one', { body: () => change({ sys_id: "x' OR 1=1" }) }, 400],
  [
    'a signed body without a state',
    { body: () => JSON.stringify({ table: 'sc_req_item', sys_id: sysId }) },
    400,
  ],
];

/** A signed request is authentic: its signature is remembered (the replay guard) even if its body is refused. */
const withoutReplayGuard = (fingerprint: ReturnType<typeof stateFingerprint>) => ({
  ...fingerprint,
  storage: Object.fromEntries(
    Object.entries(fingerprint.storage).filter(([key]) => !key.startsWith('servicenow:push-seen:')),
  ),
});

test.each(WEB_TRIGGER.map(([name, push, status]) => [`${name} → ${status}`, push, status] as const))(
  'web trigger: %s, nothing changed',
  async (_name, push, status) => {
    const before = stateFingerprint(env.sandbox);
    const response = await env.sandbox.runtime.invokeWebTrigger('servicenow-webhook', request(push));
    await env.sandbox.idle();
    expect(response.statusCode).toBe(status);
    const after = stateFingerprint(env.sandbox);
    if (status === 400) {
      expect(fingerprintDifferences(withoutReplayGuard(before), withoutReplayGuard(after))).toEqual([]);
    } else {
      expect(fingerprintDifferences(before, after)).toEqual([]);
    }
  },
);

test('web trigger: a signed change to a record the app did not file changes nothing', async () => {
  const before = stateFingerprint(env.sandbox);
  const response = await env.sandbox.runtime.invokeWebTrigger(
    'servicenow-webhook',
    request({ body: () => change({ sys_id: 'f'.repeat(32), number: 'RITM9999999' }) }),
  );
  await env.sandbox.idle();
  expect(response.statusCode).toBeLessThan(500);
  const after = stateFingerprint(env.sandbox);
  // Only the replay guard remembers the signature; no issue, link, record or pilot state moved.
  expect(fingerprintDifferences(before.issues, after.issues)).toEqual([]);
  expect(fingerprintDifferences(before.links, after.links)).toEqual([]);
  expect(fingerprintDifferences(before.servicenow, after.servicenow)).toEqual([]);
});

interface SettingsCase {
  name: string;
  payload: () => unknown;
  field: string;
  words: RegExp;
}

const settings = (change: Record<string, unknown>) => () => ({ ...defaultSettings(env.sandbox), ...change });
const SETTINGS: SettingsCase[] = [
  {
    name: 'an instance on another host',
    payload: settings({ instanceUrl: 'https://evil.example.com' }),
    field: 'instanceUrl',
    words: /service-now\.com/,
  },
  {
    name: 'an instance over plain http',
    payload: settings({ instanceUrl: 'http://acme.service-now.com' }),
    field: 'instanceUrl',
    words: /service-now\.com/,
  },
  {
    name: 'an instance with a path',
    payload: settings({ instanceUrl: 'https://acme.service-now.com/api/now/table/sys_user' }),
    field: 'instanceUrl',
    words: /service-now\.com/,
  },
  {
    name: 'an instance hiding another host',
    payload: settings({ instanceUrl: 'https://acme.service-now.com@evil.example.com' }),
    field: 'instanceUrl',
    words: /service-now\.com/,
  },
  {
    name: 'an unknown authentication',
    payload: settings({ auth: { kind: 'ntlm', username: 'x' } }),
    field: 'auth.kind',
    words: /./,
  },
  {
    name: 'a catalog item that is not a sys_id',
    payload: settings({
      filing: {
        mode: 'catalog',
        catalogItemSysId: "1' OR '1'='1",
        variables: { dataSource: 'a', steward: 'b', justification: 'c' },
      },
    }),
    field: 'filing.catalogItemSysId',
    words: /32 hexadecimal/,
  },
  {
    name: 'no state map for the filing table',
    payload: settings({ stateMaps: {} }),
    field: 'stateMaps',
    words: /Map the states/,
  },
];

test.each(SETTINGS.map((c) => [c.name, c] as const))('ServiceNow settings: %s', async (_name, c) => {
  const before = stateFingerprint(env.sandbox);
  const result = await adminCall(env.sandbox, 'saveServiceNowSettings', c.payload());
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid-input');
  expect(result.error.fieldErrors?.[c.field]).toMatch(c.words);
  expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
});

/**
 * Each answer, the error it becomes, and whether the create's outcome is unknown: then the filing's
 * intent (stored before the create) is kept, so a retry finds what the create may have made.
 */
const ANSWERS: Array<
  [string, Parameters<typeof injectServiceNowFault>[1], ResolverError['code'], 'intent kept' | 'nothing']
> = [
  [
    'a page from a proxy instead of the Table API',
    { rate: 1, status: 403, bare: true },
    'servicenow-unreachable',
    'nothing',
  ],
  ['an error envelope with 500', { rate: 1, status: 500 }, 'servicenow-unreachable', 'intent kept'],
  ['a rate limit', { rate: 1, status: 429, retryAfter: 1 }, 'rate-limited', 'nothing'],
];

const INTENT = /^\$\.storage\.servicenow:order:\d+:[0-9a-f]+: undefined → \{"reference":"[0-9a-f]{16}"/;

test.each(ANSWERS)(
  'ServiceNow answers %s: filing refused in plain words, nothing filed',
  async (_name, fault, code, left) => {
    const before = stateFingerprint(env.sandbox);
    await injectServiceNowFault(env.sandbox, fault);
    try {
      const result = await panelCall(env.sandbox, pilot, 'requestDataAccess', {
        ...FILING,
        dataSource: 'Policy archive',
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(code);
    } finally {
      await clearServiceNowFaults(env.sandbox);
    }
    const changed = fingerprintDifferences(before, stateFingerprint(env.sandbox));
    expect(changed).toEqual(left === 'intent kept' ? [expect.stringMatching(INTENT)] : []);
  },
);
