/**
 * The sandbox's real-Jira switches over HTTP (`POST /__sandbox/behaviour`) and the empty seed's
 * pilot projects: AIP (company-managed) and TEAM (team-managed, its own AI Pilot type), both
 * configured through the admin page's own `saveConfiguration` action.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { PM, jira } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { storedValue } from '../support/trust-steps';

const env = useSandbox('empty');

/** Forge's limits on and no latency: the platform's switches after a reset of the empty seed. */
const FORGE_AFTER_RESET = { forgeLimits: true, jiraLatencyMs: 0, serviceNowLatencyMs: 0, kvsLatencyMs: 0 };

async function control(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${env.sandbox.url}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function restAs(accountId: string, method: string, path: string, body?: unknown, contentType = true) {
  const response = await fetch(`${env.sandbox.url}${path}`, {
    method,
    headers: { 'X-Sandbox-User': accountId, ...(contentType ? { 'content-type': 'application/json' } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('POST /__sandbox/behaviour', () => {
  it('switches each real-Jira behaviour, refuses unknown switches, and reset turns them all off', async () => {
    expect(await control('behaviour', { searchLagMs: 1500 })).toEqual({
      status: 200,
      json: expect.objectContaining({ searchLagMs: 1500 }),
    });
    const all = await control('behaviour', { resolutionOnDone: false, strictContentType: true });
    // The answer is every switch as it now stands, the Forge platform's too.
    expect(all.json).toEqual({
      searchLagMs: 1500,
      resolutionOnDone: false,
      strictContentType: true,
      siteTimeZone: 'Etc/UTC',
      serviceNowInvalidQuery: 'ignore',
      ...FORGE_AFTER_RESET,
    });

    const refused = await control('behaviour', { searchLag: 10 });
    expect(refused.status).toBe(400);
    expect(await control('behaviour', { searchLagMs: -1 })).toMatchObject({ status: 400 });

    const created = await restAs(PM, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary: 'Lagging' },
    });
    expect(created.status).toBe(201);
    const search = () =>
      restAs(PM, 'POST', '/rest/api/3/search/jql', { jql: `id = ${String(created.json['id'])}` });
    expect((await search()).json['issues']).toEqual([]);
    const noType = await restAs(PM, 'POST', '/rest/api/3/search/jql', { jql: 'project = AIP' }, false);
    expect(noType.status).toBe(415);

    expect(await control('reset', { seed: 'empty' })).toMatchObject({ status: 200 });
    expect(await control('behaviour', {})).toEqual({
      status: 200,
      json: {
        searchLagMs: 0,
        resolutionOnDone: true,
        strictContentType: false,
        siteTimeZone: 'Etc/UTC',
        serviceNowInvalidQuery: 'ignore',
        ...FORGE_AFTER_RESET,
      },
    });
  });

  it('siteTimeZone: the app’s account and people without their own zone read the site’s; reset puts Etc/UTC back', async () => {
    const asApp = () =>
      env.sandbox.jira.handle(
        { method: 'GET', path: '/rest/api/3/myself', headers: {} },
        { kind: 'app', viaApp: true },
      );
    expect(await control('behaviour', { siteTimeZone: 'Pacific/Auckland' })).toMatchObject({
      status: 200,
      json: { siteTimeZone: 'Pacific/Auckland' },
    });
    expect(JSON.parse((await asApp()).body).timeZone).toBe('Pacific/Auckland');
    expect((await restAs(PM, 'GET', '/rest/api/3/myself')).json['timeZone']).toBe('Pacific/Auckland');
    expect(await control('behaviour', { siteTimeZone: 'Nowhere/Special' })).toMatchObject({ status: 400 });
    await control('reset', { seed: 'empty' });
    expect(JSON.parse((await asApp()).body).timeZone).toBe('Etc/UTC');
  });

  it('reset with siteTimeZone: the app installs on a site in that zone and keeps it', async () => {
    expect(await control('reset', { seed: 'empty', siteTimeZone: 'Pacific/Auckland' })).toMatchObject({
      status: 200,
    });
    const provisioning = env.sandbox.runtime.kvs.snapshot()['provisioning'] as { siteTimeZone: string };
    expect(provisioning.siteTimeZone).toBe('Pacific/Auckland');
    expect(await control('reset', { seed: 'empty', siteTimeZone: 'Atlantis' })).toMatchObject({
      status: 400,
    });
  });
});

describe('GET /__sandbox/notifications', () => {
  it('lists the notifications Jira sent, with the people they reached; reset clears them', async () => {
    const created = await restAs(PM, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { name: 'Task' },
        summary: 'Stalled pilot',
        assignee: { accountId: SANDBOX_USERS.dataScientist.accountId },
      },
    });
    const key = String(created.json['key']);
    const sent = await restAs(PM, 'POST', `/rest/api/3/issue/${key}/notify`, {
      subject: 'Your pilot was killed',
      to: { assignee: true, users: [{ accountId: SANDBOX_USERS.outsider.accountId }] },
    });
    expect(sent.status).toBe(204);
    const listed = await fetch(`${env.sandbox.url}/__sandbox/notifications`);
    expect(await listed.json()).toEqual([
      {
        issue: key,
        to: [SANDBOX_USERS.dataScientist.accountId],
        subject: 'Your pilot was killed',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        reason: 'notify',
      },
    ]);
    await control('reset', { seed: 'empty' });
    expect(await (await fetch(`${env.sandbox.url}/__sandbox/notifications`)).json()).toEqual([]);
  });
});

describe('the empty seed', () => {
  it('configures AIP and TEAM as pilot projects through the admin action', () => {
    const config = storedValue(env.sandbox, 'config') as { pilotProjects: string[] };
    expect(config.pilotProjects).toEqual(['AIP', 'TEAM']);
    const provisioning = env.sandbox.runtime.kvs.snapshot()['provisioning'] as {
      projects: Record<string, { projectId: string; style: string; aiPilotAvailable: boolean }>;
    };
    expect(provisioning.projects).toMatchObject({
      AIP: { projectId: '10000', style: 'company-managed', aiPilotAvailable: true },
      TEAM: { projectId: '10001', style: 'team-managed', aiPilotAvailable: true },
    });
  });

  it('has a person in Pacific/Auckland, who reads timestamps in her zone', async () => {
    const me = await jira(
      env.sandbox,
      'GET',
      '/rest/api/3/myself',
      undefined,
      SANDBOX_USERS.aucklandManager.accountId,
    );
    expect(me.timeZone).toBe('Pacific/Auckland');
    env.sandbox.clock.set('2026-11-21T23:30:00.000Z');
    const created = await jira(env.sandbox, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'TEAM' }, issuetype: { name: 'Task' }, summary: 'Late task' },
    });
    const asAuckland = await jira(
      env.sandbox,
      'GET',
      `/rest/api/3/issue/${created.key}?fields=created`,
      undefined,
      SANDBOX_USERS.aucklandManager.accountId,
    );
    expect(asAuckland.fields.created).toMatch(/^2026-11-22T12:30:\d\d\.\d{3}\+1300$/);
  });
});
