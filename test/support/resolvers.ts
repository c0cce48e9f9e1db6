/**
 * Calling the app's resolvers the way Jira's Custom UI bridge does: a module, the Forge context it
 * runs in (an issue, a project) and the viewer's account; then waiting until the app is idle.
 */
import type { Sandbox } from '../../sandbox/server';
import type { ResolverResult } from '../../src/ui-contract';

export interface ResolverCall {
  moduleKey: string;
  functionKey: string;
  payload?: unknown;
  accountId: string;
  extension?: Record<string, unknown>;
}

export async function invokeResolver<T>(sandbox: Sandbox, call: ResolverCall): Promise<ResolverResult<T>> {
  const result = (await sandbox.runtime.invokeResolver(
    call as Parameters<Sandbox['runtime']['invokeResolver']>[0],
  )) as ResolverResult<T>;
  await sandbox.idle();
  return result;
}

/** The data of a successful answer; a refusal fails the test with its code and words. */
export function dataOf<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The project page's context of the sandbox's project AIP. */
export const AIP_PROJECT_PAGE = { type: 'jira:projectPage', project: { id: '10000', key: 'AIP' } };
