/**
 * Issue 17, people (product.md §15), end to end against the sandbox: question 2 asks for a request per
 * data source the production spec lists, in Jira or ServiceNow; success metrics keep the day they were
 * defined, and those defined after the demo are named; 90 days after go-live a decider records the value
 * review on the portfolio, and a pilot past it without one is flagged.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { PilotView, PortfolioView, ValueReviewResult } from '../../src/ui-contract';
import {
  ADMIN,
  PM,
  createPilot,
  fieldId,
  graduatePilot,
  jira,
  jqlKeys,
  letSearchCatchUp,
  moveIssue,
  readinessOf,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { callPortfolio } from '../support/resolver-calls';
import { connectServiceNow, data, panelCall } from '../support/servicenow-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { fingerprintDifferences, stateFingerprint } from '../support/state-fingerprint';

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

describe('the value review after go-live (§15)', () => {
  const GO_LIVE = '2026-03-02';
  const metrics = [
    { name: 'Claims triaged a day', target: 400, unit: 'claims' },
    { name: 'Accuracy', target: 0.9, unit: '' },
  ];
  const review = (pilotKey: string, outcome = 'partly') => ({
    pilotKey,
    review: {
      outcome,
      measured: [
        { metric: 'Claims triaged a day', value: 310 },
        { metric: 'Accuracy', value: 0.93 },
      ],
      note: 'Volume below target while the second region onboards',
    },
  });

  /** A pilot that went live today with two success metrics. */
  async function livePilot(summary: string) {
    const pilot = await createPilot(env.sandbox, summary);
    data(await panelCall(env.sandbox, pilot, 'saveProductionSpec', { successMetrics: metrics }));
    await graduatePilot(env.sandbox, pilot);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({
      graduated: true,
      valueReview: { status: 'awaiting', goLiveDate: GO_LIVE, opensOn: '2026-05-31' },
      valueReviewDue: false,
    });
    return pilot;
  }

  async function dayAfterGoLive(days: number) {
    env.sandbox.clock.set(new Date(Date.parse(`${GO_LIVE}T09:00:00.000Z`) + days * 86_400_000).toISOString());
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    await env.sandbox.idle();
  }

  it('is flagged past go-live + 90 days by the daily job, listed on the portfolio, and lifted by a review', async () => {
    const pilot = await livePilot('Claims triage assistant');
    await dayAfterGoLive(90);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({
      valueReview: { status: 'awaiting' },
      valueReviewDue: false,
    });
    expect(
      data(await callPortfolio<PortfolioView>(env.sandbox, 'getPortfolio', {}, ADMIN)).valueReviews,
    ).toEqual([expect.objectContaining({ key: pilot.key, overdue: false, opensOn: '2026-05-31' })]);

    await dayAfterGoLive(91);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({
      valueReview: { status: 'due' },
      valueReviewDue: true,
    });
    // Someone searching later, when the index has the job's write.
    letSearchCatchUp(env.sandbox);
    expect(await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].valueReviewDue = "true"')).toEqual([
      pilot.key,
    ]);
    const portfolio = data(await callPortfolio<PortfolioView>(env.sandbox, 'getPortfolio', {}, ADMIN));
    expect(portfolio.valueReviews).toEqual([
      {
        key: pilot.key,
        summary: 'Claims triage assistant',
        goLiveDate: GO_LIVE,
        opensOn: '2026-05-31',
        overdue: true,
        successMetrics: metrics.map((metric) => ({ ...metric, definedOn: GO_LIVE })),
      },
    ]);
    expect(portfolio.rows.find((row) => row.key === pilot.key)).toMatchObject({
      valueReviewDue: true,
      band: 'ready',
    });

    const recorded = data(
      await callPortfolio<ValueReviewResult>(
        env.sandbox,
        'recordValueReview',
        review(pilot.key, 'delivering'),
        ADMIN,
      ),
    );
    expect(recorded.readiness).toMatchObject({
      valueReview: { status: 'reviewed', outcome: 'delivering', reviewedOn: '2026-06-01' },
      valueReviewDue: false,
    });
    expect(recorded.review.measured).toEqual([
      { metric: 'Claims triaged a day', target: 400, unit: 'claims', measured: 310 },
      { metric: 'Accuracy', target: 0.9, unit: '', measured: 0.93 },
    ]);
    const after = data(await callPortfolio<PortfolioView>(env.sandbox, 'getPortfolio', {}, ADMIN));
    expect(after.valueReviews).toEqual([]);
    expect(after.outcomes).toMatchObject({ live: 1, reviewed: 1, deliveringValue: 1 });

    // Audited, commented on the pilot, and shown on its panel.
    const panel = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(panel.valueReview).toMatchObject({
      state: { status: 'reviewed', outcome: 'delivering' },
      latest: { outcome: 'delivering', reviewedByName: 'Ada Admin', note: review(pilot.key).review.note },
    });
    expect(panel.audit?.[0]).toMatchObject({
      action: 'value-review',
      summary: expect.stringMatching(
        /^Value review: Delivering value\. Measured: Claims triaged a day 310 \(target 400 claims\)/,
      ),
    });
    expect(JSON.stringify(site(env.sandbox).issue(pilot.key)?.comments.at(-1)?.body)).toContain(
      'Value review: Delivering value.',
    );
  });

  it('a retry of the same review records it once', async () => {
    const pilot = await livePilot('Invoice matcher');
    await dayAfterGoLive(95);
    data(await callPortfolio(env.sandbox, 'recordValueReview', review(pilot.key), ADMIN));
    data(await callPortfolio(env.sandbox, 'recordValueReview', review(pilot.key), ADMIN));
    const panel = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(panel.audit?.filter((entry) => entry.action === 'value-review')).toHaveLength(1);
  });

  it('refuses before day 90, to someone who is not a decider, and an incomplete review, changing nothing', async () => {
    const pilot = await livePilot('Churn predictor');
    await dayAfterGoLive(89);
    expect(await callPortfolio(env.sandbox, 'recordValueReview', review(pilot.key), ADMIN)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: `${pilot.key} went live on ${GO_LIVE}: its value review opens on 2026-05-31.`,
      },
    });
    await dayAfterGoLive(92);
    const before = stateFingerprint(env.sandbox);
    expect(await callPortfolio(env.sandbox, 'recordValueReview', review(pilot.key), PM)).toMatchObject({
      ok: false,
      error: {
        code: 'no-permission',
        message: expect.stringMatching(/^Only a decider can record a value review\. Deciders: Jira admins/),
      },
    });
    const incomplete = review(pilot.key);
    incomplete.review.measured = [
      { metric: 'Accuracy', value: 0.5 },
      { metric: 'Revenue', value: 3 },
    ];
    expect(await callPortfolio(env.sandbox, 'recordValueReview', incomplete, ADMIN)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fieldErrors: {
          measured:
            '"Revenue" is not a success metric of this pilot; Give the measured value of Claims triaged a day',
        },
      },
    });
    expect(
      await callPortfolio(
        env.sandbox,
        'recordValueReview',
        { pilotKey: pilot.key, review: { measured: [], note: '' } },
        ADMIN,
      ),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { outcome: 'Choose delivering, partly or not delivering' } },
    });
    expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
  });

  it('refuses a pilot that has not gone live', async () => {
    const pilot = await createPilot(env.sandbox, 'Fraud alerts');
    expect(await callPortfolio(env.sandbox, 'recordValueReview', review(pilot.key), ADMIN)).toMatchObject({
      ok: false,
      error: {
        message: `${pilot.key} has not gone live: a value review follows 90 days after production go-live passes.`,
      },
    });
  });
});
