/**
 * The emulated Jira site as the Forge runtime and the server use it. This is the interface the
 * sandbox/jira engineer provides from `createJiraSite()` (sandbox/jira/site.ts); only the members
 * marked optional are extras the sandbox uses when they exist.
 */
import type { EmulatedService, ProductEvent } from '../contracts';

export interface FaultRule {
  rate: number;
  status: number;
  retryAfter?: number;
  match?: string;
  reason?: 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';
  lostResponse?: boolean;
}

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
  /** Real-Jira behaviours (search lag, done without resolution, strict Content-Type); optional for test sites. */
  setBehaviour?(changes: Partial<JiraBehaviourSwitches>): JiraBehaviourSwitches;
}

/** The switches of `POST /__sandbox/behaviour` (sandbox/jira/behaviour.ts). */
export interface JiraBehaviourSwitches {
  searchLagMs: number;
  resolutionOnDone: boolean;
  strictContentType: boolean;
}
