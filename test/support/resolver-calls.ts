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
