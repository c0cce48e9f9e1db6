/**
 * The sandbox lifecycle of an integration test file: one sandbox for the whole file, back to its
 * starting state before each test.
 */
import type { JiraBehaviourSwitches } from '../../sandbox/forge/types';
import { createSandbox, type Sandbox, type SeedName } from '../../sandbox/server';

/** Every real-Jira behaviour of the sandbox on (sandbox.md, `POST /__sandbox/behaviour`). */
export const REAL_JIRA_BEHAVIOUR: Partial<JiraBehaviourSwitches> = {
  searchLagMs: 1500,
  resolutionOnDone: false,
  strictContentType: true,
};

/**
 * `SANDBOX_BEHAVIOUR=real` runs a test file against a site that behaves like a real one (search
 * lags writes, done without resolution, strict Content-Type): `npm test` runs the integration suite
 * a second time that way. Unset or `tidy`: the emulator's tidy defaults.
 */
export function behaviourFromEnvironment(
  value = process.env['SANDBOX_BEHAVIOUR'],
): Partial<JiraBehaviourSwitches> | undefined {
  if (value === undefined || value === '' || value === 'tidy') return undefined;
  if (value === 'real') return REAL_JIRA_BEHAVIOUR;
  throw new Error(`SANDBOX_BEHAVIOUR must be "real" or "tidy", not "${value}"`);
}

export interface SandboxLifecycleOptions {
  /** Where the sandbox's clock stands at the start of each test (ISO date-time); default: not set. */
  clock?: string;
  /** `false`: no reset before each test, for files whose tests only read the starting state. */
  resetEachTest?: boolean;
}

/**
 * Registers the jest hooks: `createSandbox({ seed })` before all tests, `reset(seed)` (and the clock
 * set, and the real-Jira behaviours of `SANDBOX_BEHAVIOUR`) before each, `close()` after all. The sandbox is read through the returned getter, which throws
 * if read before the sandbox has started.
 */
export function useSandbox(
  seed: SeedName,
  options: SandboxLifecycleOptions = {},
): { readonly sandbox: Sandbox } {
  let sandbox: Sandbox | undefined;
  const behaviour = behaviourFromEnvironment();
  /** The behaviours go on once the starting state is made (the seed itself runs on the tidy site). */
  const switchBehaviour = (): void => {
    if (behaviour) started().jira.setBehaviour?.(behaviour);
  };

  beforeAll(async () => {
    // The sandbox's log goes to the test's console: shown when a test fails (quiet-environment.ts).
    sandbox = await createSandbox({ seed, log: (line) => console.error(line) });
    switchBehaviour();
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
      switchBehaviour();
      if (options.clock) started().clock.set(options.clock);
    });

  return {
    get sandbox() {
      return started();
    },
  };
}
