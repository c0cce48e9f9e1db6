/**
 * What a site admin does right after installing: tell the app which projects hold AI pilots and who
 * owns each team's workstreams. Done through the app's own admin resolver, as the admin, so the
 * sandbox starts exactly as a configured real site would.
 */
import { SANDBOX_USERS } from '../contracts';

export const SANDBOX_APP_SETTINGS = {
  pilotProjects: ['AIP', 'TEAM'],
  ownerAssignees: {
    'Data science team': SANDBOX_USERS.dataScientist.accountId,
    'Production pathway team': SANDBOX_USERS.pathwayEngineer.accountId,
    'Business owner + PM': SANDBOX_USERS.businessOwner.accountId,
  },
};

interface ResolverRunner {
  invokeResolver(input: {
    moduleKey: string;
    functionKey: string;
    payload?: unknown;
    accountId?: string;
  }): Promise<unknown>;
}

/** Opens the admin page (which loads the settings' revision), then saves on that revision. */
export async function configureApp(
  runtime: ResolverRunner,
  settings: object = SANDBOX_APP_SETTINGS,
): Promise<void> {
  const call = (functionKey: string, payload: unknown) =>
    runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey,
      payload,
      accountId: SANDBOX_USERS.admin.accountId,
    }) as Promise<{ ok: boolean; data?: { revision?: number }; error?: { message: string } }>;
  const loaded = await call('getConfiguration', {});
  if (!loaded.ok) throw new Error(`The sandbox could not open the admin page: ${loaded.error?.message}`);
  const result = await call('saveConfiguration', { ...settings, revision: loaded.data?.revision ?? 0 });
  if (!result.ok) throw new Error(`The sandbox could not configure the app: ${result.error?.message}`);
}
