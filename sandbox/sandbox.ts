/**
 * A running sandbox as the control API, the tests and the benchmarks use it: the emulated Jira site,
 * the ServiceNow instance, the Forge runtime and the clock behind one HTTP server. server.ts builds
 * it (`createSandbox`); control.ts drives it.
 */
import type { Server } from 'node:http';
import type { SandboxClock } from './forge/clock';
import type { ForgeRuntime } from './forge/runtime';
import type { JiraSiteLike } from './forge/types';
import type { GadgetSettings } from './host/dashboards';
import type { JiraReply } from './host/pages';
import type { DemoSeedResult } from './seed/demo';
import type { ServiceNowInstance } from './servicenow/instance';

/** Starting states: `bare` (site only), `empty` (app installed, no issues), `demo` (empty + the story). */
export type SeedName = 'empty' | 'demo' | 'bare';

export interface ResetOptions {
  /** The site's default time zone (an IANA name) before the app is installed; default `Etc/UTC`. */
  siteTimeZone?: string;
}

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  readonly jira: JiraSiteLike;
  readonly servicenow: ServiceNowInstance;
  readonly runtime: ForgeRuntime;
  readonly clock: SandboxClock;
  readonly server: Server;
  readonly seed: SeedName;
  readonly ready: boolean;
  /** Milliseconds from createSandbox() to ready. */
  readonly startupMs: number;
  /** The settings Jira keeps with each dashboard gadget (saved by its edit view's `view.submit`). */
  readonly gadgetSettings: GadgetSettings;
  /** What the demo seed created (and its warnings), after a `demo` reset. */
  readonly demo?: DemoSeedResult;
  /** Resolves once every queued event, async event, retry and handler has finished. */
  idle(): Promise<void>;
  /**
   * Back to a starting state (clock, storage, faults, delivery mode, behaviours, metrics reset too);
   * `siteTimeZone`: the site's default zone from the start, so the app installs seeing it.
   */
  reset(seed?: SeedName, options?: ResetOptions): Promise<void>;
  /** Calls the Jira REST API in process as a seeded user (not via the app: not counted in metrics). */
  jiraAs(
    accountId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<JiraReply & { headers: Record<string, string> }>;
  close(): Promise<void>;
}
