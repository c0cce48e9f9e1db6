/**
 * The sandbox lifecycle of an integration test file: one sandbox for the whole file, back to its
 * starting state before each test.
 */
import { createSandbox, type Sandbox, type SeedName } from '../../sandbox/server';

export interface SandboxLifecycleOptions {
  /** Where the sandbox's clock stands at the start of each test (ISO date-time); default: not set. */
  clock?: string;
  /** `false`: no reset before each test, for files whose tests only read the starting state. */
  resetEachTest?: boolean;
}

/**
 * Registers the jest hooks: `createSandbox({ seed })` before all tests, `reset(seed)` (and the clock
 * set) before each, `close()` after all. The sandbox is read through the returned getter, which throws
 * if read before the sandbox has started.
 */
export function useSandbox(
  seed: SeedName,
  options: SandboxLifecycleOptions = {},
): { readonly sandbox: Sandbox } {
  let sandbox: Sandbox | undefined;

  beforeAll(async () => {
    sandbox = await createSandbox({ seed });
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  const started = (): Sandbox => {
    if (!sandbox)
      throw new Error('No sandbox yet: use it in a test or a hook, after useSandbox() has started');
    return sandbox;
  };

  if (options.resetEachTest ?? true)
    beforeEach(async () => {
      await started().reset(seed);
      if (options.clock) started().clock.set(options.clock);
    });

  return {
    get sandbox() {
      return started();
    },
  };
}
