/**
 * ServiceNow as input, never proof (product.md §12, §14): a record counts only when the app filed it;
 * a push is a hint the app checks with ServiceNow; stored secrets go only to the host they were
 * entered for; a failed Jira write after a ServiceNow success leaves the pilot queued, never stale;
 * a rejected request can be filed again; ages stop at the decision; stored lists stay bounded.
 */
import { signPush } from '../../sandbox/servicenow/push';
import type {
  PilotView,
  ServiceNowConnectionTest,
  ServiceNowSettingsInput,
  ServiceNowSettingsView,
} from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  jira,
  linkDataAccess,
  moveIssue,
  readinessOf,
  site,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import {
  FILING,
  adminCall,
  connectServiceNow,
  data,
  defaultSettings,
  enablePush,
  injectServiceNowFault,
  panelCall,
  runPoll,
  stewardChanges,
} from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

type Filed = { key: string; view: PilotView };
const records = () => env.sandbox.servicenow.records('sc_req_item');
const fileRequest = (pilot: { id: string; key: string }, dataSource: string = FILING.dataSource) =>
  panelCall<Filed>(env.sandbox, pilot, 'requestDataAccess', { ...FILING, dataSource });
const panel = (pilot: { id: string; key: string }) =>
  panelCall<PilotView>(env.sandbox, pilot, 'getPanel').then(data);

describe('provenance: a record counts only when the app filed it', () => {
  it('a record someone else made with the app’s correlation fields is never adopted, polled in or counted', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Provenance pilot');
    const forged = env.sandbox.servicenow.createAsUser(
      'sc_req_item',
      {
        correlation_id: pilot.id,
        correlation_display: 'Pilot Pathway',
        short_description: `Data access: ${FILING.dataSource} for ${pilot.key}`,
        state: '3',
      },
      'mallory',
    );
    const filed = data(await fileRequest(pilot));
    expect(filed.key).not.toBe(forged.number);
    const ours = records().find((record) => record.number === filed.key);
    expect(ours).toMatchObject({ sys_created_by: 'pilot.pathway', state: '1' });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({
      score: 6,
      dataAccess: { total: 1, requested: 1, approved: 0 },
    });
    // Changed again in ServiceNow, it is polled like any record of the app's correlation: still not counted.
    await stewardChanges(env.sandbox, forged.sys_id!, { state: '3' });
    env.sandbox.clock.advance(5 * 60_000);
    await runPoll(env.sandbox);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, approved: 0 } });
    expect((await panel(pilot)).dataAccess.map((ticket) => ticket.key)).toEqual([filed.key]);
  });

  it('a lost answer is healed by adopting the app’s own record, never the look-alike beside it', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Lost answer pilot');
    env.sandbox.servicenow.createAsUser(
      'sc_req_item',
      {
        correlation_id: pilot.id,
        correlation_display: 'Pilot Pathway',
        short_description: `Data access: ${FILING.dataSource} for ${pilot.key}`,
        state: '3',
      },
      'mallory',
    );
    await injectServiceNowFault(env.sandbox, {
      rate: 1,
      status: 504,
      match: 'POST /api/now/table/sc_req_item',
      lostResponse: true,
      times: 1,
    });
    const filed = data(await fileRequest(pilot));
    const created = records().filter((record) => record.sys_created_by === 'pilot.pathway');
    expect(created).toHaveLength(1);
    expect(filed.key).toBe(created[0]?.number);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, approved: 0 } });
  });
});

describe('a push is a hint: the app reads the record back', () => {
  it('a validly signed push claiming approval (sys_mod_count 999) changes nothing ServiceNow does not say, and later real changes apply', async () => {
    await connectServiceNow(env.sandbox);
    const secret = await enablePush(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Pushed pilot');
    data(await fileRequest(pilot));
    const record = records()[0]!;
    const body = JSON.stringify({
      table: 'sc_req_item',
      sys_id: record.sys_id,
      number: record.number,
      state: '3',
      sys_mod_count: 999,
    });
    const now = String(Math.floor(env.sandbox.clock.now().getTime() / 1000));
    env.sandbox.servicenow.resetMetrics();
    const pushed = await env.sandbox.runtime.invokeWebTrigger('servicenow-webhook', {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/json',
        'x-pilot-pathway-timestamp': now,
        'x-pilot-pathway-signature': signPush(secret, now, body),
      },
      body,
    });
    await env.sandbox.idle();
    expect(pushed.statusCode).toBe(200);
    expect(env.sandbox.servicenow.metrics().calls).toBe(1); // the one read back
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 6, dataAccess: { requested: 1 } });

    await stewardChanges(env.sandbox, record.sys_id!, { state: '2' });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { inProgress: 1 } });
    await stewardChanges(env.sandbox, record.sys_id!, { state: '3' });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 25, dataAccess: { approved: 1 } });
  });
});

