/**
 * The seams between the sandbox's parts: the emulated Jira site, the emulated ServiceNow instance,
 * the Forge runtime and the HTTP server. Each emulated service answers plain request objects, so
 * the Forge runtime can call it in process (as `__forge_fetch__` does in Forge) and the HTTP server
 * can call it for browsers, tests and benchmarks.
 */

export interface SandboxRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/search/jql?fields=summary`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Who is calling. `app` is the app acting as itself (`asApp()`), `user` the app acting as a user
 * (`asUser()`) or a person/test client authenticated as that user.
 * `viaApp` is true for calls made by the app through the Forge runtime: only those are counted in
 * `/__sandbox/metrics` and charged to the app's rate-limit budget.
 */
export type Caller = { kind: 'app'; viaApp: true } | { kind: 'user'; accountId: string; viaApp: boolean };

export interface EmulatedService {
  handle(request: SandboxRequest, caller: Caller): Promise<SandboxResponse>;
}

/** A product event as Forge delivers it to a `trigger` function (payload shapes as Atlassian documents them). */
export interface ProductEvent {
  eventType:
    | 'avi:jira:created:issue'
    | 'avi:jira:updated:issue'
    | 'avi:jira:deleted:issue'
    | 'avi:jira:created:issuelink'
    | 'avi:jira:deleted:issuelink'
    | 'avi:forge:installed:app';
  /** Account id of the actor; the app's own account id for changes the app made. */
  atlassianId?: string;
  /** True when the change was made by the app itself (used for `filter.ignoreSelf`). */
  causedByApp: boolean;
  payload: Record<string, unknown>;
}

/**
 * An email notification the Jira site sent, as `GET /__sandbox/notifications` lists it: the issue,
 * the people it reached, its subject, and why: `notify` (`POST /rest/api/3/issue/{key}/notify`) or
 * `issue updated` (an edit, `PUT /rest/api/3/issue/{key}`, unless an administrator muted it with
 * `notifyUsers=false`).
 */
export interface SentNotification {
  issue: string;
  /** Account ids of the people it went to, after Jira dropped those it does not notify. */
  to: string[];
  subject: string;
  /** When it was sent: ISO 8601 UTC on the sandbox clock. */
  at: string;
  reason: 'notify' | 'issue updated';
  /** For `issue updated`: the changed fields, by the changelog's `field` names. */
  changed?: string[];
  textBody?: string;
  htmlBody?: string;
}

/** The seeded people of the sandbox site (sandbox.md "Starting states"). */
export const SANDBOX_USERS = {
  admin: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada Admin', active: true },
  projectManager: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Priya PM', active: true },
  outsider: { accountId: '5b109f2e9729b51b54dc274d', displayName: 'Oscar Outsider', active: true },
  dataScientist: { accountId: '5c4f6c4b2ab5a52b4a1e1a01', displayName: 'Dana Scientist', active: true },
  pathwayEngineer: { accountId: '5c4f6c4b2ab5a52b4a1e1a02', displayName: 'Pat Pathway', active: true },
  businessOwner: { accountId: '5c4f6c4b2ab5a52b4a1e1a03', displayName: 'Bo Business', active: true },
  formerEmployee: { accountId: '5c4f6c4b2ab5a52b4a1e1a04', displayName: 'Fay Former', active: false },
  /** Works from New Zealand: Jira answers this person's requests with timestamps in Pacific/Auckland. */
  aucklandManager: {
    accountId: '5c4f6c4b2ab5a52b4a1e1a05',
    displayName: 'Aroha Auckland',
    active: true,
    timeZone: 'Pacific/Auckland',
  },
} as const;

/**
 * The site's default time zone after reset: the zone of every person without their own, and of the
 * app's account (the behaviour switch `siteTimeZone` changes it).
 */
export const SITE_TIME_ZONE = 'Etc/UTC';

/** The app's own account (the actor of everything the app does `asApp()`). */
export const APP_ACCOUNT_ID = '557058:pilot-pathway-app';
