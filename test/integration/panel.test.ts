/**
 * The panel's resolvers as Jira's Custom UI bridge calls them (issue context from Forge, the viewer's
 * account), against the sandbox: reads with the viewer's permissions, validated actions, plain errors.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { NoSuchModuleContext } from '../../sandbox/forge/ui-invocations';
import type { Sandbox } from '../../sandbox/server';
import type { PanelView, PilotView, ResolverResult } from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  fieldId,
  generatedIssues,
  jira,
  readinessOf,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { callPortfolio } from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';
import { storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

const { projectManager, outsider, admin, pathwayEngineer, formerEmployee } = SANDBOX_USERS;

async function callPanel<T>(
  issue: { id: string; key: string },
  functionKey: string,
  payload: unknown = {},
  accountId: string = projectManager.accountId,
): Promise<ResolverResult<T>> {
  const result = (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey,
    payload,
    accountId,
    extension: {
      type: 'jira:issuePanel',
      issue: { id: issue.id, key: issue.key, type: 'AI Pilot' },
      project: { id: '10000', key: 'AIP' },
    },
  } as Parameters<Sandbox['runtime']['invokeResolver']>[0])) as ResolverResult<T>;
  await env.sandbox.idle();
  return result;
}

const data = <T>(result: ResolverResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

describe('reading the panel', () => {
  it('shows a pilot to someone who may browse it, computed live', async () => {
    const pilot = await createPilot(env.sandbox, 'Readable pilot');
    const view = data(await callPanel<PanelView>(pilot, 'getPanel')) as PilotView;
    expect(view).toMatchObject({ kind: 'pilot', key: pilot.key, generated: true });
    expect(view.readiness).toMatchObject({ score: 0, band: 'purgatory' });
    expect(view.workstreams.map((row) => row.key)).not.toContain(null);
  });

  it('gives the issue context the stored readiness with no Jira call', async () => {
    const pilot = await createPilot(env.sandbox, 'Compact pilot');
    site(env.sandbox).resetMetrics();
    const view = data(await callPanel<PanelView>(pilot, 'getPanel', { compact: true })) as PilotView;
    expect(site(env.sandbox).metrics().calls).toBe(0);
    expect(view.readiness).toEqual(readinessOf(env.sandbox, pilot.key));
    expect(view.milestones.map((milestone) => milestone.target)).toContain('2026-05-18');
    const refused = await callPanel<PanelView>(pilot, 'getPanel', { compact: 'yes' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('is never rendered for a user who cannot see the pilot: the call does not reach the app', async () => {
    const pilot = await createPilot(env.sandbox, 'Secret pilot');
    site(env.sandbox).resetMetrics();
    await expect(callPanel<PanelView>(pilot, 'getPanel', {}, outsider.accountId)).rejects.toThrow(
      NoSuchModuleContext,
    );
    expect(site(env.sandbox).metrics().calls).toBe(0);
  });

  it('repeats the display condition on the server: a plain task gets a clear refusal', async () => {
    const task = await createIssue(env.sandbox, 'AIP', 'Task', 'Just a task');
    const result = await callPanel<PanelView>(task, 'getPanel');
    expect(result).toMatchObject({ ok: false, error: { code: 'not-a-pilot' } });
  });
});

describe('requesting data access from the panel', () => {
  it('refuses bad input field by field and creates nothing', async () => {
    const pilot = await createPilot(env.sandbox, 'Data-hungry pilot');
    const before = site(env.sandbox).issues().length;
    const missing = await callPanel(pilot, 'requestDataAccess', {
      target: 'jira',
      dataSource: '',
      stewardAccountId: '',
      justification: 'short',
    });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fieldErrors: {
          dataSource: 'Name the data source',
          stewardAccountId: 'Choose the data steward',
          justification: expect.stringMatching(/at least 10 characters/),
        },
      },
    });
    const inactive = await callPanel(pilot, 'requestDataAccess', {
      target: 'jira',
      dataSource: 'Claims warehouse',
      stewardAccountId: formerEmployee.accountId,
      justification: 'Training data for the triage model',
    });
    expect(inactive).toMatchObject({
      ok: false,
      error: { fieldErrors: { stewardAccountId: expect.stringMatching(/deactivated/) } },
    });
    expect(site(env.sandbox).issues()).toHaveLength(before);
  });

  it('files a Jira ticket linked with the Data access link type, and readiness counts it', async () => {
    const pilot = await createPilot(env.sandbox, 'Data-hungry pilot');
    const filed = data(
      await callPanel<{ key: string; view: PilotView }>(pilot, 'requestDataAccess', {
        target: 'jira',
        dataSource: 'Claims warehouse',
        stewardAccountId: pathwayEngineer.accountId,
        justification: 'Training data for the triage model',
      }),
    );
    const ticket = site(env.sandbox).issue(filed.key);
    expect(ticket).toMatchObject({
      summary: `Data access: Claims warehouse for ${pilot.key}`,
      assigneeAccountId: pathwayEngineer.accountId,
    });
    const link = site(env.sandbox)
      .issueLinks()
      .find((candidate) => candidate.type === 'Data access');
    expect([link?.sourceKey, link?.destinationKey].sort()).toEqual([filed.key, pilot.key].sort());
    expect(filed.view.dataAccess).toEqual([
      expect.objectContaining({ source: 'jira', key: filed.key, state: 'requested', ageDays: 0 }),
    ]);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({
      score: 6,
      dataAccess: { total: 1, requested: 1 },
    });
  });
});

describe('finding people for the data steward picker', () => {
  type Person = { accountId: string; displayName: string; active: boolean };

  it('finds people by name as the viewer, deactivated ones flagged, never the app', async () => {
    const pilot = await createPilot(env.sandbox, 'People pilot');
    expect(data(await callPanel<Person[]>(pilot, 'findPeople', { query: 'pat' }))).toEqual([
      { accountId: pathwayEngineer.accountId, displayName: 'Pat Pathway', active: true },
    ]);
    expect(data(await callPanel<Person[]>(pilot, 'findPeople', { query: ' F ' }))).toEqual([
      { accountId: formerEmployee.accountId, displayName: 'Fay Former', active: false },
    ]);
    expect(data(await callPanel<Person[]>(pilot, 'findPeople', { query: 'pilot' }))).toEqual([]);
  });

  it('gives the outsider the people Jira gives them: user search needs no project permission', async () => {
    // From the portfolio page: the panel of a pilot the outsider cannot see is never rendered for them.
    const asOutsider = data(
      await callPortfolio<Person[]>(env.sandbox, 'findPeople', { query: 'p' }, outsider.accountId),
    );
    const fromJira = await jira(
      env.sandbox,
      'GET',
      '/rest/api/3/user/search?query=p',
      undefined,
      outsider.accountId,
    );
    expect(asOutsider.map((person) => person.accountId)).toEqual(
      fromJira.map((person: Person) => person.accountId),
    );
    expect(asOutsider.map((person) => person.displayName)).toEqual(['Pat Pathway', 'Priya PM']);
  });

  it('refuses a blank or overlong query in plain words, asking Jira nothing', async () => {
    const pilot = await createPilot(env.sandbox, 'People pilot');
    site(env.sandbox).resetMetrics();
    for (const payload of [{ query: '   ' }, {}, { query: 'x'.repeat(101) }]) {
      const refused = await callPanel(pilot, 'findPeople', payload);
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', fieldErrors: { query: expect.any(String) } },
      });
    }
    expect(site(env.sandbox).metrics().byOperation['findUsers']).toBeUndefined();
  });
});

describe('waivers', () => {
  const waiver = {
    milestone: 'demo-sign-off',
    criterion: { type: 'workstream', row: 'model-validation' },
    reason: 'Model validated by the vendor; we accept their report',
    expires: '2026-03-31',
  };

  it('only a decider may grant one, checked on the server: being the production owner gives no right', async () => {
    const pilot = await createPilot(env.sandbox, 'Waiver pilot');
    const refused = await callPanel(pilot, 'grantWaiver', waiver);
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    expect(storedValue(env.sandbox, `pilot:${pilot.id}:governance`)).toBeUndefined();

    // The project manager makes themself the pilot's production owner (any editor can): still refused.
    const owner = await fieldId(env.sandbox, 'Production owner');
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { [owner]: { accountId: projectManager.accountId } },
    });
    await env.sandbox.idle();
    const stillRefused = await callPanel<PilotView>(pilot, 'grantWaiver', waiver);
    expect(stillRefused).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    expect(storedValue(env.sandbox, `pilot:${pilot.id}:governance`)).toBeUndefined();
    const granted = await callPanel<PilotView>(pilot, 'grantWaiver', waiver, admin.accountId);
    expect(granted.ok).toBe(true);
  });

  it('a waiver makes its gate pass until it expires, and is in the audit log', async () => {
    const pilot = await createPilot(env.sandbox, 'Waiver pilot');
    const view = data(await callPanel<PilotView>(pilot, 'grantWaiver', waiver, admin.accountId));
    expect(view.gates.find((gate) => gate.milestone === 'demo-sign-off')).toMatchObject({
      passed: true,
      waived: true,
    });
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(6); // a waived row earns full credit
    const audit = Object.entries(env.sandbox.runtime.kvs.snapshot()).filter(([key]) =>
      key.startsWith(`audit:${pilot.id}:`),
    );
    expect(audit.map(([, entry]) => (entry as { action: string }).action)).toContain('waiver');

    // The expiry date (31 March) is the first day the gate blocks again.
    env.sandbox.clock.set('2026-03-31T09:00:00.000Z');
    await fetch(`${env.sandbox.url}/__sandbox/scheduled/daily-readiness-trigger`, { method: 'POST' });
    await env.sandbox.idle();
    const gate = readinessOf(env.sandbox, pilot.key)?.gates.find(
      (candidate) => candidate.milestone === 'demo-sign-off',
    );
    expect(gate).toMatchObject({ passed: false, waived: false });
  });

  it('refuses a waiver that expired already, with the reason, storing nothing', async () => {
    const pilot = await createPilot(env.sandbox, 'Waiver pilot');
    const result = await callPanel(
      pilot,
      'grantWaiver',
      { ...waiver, expires: '2026-03-01' },
      admin.accountId,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/must be after today/) },
    });
    expect(storedValue(env.sandbox, `pilot:${pilot.id}:governance`)).toBeUndefined();
  });
});

describe('retrying generation', () => {
  it('creates only what is missing once the cause is fixed', async () => {
    site(env.sandbox).configureProject('AIP', { subtasksEnabled: false });
    const pilot = await createPilot(env.sandbox, 'Retry pilot');
    expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(0);
    const stuck = data(await callPanel<PanelView>(pilot, 'getPanel')) as PilotView;
    expect(stuck.generationProblems).toHaveLength(8);

    site(env.sandbox).configureProject('AIP', { subtasksEnabled: true });
    const view = data(await callPanel<PilotView>(pilot, 'retryGeneration'));
    expect(view.generationProblems).toEqual([]);
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    expect([workstreams.length, reviews.length]).toEqual([8, 5]);
    expect(site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'monitoring'))?.dueDate).toBe(
      '2026-05-25',
    );
  });
});

describe('the collapsed issue context lozenge', () => {
  it('shows the stored score and band of a pilot', async () => {
    const pilot = await createPilot(env.sandbox, 'Lozenge pilot');
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { [await fieldId(env.sandbox, 'Kickoff date')]: '2026-03-02' },
    });
    await env.sandbox.idle();
    const properties = (await env.sandbox.runtime.invokeDynamicProperties({
      moduleKey: 'readiness-context',
      accountId: projectManager.accountId,
      extension: { type: 'jira:issueContext', issue: { id: pilot.id, key: pilot.key, type: 'AI Pilot' } },
    } as Parameters<Sandbox['runtime']['invokeDynamicProperties']>[0])) as {
      status: { value: { label: string } };
    };
    expect(properties.status.value.label).toBe('0 · purgatory');
  });
});
