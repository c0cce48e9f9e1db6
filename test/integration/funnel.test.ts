/**
 * The portfolio's funnel (product.md §11): the day a gate passed comes from the evidence (the demo
 * gate: the demo date of §9; the others: the day their last criterion was met), never the day the app
 * happened to recompute; who blocked a gate longest is counted in pilot-days, naming the owner team for
 * workstreams, the reviewer team for reviews and "data stewards" for data access.
 */
import type { PortfolioView } from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  fieldId,
  linkDataAccess,
  moveIssue,
  reviewKey,
  workstreamKey,
} from '../support/jira-steps';
import { AIP_PROJECT_PAGE, dataOf, invokeResolver } from '../support/resolvers';
import { useSandbox } from '../support/sandbox-lifecycle';
import { SANDBOX_USERS } from '../../sandbox/contracts';

const env = useSandbox('empty', { clock: '2026-01-05T09:00:00.000Z' });

async function funnel() {
  env.sandbox.clock.set('2026-03-02T09:00:00.000Z');
  const view = dataOf(
    await invokeResolver<PortfolioView>(env.sandbox, {
      moduleKey: 'portfolio-page',
      functionKey: 'getPortfolio',
      accountId: SANDBOX_USERS.projectManager.accountId,
      extension: AIP_PROJECT_PAGE,
    }),
  );
  return (milestone: string) => view.funnel.find((stage) => stage.milestone === milestone);
}

it('dates the demo gate by the demo date, and the others by the day their last criterion was met', async () => {
  const kickoff = await fieldId(env.sandbox, 'Kickoff date');
  const demo = await fieldId(env.sandbox, 'Demo sign-off date');
  // Demoed on 2 February (day 28); its model work was marked done only on 2 March.
  const signedOff = await createPilot(env.sandbox, 'Signed-off pilot', {
    [kickoff]: '2026-01-05',
    [demo]: '2026-02-02',
  });
  // No Demo sign-off date: the demo is the day model validation was done, 16 February (day 42).
  const worked = await createPilot(env.sandbox, 'Worked pilot', { [kickoff]: '2026-01-05' });
  env.sandbox.clock.set('2026-02-16T09:00:00.000Z');
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, worked.id, 'model-validation'), 'done');
  env.sandbox.clock.set('2026-03-02T08:00:00.000Z');
  await moveIssue(env.sandbox, workstreamKey(env.sandbox, signedOff.id, 'model-validation'), 'done');
  expect((await funnel())('demo-sign-off')).toMatchObject({ passed: 2, medianDaysToPass: 35 });
});

it('names who blocked a gate longest, in pilot-days: a reviewer team for reviews', async () => {
  const kickoff = await fieldId(env.sandbox, 'Kickoff date');
  const pilot = await createPilot(env.sandbox, 'Reviewed pilot', { [kickoff]: '2026-01-05' });
  env.sandbox.clock.set('2026-01-06T09:00:00.000Z');
  for (const row of ['data-access', 'security-compliance'])
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, row), 'done');
  for (const kind of ['security', 'compliance', 'privacy', 'infrastructure'])
    await moveIssue(env.sandbox, reviewKey(env.sandbox, pilot.id, kind), 'done');
  const ticket = await createIssue(env.sandbox, 'AIP', 'Task', 'Data access: claims warehouse');
  await linkDataAccess(env.sandbox, pilot.key, ticket.key);
  await moveIssue(env.sandbox, ticket.key, 'done');
  // The legal review stays open until the portfolio is read on 2 March: 56 days from kickoff.
  expect((await funnel())('production-deployment')).toMatchObject({
    passed: 0,
    blockedLongest: { who: 'Legal team', pilotDays: 56 },
  });
});
