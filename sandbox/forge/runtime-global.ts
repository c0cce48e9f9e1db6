/**
 * The values of `__forge_runtime__` for the current invocation (node_modules/@forge/api/out/api/runtime.js
 * `__getRuntime`/`getAppContext`; globals.ts installs the object whose properties read these), and
 * the app's permissions, which the UI context repeats.
 */
import type { InvocationStore } from './globals';
import type { ForgeManifest } from './manifest';
import { INSTALL_CONTEXT, SANDBOX_ENVIRONMENT_ID, SANDBOX_INSTALLATION_ID } from './sandbox-ids';

export interface InstalledApp {
  manifest: ForgeManifest;
  appDir: string;
  /** The proxy token @forge/kvs sends as `Authorization: Bearer <token>`. */
  proxyToken: string;
}

export function appPermissions(manifest: ForgeManifest) {
  return {
    scopes: manifest.scopes,
    external: { fetch: { backend: manifest.externalFetchBackend } },
  };
}

export function forgeRuntimeGlobal(
  app: InstalledApp,
  store: InvocationStore | undefined,
): Record<string, unknown> {
  const noop = {
    incr: () => undefined,
    decr: () => undefined,
    measure: () => ({ stop: () => undefined }),
    stop: () => undefined,
  };
  return {
    proxy: { token: app.proxyToken, url: 'http://proxy.forge-sandbox.internal' },
    appContext: {
      appId: app.manifest.appUuid,
      appVersion: '1.0.0',
      environmentId: SANDBOX_ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      invocationId: store?.invocationId ?? 'no-invocation',
      installationId: SANDBOX_INSTALLATION_ID,
      moduleKey: store?.moduleKey ?? '',
      license: undefined,
      installation: undefined,
      permissions: appPermissions(app.manifest),
    },
    contextAri: INSTALL_CONTEXT,
    metrics: { counter: () => noop, timing: () => noop, gauge: () => noop },
    lambdaContext: {
      getRemainingTimeInMillis: () => store?.time.remainingMs() ?? Number.POSITIVE_INFINITY,
    },
    externalAuth: [],
    container: { appCodeDir: app.appDir },
  };
}
