/**
 * Issue security levels (docs/security.md): the portfolio, the global page and the gadget serve their
 * pilots from stored entries, and a pilot set at a security level is shown only to someone Jira shows
 * it to (asked as the viewer, in bulk). A project whose pilots have no level costs one Jira call.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { GadgetView, GlobalPortfolioView, PortfolioView } from '../../src/ui-contract';
import { createPilot, jira, site } from '../support/jira-steps';
import { callGadget, callGlobal } from '../support/resolver-calls';
import { AIP_PROJECT_PAGE, dataOf, invokeResolver } from '../support/resolvers';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { projectManager, dataScientist } = SANDBOX_USERS;

async function portfolioKeys(accountId: string): Promise<string[]> {
  const view = dataOf(
    await invokeResolver<PortfolioView>(env.sandbox, {
      moduleKey: 'portfolio-page',
      functionKey: 'getPortfolio',
      payload: {},
      accountId,
      extension: AIP_PROJECT_PAGE,
    }),
  );
  return view.rows.map((row) => row.key);
}

async function globalKeys(accountId: string): Promise<string[]> {
  const view = dataOf(
    await callGlobal<GlobalPortfolioView>(env.sandbox, 'getGlobalPortfolio', {}, accountId),
  );
  return view.projects.flatMap((project) => project.rows.map((row) => row.key));
}

async function gadgetPilots(accountId: string): Promise<number> {
  return dataOf(await callGadget<GadgetView>(env.sandbox, 'getGadget', {}, accountId, { project: 'AIP' }))
    .summary.pilots;
}

test('a pilot at a security level is listed only for its members, on every page that lists pilots', async () => {
  const open = await createPilot(env.sandbox, 'Invoice matcher');
  const secret = await createPilot(env.sandbox, 'Merger due-diligence assistant');
  expect(await portfolioKeys(dataScientist.accountId)).toEqual([open.key, secret.key]);

  const level = site(env.sandbox).addSecurityLevel('Deal team', [projectManager.accountId]);
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${secret.key}`, { fields: { security: { id: level } } });
  await env.sandbox.idle();

  expect(await portfolioKeys(projectManager.accountId)).toEqual([open.key, secret.key]);
  expect(await portfolioKeys(dataScientist.accountId)).toEqual([open.key]);
  expect(await globalKeys(projectManager.accountId)).toEqual([open.key, secret.key]);
  expect(await globalKeys(dataScientist.accountId)).toEqual([open.key]);
  expect(await gadgetPilots(projectManager.accountId)).toBe(2);
  expect(await gadgetPilots(dataScientist.accountId)).toBe(1);

  // The level lifted: listed for everyone who may browse the project again.
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${secret.key}`, { fields: { security: null } });
  await env.sandbox.idle();
  expect(await portfolioKeys(dataScientist.accountId)).toEqual([open.key, secret.key]);
});

test('the first open of a portfolio whose pilots have no level costs one Jira call, whatever their number', async () => {
  for (const summary of ['Churn model', 'Claims triage', 'Fraud scorer'])
    await createPilot(env.sandbox, summary);
  await env.sandbox.idle();
  site(env.sandbox).resetMetrics();
  const keys = await portfolioKeys(projectManager.accountId);
  expect(keys.length).toBeGreaterThanOrEqual(3);
  expect(site(env.sandbox).metrics().calls).toBe(1);
});

test('someone who may not browse the project is refused, not shown an empty portfolio', async () => {
  const result = await invokeResolver<PortfolioView>(env.sandbox, {
    moduleKey: 'portfolio-page',
    functionKey: 'getPortfolio',
    payload: {},
    accountId: SANDBOX_USERS.outsider.accountId,
    extension: AIP_PROJECT_PAGE,
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'no-permission' } });
});
