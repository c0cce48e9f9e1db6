/**
 * Issue 12: the ServiceNow secrets (Basic password, OAuth client secret, the cached OAuth token, the
 * push's HMAC secret) never appear in a log line, in a resolver response or in the Custom UI bundle,
 * whatever the app goes through: connecting, filing, push and poll, failing connection tests, faults.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { createPilot } from '../support/jira-steps';
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
  runPoll,
  stewardChanges,
} from '../support/servicenow-steps';

/** The sandbox instance's credentials (sandbox.md, "Starting states"). */
const SN_PASSWORD = 'sandbox-password';
const CLIENT_SECRET = 'sandbox-client-secret';
const OAUTH_TOKEN = 'sandbox-oauth-token';
const DIST = resolve(__dirname, '../../static/app/dist');

let sandbox: Sandbox;
const logged: string[] = [];
const responses: string[] = [];
const record = (result: unknown) => {
  responses.push(JSON.stringify(result));
  return result;
};

beforeAll(async () => {
  sandbox = await createSandbox({ seed: 'empty', log: (line) => logged.push(line) });
  sandbox.clock.set('2026-03-02T09:00:00.000Z');
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no secret in any log line or resolver response, through connect, file, push, poll and failures', async () => {
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const spies = consoleMethods.map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 6 }))).join(' '));
    }),
  );
  let pushSecret = '';
  try {
    record(await connectServiceNow(sandbox));
    pushSecret = await enablePush(sandbox); // the one response that carries it, by design (docs/security.md)
    const pilot = await createPilot(sandbox, 'Claims triage assistant');
    const filing = await panelCall<{ key: string }>(sandbox, pilot, 'requestDataAccess', FILING);
    record(filing);
    const filed = data(filing);
    const sysId = sandbox.servicenow.records('sc_req_item').find((r) => r.number === filed.key)
      ?.sys_id as string;
    await stewardChanges(sandbox, sysId, { state: '2' });
    record(await runPoll(sandbox));
    record(await panelCall(sandbox, pilot, 'getPanel', {}));
    record(await adminCall(sandbox, 'getServiceNowSettings'));
    record(await adminCall(sandbox, 'testServiceNowConnection'));

    // Failures log errors: a ServiceNow outage while filing and polling, then a wrong password.
    await injectServiceNowFault(sandbox, { rate: 1, status: 500 });
    record(await panelCall(sandbox, pilot, 'requestDataAccess', { ...FILING, dataSource: 'Policy archive' }));
    record(await runPoll(sandbox));
    await clearServiceNowFaults(sandbox);
    record(
      await adminCall(sandbox, 'saveServiceNowSettings', {
        ...defaultSettings(sandbox),
        auth: { kind: 'basic', username: 'pilot.pathway', password: 'wrong-password' },
      }),
    );
    record(await adminCall(sandbox, 'testServiceNowConnection'));

    // OAuth: the client secret and the token it buys.
    record(
      await connectServiceNow(sandbox, {
        auth: { kind: 'oauth', clientId: 'pilot-pathway', clientSecret: CLIENT_SECRET },
      } as never),
    );
    record(await adminCall(sandbox, 'testServiceNowConnection'));
    record(await panelCall(sandbox, pilot, 'requestDataAccess', { ...FILING, dataSource: 'Claims history' }));
    record(await runPoll(sandbox));
    record(await adminCall(sandbox, 'getServiceNowSettings'));
    record(await adminCall(sandbox, 'getConfiguration'));
    // A forged push is refused and logged, if at all, without the secret.
    await sandbox.runtime.invokeWebTrigger('servicenow-webhook', {
      method: 'POST',
      headers: { 'content-type': ['application/json'] },
      body: JSON.stringify({ table: 'sc_req_item', sys_id: sysId, state: '3' }),
    } as never);
    await sandbox.idle();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }

  expect(pushSecret.length).toBeGreaterThanOrEqual(32);
  const secrets = [
    'wrong-password',
    Buffer.from(`pilot.pathway:${SN_PASSWORD}`).toString('base64'),
    CLIENT_SECRET,
    OAUTH_TOKEN,
    pushSecret,
  ];
  // The scan really sees what the app said: the responses and logs are not empty.
  expect(responses.length).toBeGreaterThan(10);
  expect(logged.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(logged.filter((line) => line.includes(secret))).toEqual([]);
    expect(responses.filter((response) => response.includes(secret))).toEqual([]);
  }
}, 120_000);

test('the Custom UI bundle holds no secret and no server-side storage code', () => {
  expect(existsSync(DIST)).toBe(true); // built by `npm test` (npm run build) before jest runs
  const files = filesUnder(DIST);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const secret of [SN_PASSWORD, CLIENT_SECRET, OAUTH_TOKEN, 'sandbox-push-secret']) {
      expect({ file, leaks: text.includes(secret) }).toEqual({ file, leaks: false });
    }
    // @forge/kvs secret storage is server-side only.
    expect({ file, storage: /setSecret|getSecret|\/api\/v1\/secret/.test(text) }).toEqual({
      file,
      storage: false,
    });
  }
});