describe('secrets go only to the host they were entered for', () => {
  const OTHER_HOST = 'https://other-instance.service-now.com';

  it('saving another instance URL without the secret is refused; with it, the old one is gone', async () => {
    await connectServiceNow(env.sandbox);
    const moved: ServiceNowSettingsInput = { ...defaultSettings(env.sandbox), instanceUrl: OTHER_HOST };
    delete (moved.auth as { password?: string }).password;
    const refused = await adminCall<ServiceNowSettingsView>(env.sandbox, 'saveServiceNowSettings', moved);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fieldErrors: { 'auth.password': expect.stringMatching(/other-instance\.service-now\.com/) },
      },
    });
    const kept = data(await adminCall<ServiceNowSettingsView>(env.sandbox, 'getServiceNowSettings'));
    expect(kept.connection?.instanceUrl).toBe(defaultSettings(env.sandbox).instanceUrl);
    expect(kept.secrets.password).toBe(true);
    const secrets = () => env.sandbox.runtime.kvs.snapshot('secret');
    expect(secrets()['servicenow:password']).toBe('sandbox-password');

    const entered = {
      ...moved,
      auth: { kind: 'basic' as const, username: 'pilot.pathway', password: 'new-one' },
    };
    data(await adminCall<ServiceNowSettingsView>(env.sandbox, 'saveServiceNowSettings', entered));
    expect(secrets()['servicenow:password']).toBe('new-one');
  });

  it('"Test connection" tests what is typed: a new host is never sent the saved password', async () => {
    await connectServiceNow(env.sandbox);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const typed = { ...defaultSettings(env.sandbox), instanceUrl: OTHER_HOST };
      delete (typed.auth as { password?: string }).password;
      const test = data(
        await adminCall<ServiceNowConnectionTest>(env.sandbox, 'testServiceNowConnection', typed),
      );
      expect(test).toMatchObject({
        ok: false,
        checks: [{ ok: false, message: expect.stringMatching(/Enter the password/) }],
      });
      expect(logged.mock.calls.flat().join('\n')).not.toContain('other-instance.service-now.com');
      // The typed values are what is tested: the saved host with a wrong typed password fails sign-in.
      const wrong = {
        ...defaultSettings(env.sandbox),
        auth: { kind: 'basic', username: 'pilot.pathway', password: 'not-the-password' },
      };
      const signIn = data(
        await adminCall<ServiceNowConnectionTest>(env.sandbox, 'testServiceNowConnection', wrong),
      );
      expect(signIn.checks.find((check) => check.name === 'Sign-in')).toMatchObject({ ok: false });
      // The saved host with no secret typed uses the saved one.
      const saved = { ...defaultSettings(env.sandbox) };
      delete (saved.auth as { password?: string }).password;
      expect(
        data(await adminCall<ServiceNowConnectionTest>(env.sandbox, 'testServiceNowConnection', saved)),
      ).toMatchObject({ ok: true });
    } finally {
      logged.mockRestore();
    }
  });
});

describe('a failed Jira write after a ServiceNow success', () => {
  it('files, says so, and leaves the pilot queued with a panel note until Jira answers', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Filed while Jira fails');
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // Jira's searches refused for a while (the app's quota spent): no search answers.
      site(env.sandbox).setFaults([
        { rate: 1, status: 429, retryAfter: 120, match: '/rest/api/3/search/jql' },
      ]);
      const filed = await fileRequest(pilot);
      expect(filed).toMatchObject({ ok: true, data: { key: records()[0]?.number } });
      const view = (filed as { data: Filed }).data.view;
      expect(view.generationProblems.join(' ')).toMatch(/readiness .*out of date/i);
      env.sandbox.clock.advance(5 * 60_000);
      await runPoll(env.sandbox);
      expect(readinessOf(env.sandbox, pilot.key)?.dataAccess.total).toBe(0);
      site(env.sandbox).clearFaults();
      env.sandbox.clock.advance(24 * 60 * 60_000);
      await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
      await env.sandbox.idle();
      expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, requested: 1 } });
      expect((await panel(pilot)).generationProblems).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('a filing whose link to the pilot failed', () => {
  it('is linked when the request is filed again, and nothing is filed twice', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Pilot whose link failed');
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      site(env.sandbox).setFaults([{ rate: 1, times: 1, status: 500, match: '/remotelink' }]);
      expect((await fileRequest(pilot)).ok).toBe(false);
      site(env.sandbox).clearFaults();
    } finally {
      logged.mockRestore();
    }
    const again = data(await fileRequest(pilot));
    expect(records()).toHaveLength(1);
    const links = (await jira(env.sandbox, 'GET', `/rest/api/3/issue/${pilot.key}/remotelink`)) as Array<{
      object: { title: string };
    }>;
    expect(links.map((link) => link.object.title)).toEqual([expect.stringContaining(again.key)]);
  });
});

