/**
 * Issue 17, people (product.md §15), end to end against the sandbox: question 2 asks for a request per
 * data source the production spec lists, in Jira or ServiceNow; success metrics keep the day they were
 * defined, and those defined after the demo are named.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { PilotView } from '../../src/ui-contract';
import { createPilot, fieldId, jira, moveIssue, readinessOf, workstreamKey } from '../support/jira-steps';
import { connectServiceNow, data, panelCall } from '../support/servicenow-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { pathwayEngineer } = SANDBOX_USERS;

const request = (target: 'jira' | 'servicenow', dataSource: string) => ({
  target,
  dataSource,
  stewardAccountId: pathwayEngineer.accountId,
  justification: 'Training data for the triage model',
});

function questionTwo(pilotKey: string) {
  return readinessOf(env.sandbox, pilotKey)?.diagnostic.answers.find((answer) => answer.id === 2);
}

describe('question 2 per data source (§15)', () => {
  it('is yes only once each listed source has a request, in Jira or in ServiceNow', async () => {
    await connectServiceNow(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'Claims triage assistant');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'data-access'), 'in-progress');
    const saved = data(
      await panelCall<PilotView>(env.sandbox, pilot, 'saveProductionSpec', {
        dataSources: ['Claims warehouse', ' Policy events '],
      }),
    );
    expect(saved.productionSpec.dataSources).toEqual(['Claims warehouse', 'Policy events']);
    expect(questionTwo(pilot.key)).toMatchObject({
      yes: false,
      evidence: expect.stringContaining(
        'no request for Claims warehouse, Policy events (0 of 2 listed data sources requested)',
      ),
    });

    data(await panelCall(env.sandbox, pilot, 'requestDataAccess', request('jira', 'Claims warehouse')));
    expect(questionTwo(pilot.key)).toMatchObject({
      yes: false,
      evidence: expect.stringContaining(
        'no request for Policy events (1 of 2 listed data sources requested)',
      ),
    });

    data(await panelCall(env.sandbox, pilot, 'requestDataAccess', request('servicenow', 'Policy events')));
    expect(questionTwo(pilot.key)).toMatchObject({
      yes: true,
      evidence: expect.stringContaining(
        'every listed data source requested (Claims warehouse, Policy events)',
      ),
    });
  });

  it('with no source listed keeps the rule of one ticket, and says no source is listed', async () => {
    const pilot = await createPilot(env.sandbox, 'Invoice matcher');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'data-access'), 'in-progress');
    data(await panelCall(env.sandbox, pilot, 'requestDataAccess', request('jira', 'Invoices')));
    expect(questionTwo(pilot.key)).toMatchObject({
      yes: true,
      evidence: expect.stringMatching(/; no data source listed in the production spec$/),
    });
  });
});

describe('success metrics in the production spec (§15)', () => {
  it('keep the day they were defined while unchanged; one defined after the demo is named in the panel', async () => {
    const pilot = await createPilot(env.sandbox, 'Churn predictor', {
      [await fieldId(env.sandbox, 'Demo sign-off date')]: '2026-03-10',
    });
    const accuracy = { name: 'Accuracy', target: 0.9, unit: '' };
    data(await panelCall(env.sandbox, pilot, 'saveProductionSpec', { successMetrics: [accuracy] }));
    env.sandbox.clock.set('2026-03-20T09:00:00.000Z');
    const view = data(
      await panelCall<PilotView>(env.sandbox, pilot, 'saveProductionSpec', {
        successMetrics: [accuracy, { name: 'Hours saved', target: 20, unit: 'hours a week' }],
        dataSources: ['Customer events'],
      }),
    );
    expect(view.productionSpec.successMetrics).toEqual([
      { ...accuracy, definedOn: '2026-03-02' },
      { name: 'Hours saved', target: 20, unit: 'hours a week', definedOn: '2026-03-20' },
    ]);
    expect(view.metricsDefinedAfterDemo).toEqual(['Hours saved']);
    expect(view.dataSources).toEqual([{ name: 'Customer events', requested: false }]);
    const stored = await jira(
      env.sandbox,
      'GET',
      `/rest/api/3/issue/${pilot.key}/properties/pilot-production-spec`,
    );
    expect(stored.value).toMatchObject({ dataSources: ['Customer events'], latency: '' });
  });
});
