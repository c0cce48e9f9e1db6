/** Scheduled triggers run only when asked (`runScheduled`, `POST /__sandbox/scheduled/{key}`). */
import type { FunctionInvoker } from './invoker';
import type { ForgeManifest } from './manifest';
import { INSTALL_CONTEXT, SANDBOX_CLOUD_ID, newContextToken } from './sandbox-ids';

/** Runs a scheduled trigger now (Forge: no retry). Resolves with the handler's result. */
export async function runScheduledTrigger(
  manifest: ForgeManifest,
  invoker: FunctionInvoker,
  triggerKey: string,
): Promise<unknown> {
  const trigger = manifest.scheduledTriggers.find((t) => t.key === triggerKey);
  if (!trigger) throw new Error(`No scheduledTrigger "${triggerKey}" in manifest.yml`);
  return invoker.call({
    kind: 'scheduled',
    functionKey: trigger.function,
    moduleKey: trigger.key,
    args: [
      { context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: trigger.key }, contextToken: newContextToken() },
      { installContext: INSTALL_CONTEXT },
    ],
  });
}