describe('a rejected request does not block for ever', () => {
  it('filing again for the same data source files a new request; only the newest counts, the old one stays in the history', async () => {
    await connectServiceNow(env.sandbox);
    await enablePush(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Rejected then refiled');
    const first = data(await fileRequest(pilot));
    await stewardChanges(env.sandbox, records()[0]!.sys_id!, { state: '4' });
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ dataAccess: { total: 1, rejected: 1 } });
    const second = data(await fileRequest(pilot));
    expect(second.key).not.toBe(first.key);
    expect(records()).toHaveLength(2);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({
      score: 6,
      dataAccess: { total: 1, requested: 1, rejected: 0 },
    });
    const view = await panel(pilot);
    expect(view.dataAccess.map((ticket) => ticket.key)).toEqual([second.key]);
    expect(view.serviceNow?.history).toEqual([
      expect.objectContaining({ key: first.key, state: 'rejected' }),
    ]);
    // Filing again while the new one is open finds it: nothing filed twice.
    expect(data(await fileRequest(pilot)).key).toBe(second.key);
    expect(records()).toHaveLength(2);
  });
});

describe('"open for N days" stops at the decision', () => {
  it('counts from filing to approval, in ServiceNow and in Jira alike', async () => {
    await connectServiceNow(env.sandbox);
    await enablePush(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Aging pilot');
    const filed = data(await fileRequest(pilot));
    const ticket = await createIssue(env.sandbox, 'AIP', 'Task', 'Data access: Claims lake');
    await linkDataAccess(env.sandbox, pilot.key, ticket.key);
    env.sandbox.clock.advance(3 * 24 * 60 * 60_000);
    await stewardChanges(env.sandbox, records()[0]!.sys_id!, { state: '3' });
    env.sandbox.clock.advance(2 * 24 * 60 * 60_000);
    await moveIssue(env.sandbox, ticket.key, 'done');
    env.sandbox.clock.advance(7 * 24 * 60 * 60_000);
    const ages = Object.fromEntries(
      (await panel(pilot)).dataAccess.map((access) => [access.key, [access.state, access.ageDays]]),
    );
    expect(ages).toEqual({ [filed.key]: ['approved', 3], [ticket.key]: ['approved', 5] });
  });
});

describe('stored ServiceNow state stays bounded', () => {
  it('110 look-alike remote links with long titles are kept in a small value and the pilot stays current', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Crowded pilot');
    data(await fileRequest(pilot));
    for (let index = 0; index < 110; index += 1) {
      await jira(env.sandbox, 'POST', `/rest/api/3/issue/${pilot.key}/remotelink`, {
        globalId: `pilot-pathway:servicenow:evil.service-now.com:sc_req_item:${String(index).padStart(32, '0')}`,
        object: { url: `https://evil.service-now.com/${index}`, title: `RITM${index} ${'x'.repeat(2000)}` },
      });
    }
    await fileRequest(pilot, 'Second source'); // files, and recomputes reading the links
    const stored = {
      ...env.sandbox.runtime.kvs.snapshot(),
      ...env.sandbox.runtime.kvs.snapshot('entity:versioned-record'),
    };
    const sizes = Object.entries(stored).map(([key, value]) => [key, JSON.stringify(value).length] as const);
    expect(sizes.filter(([, size]) => size > 32 * 1024)).toEqual([]);
    const view = await panel(pilot);
    expect(view.readiness.dataAccess.total).toBe(2);
    expect(view.serviceNow?.ignoredLinks.length).toBeLessThanOrEqual(20);
    expect(view.serviceNow?.moreIgnoredLinks).toBe(110 - (view.serviceNow?.ignoredLinks.length ?? 0));
    expect(view.serviceNow?.ignoredLinks[0]?.title.length).toBeLessThanOrEqual(200);
  });

  it('refuses a request past the pilot’s limit by name, changing nothing', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Busy pilot');
    for (let index = 1; index <= 50; index += 1) {
      // A person files them one by one, not fifty in a minute.
      env.sandbox.clock.advance(60_000);
      data(await fileRequest(pilot, `Source ${index}`));
    }
    const count = records().length;
    const refused = await fileRequest(pilot, 'Source 51');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/50 ServiceNow requests/) },
    });
    expect(records()).toHaveLength(count);
  });
});
