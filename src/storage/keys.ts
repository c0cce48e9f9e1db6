/** Every key the app writes in Forge key-value storage, in one place. */
export const storageKeys = {
  config: 'config',
  provisioning: 'provisioning',
  /** The site's default time zone as last read from Jira (product.md §14: "today" is the site's day). */
  siteTimeZone: 'site-time-zone',
  generationLock: (pilotId: string) => `pilot:${pilotId}:generation-lock`,
  generationRecord: (pilotId: string) => `pilot:${pilotId}:generation`,
  governance: (pilotId: string) => `pilot:${pilotId}:governance`,
  /** The pilot as the panel shows it, stored by each recompute that changes it. */
  pilotView: (pilotId: string) => `pilot:${pilotId}:view`,
  /**
   * The pilot view's fence (a versioned record): each store of the view moves it on, so a recompute
   * whose lease expired while it ran cannot store its older reading over a newer one.
   */
  pilotViewFence: (pilotId: string) => `pilot:${pilotId}:view-fence`,
  /** What a template change needs of the pilot (domain/path-summary.ts), stored with its view. */
  pathSummary: (pilotId: string) => `path-summary:${pilotId}`,
  pathSummaryPrefix: 'path-summary:',
  /** The pilot's readiness as the app holds it, small, for lists and roll-ups (see pilot-state.ts). */
  pilotStanding: (pilotId: string) => `pilot:${pilotId}:standing`,
  /** One change waiting for a recompute of the pilot (coalesced, see services/readiness/recompute-queue.ts). */
  pilotChange: (pilotId: string, unique: string) => `pilot:${pilotId}:change:${unique}`,
  pilotChangesPrefix: (pilotId: string) => `pilot:${pilotId}:change:`,
  /** A pilot whose recompute was given up after every retry: the daily job recomputes it again. */
  unfinishedRecompute: (pilotId: string) => `unfinished-recompute:${pilotId}`,
  unfinishedRecomputePrefix: 'unfinished-recompute:',
  /** Held while one invocation recomputes the pilot, so recomputes of one pilot never overlap. */
  recomputeLock: (pilotId: string) => `pilot:${pilotId}:recompute-lock`,
  /** One epic's roll-up entry for one of its pilots. */
  epicMember: (epicId: string, pilotId: string) => `epic:${epicId}:pilot:${pilotId}`,
  epicMembersPrefix: (epicId: string) => `epic:${epicId}:pilot:`,
  /** Set once every pilot of the epic has its roll-up entry (after one search of its children). */
  epicComplete: (epicId: string) => `epic:${epicId}:complete`,
  /** Set by a fresh install: every pilot's roll-up entry is stored from its first recompute on. */
  rollUpsComplete: 'roll-ups-complete',
  /** A project's portfolio entry of one of its pilots (the global page and the gadget read them). */
  portfolioEntry: (projectKey: string, pilotId: string) => `project:${projectKey}:pilot:${pilotId}`,
  portfolioEntriesPrefix: (projectKey: string) => `project:${projectKey}:pilot:`,
  /** Set once every pilot of the project has its portfolio entry (after one search of its pilots). */
  projectPortfolioComplete: (projectKey: string) => `project:${projectKey}:complete`,
  /** Set by a fresh install: every pilot's portfolio entry is stored from its first recompute on. */
  portfolioEntriesComplete: 'portfolio-entries-complete',
  /** Whether an account administers Jira, remembered a short while so views need no extra call. */
  adminCheck: (accountId: string) => `admin-check:${accountId}`,
  /** Whether an account decides with a review board (or none), remembered as briefly. */
  deciderCheck: (accountId: string, groupId: string | null) =>
    `decider-check:${groupId ?? 'admins-only'}:${accountId}`,
  auditEntry: (pilotId: string, at: string, id: string) => `audit:${pilotId}:${at}:${id}`,
  auditPrefix: (pilotId: string) => `audit:${pilotId}:`,
  /** The keys of a pilot's newest audit entries (a compare-and-set record, see audit.ts). */
  auditRecent: (pilotId: string) => `audit-recent:${pilotId}`,
  /** A pilot whose generation was given up after every retry: the daily job tries again. */
  unfinishedGeneration: (pilotId: string) => `unfinished-generation:${pilotId}`,
  unfinishedGenerationPrefix: 'unfinished-generation:',
  /** Jira tickets linked to the pilot with *Data access*, as the link events told (search may lag). */
  pilotDataAccess: (pilotId: string) => `pilot:${pilotId}:data-access`,
  /** The pilots generated lately, which a lagging search index may not show yet. */
  recentPilots: 'recent-pilots',
  /** A pilot's value reviews after go-live (a versioned record; bounded, see domain/value-review). */
  valueReviews: (pilotId: string) => `pilot:${pilotId}:value-reviews`,
  /** Who got a reminder of the pilot today, and the rejections reminded of (a versioned record). */
  reminderLedger: (pilotId: string) => `pilot:${pilotId}:reminders`,
  /** Which reminder kinds are switched on (a versioned record, edited on the admin page). */
  reminderSwitches: 'reminder-switches',
  /** Score and band changes and the first day each gate passed (bounded; see domain/history). */
  readinessHistory: (pilotId: string) => `pilot:${pilotId}:history`,
  /** Which pilots an app-created or linked issue belongs to (so events need no Jira call to decide). */
  issueOwner: (issueId: string) => `issue:${issueId}:pilot`,
  /** ServiceNow: the connection (no secrets), what the app filed, the poll's cursor, pushes seen. */
  serviceNowConnection: 'servicenow:connection',
  serviceNowFiled: (pilotId: string) => `servicenow:filed:${pilotId}`,
  serviceNowRecordOwner: (sysId: string) => `servicenow:record:${sysId}`,
  /** The ServiceNow user the connection's records are created by, as learned (OAuth). */
  serviceNowIdentity: 'servicenow:identity',
  serviceNowPoll: 'servicenow:poll',
  serviceNowPushSeen: (signature: string) => `servicenow:push-seen:${signature}`,
  serviceNowIgnoredLinks: (pilotId: string) => `servicenow:ignored:${pilotId}`,
  /** The latest template apply: its version, how many pilots, the cursor (a versioned record). */
  templateApply: 'template-apply',
  /** One chunk of the pilot ids a template version's apply re-syncs (written once, never changed). */
  templateApplyPilots: (version: number, chunk: number) => `template-apply:${version}:pilots:${chunk}`,
  /** A filing about to be made for a pilot's request (`request` is a hash of the request). */
  serviceNowOrderIntent: (pilotId: string, request: string) => `servicenow:order:${pilotId}:${request}`,
} as const;

/** Forge secret storage (`kvs.setSecret`): write-only from the admin page, never sent to a browser. */
export const secretKeys = {
  serviceNowPassword: 'servicenow:password',
  serviceNowClientSecret: 'servicenow:client-secret',
  serviceNowPushSecret: 'servicenow:push-secret',
  serviceNowOAuthToken: 'servicenow:oauth-token',
} as const;
