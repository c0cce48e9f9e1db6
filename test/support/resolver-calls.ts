/**
 * The app's resolvers called as Jira's Custom UI bridge calls them: the module's context from Forge
 * (the issue a panel is on, the project a page is in), the viewer's account, and a payload. The panel's
 * and the admin page's are in servicenow-steps.ts (panelCall, adminCall).
 */
import type { Sandbox } from '../../sandbox/server';
import type { ResolverResult } from '../../src/ui-contract';

type InvokeInput = Parameters<Sandbox['runtime']['invokeResolver']>[0];

export interface IssueRef {
  id: string;
  key: string;
}

/** A resolver of the project page (the portfolio), in project `projectKey`, as `accountId`. */
export async function callPortfolio<T = unknown>(
  sandbox: Sandbox,
  functionKey: string,
  payload: unknown,
  accountId: string,
  projectKey = 'AIP',
): Promise<ResolverResult<T>> {
  const result = await sandbox.runtime.invokeResolver({
    moduleKey: 'portfolio-page',
    functionKey,
    payload,
    accountId,
    extension: { type: 'jira:projectPage', project: { id: '10000', key: projectKey } },
  } as InvokeInput);
  await sandbox.idle();
  return result as ResolverResult<T>;
}

export { adminCall as callAdmin, panelCall as callPanel } from './servicenow-steps';

/** A resolver of the global page (no issue, no project), as `accountId`. */
export async function callGlobal<T = unknown>(
  sandbox: Sandbox,
  functionKey: string,
  payload: unknown,
  accountId: string,
): Promise<ResolverResult<T>> {
  const result = await sandbox.runtime.invokeResolver({
    moduleKey: 'pilot-pathway-global',
    functionKey,
    payload,
    accountId,
    extension: { type: 'jira:globalPage' },
  } as InvokeInput);
  await sandbox.idle();
  return result as ResolverResult<T>;
}

/**
 * A resolver of the dashboard gadget as the platform invokes it: the settings Jira keeps with the
 * gadget in its context (saved first when `settings` are given), as `accountId`.
 */
export async function callGadget<T = unknown>(
  sandbox: Sandbox,
  functionKey: string,
  payload: unknown,
  accountId: string,
  settings?: Record<string, unknown>,
): Promise<ResolverResult<T>> {
  const gadget = { type: 'jira:dashboardGadget', dashboard: { id: '10100' }, gadget: { id: '10101' } };
  if (settings) sandbox.gadgetSettings.submit(gadget.gadget.id, settings);
  const result = await sandbox.runtime.invokeResolver({
    moduleKey: 'portfolio-gadget',
    functionKey,
    payload,
    accountId,
    extension: sandbox.gadgetSettings.extensionFor(gadget),
  } as InvokeInput);
  await sandbox.idle();
  return result as ResolverResult<T>;
}
