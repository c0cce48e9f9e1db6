/** Every key the app writes in Forge key-value storage, in one place. */
export const storageKeys = {
  config: 'config',
  provisioning: 'provisioning',
  generationLock: (pilotId: string) => `pilot:${pilotId}:generation-lock`,
  generationRecord: (pilotId: string) => `pilot:${pilotId}:generation`,
  governance: (pilotId: string) => `pilot:${pilotId}:governance`,
  auditEntry: (pilotId: string, at: string, id: string) => `audit:${pilotId}:${at}:${id}`,
  auditPrefix: (pilotId: string) => `audit:${pilotId}:`,
  /** Which pilot an app-created or linked issue belongs to (so events need no Jira call to decide). */
  issueOwner: (issueId: string) => `issue:${issueId}:pilot`,
} as const;

/**
 * The page size of every kvs query: Forge returns at most 20 results a page whatever `limit` asks
 * (storage query reference, Feb 2026), so queries ask for 20 and follow `nextCursor`.
 */
export const KVS_QUERY_PAGE_LIMIT = 20;
