/**
 * The emulated Jira site as the Forge runtime and the server use it. This is the interface the
 * sandbox/jira engineer provides from `createJiraSite()` (sandbox/jira/site.ts); only the members
 * marked optional are extras the sandbox uses when they exist.
 */
import type { EmulatedService, ProductEvent, SentNotification } from '../contracts';
import type { FaultRule } from '../faults';

export type { FaultRule } from '../faults';

export interface JiraMetrics {
  calls: number;
  points: number;
  byEndpoint: Record<string, unknown>;
  byOperation: Record<string, unknown>;
}

export interface IndexedProperty {
  propertyKey: string;
  path: string;
  type: 'number' | 'string' | 'text' | 'date' | 'user';
}

/** A Forge `jira:customField` module, as the platform creates its field on install. */
export interface ForgeCustomField {
  /** The manifest module key, e.g. `readiness-field`. */
  key: string;
  name: string;
  type: 'number' | 'user' | 'date' | 'string' | 'datetime';
  description?: string;
  readOnly?: boolean;
}

export interface JiraSiteLike extends EmulatedService {
  reset(seed: 'bare'): void | Promise<void>;
  onEvent(listener: (event: ProductEvent) => void): unknown;
  setRateLimiting(on: boolean): void;
  metrics(): JiraMetrics;
  resetMetrics(): void;
  setFaults(rules: FaultRule[], options?: { seed?: number }): void;
  setIndexedProperties(properties: IndexedProperty[]): void;
  /** The manifest's `jira:customField` modules, which Forge creates as fields on install (optional for test sites). */
  setAppCustomFields?(definitions: ForgeCustomField[]): unknown;
  /** Whether Jira shows the person the issue's view, where it renders UI modules; optional for test sites. */
  viewerCanSee?(accountId: string, issueIdOrKey: string): boolean;
  /** Real-Jira behaviours (search lag, done without resolution, strict Content-Type, site zone); optional for test sites. */
  setBehaviour?(changes: Partial<JiraBehaviourSwitches>): JiraBehaviourSwitches;
  /** The notifications sent through `POST /issue/{key}/notify`, oldest first; optional for test sites. */
  notifications?(): SentNotification[];
}

/** The switches of `POST /__sandbox/behaviour` (sandbox/jira/behaviour.ts). */
export interface JiraBehaviourSwitches {
  searchLagMs: number;
  resolutionOnDone: boolean;
  strictContentType: boolean;
  /** The site's default time zone (IANA name): of the app's account and of everyone without their own. */
  siteTimeZone: string;
}

/** The kinds of function the platform invokes, each with its own time limit (platform-limits.ts). */
export type InvocationKind =
  'resolver' | 'trigger' | 'webtrigger' | 'consumer' | 'scheduled' | 'dynamicProperties';

export interface InvocationRecord {
  kind: InvocationKind;
  functionKey: string;
  moduleKey: string;
  attempt: number;
  outcome: 'ok' | 'error' | 'retry' | 'timeout';
  error?: string;
  /** Platform time: the handler's own work plus the emulated latency of its calls. */
  durationMs: number;
  /** Real time the sandbox took. */
  realMs: number;
  eventType?: string;
}
