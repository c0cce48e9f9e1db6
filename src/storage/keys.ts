/** Every key the app writes in Forge key-value storage, in one place. */
export const storageKeys = {
  config: 'config',
  provisioning: 'provisioning',
  generationLock: (pilotId: string) => `pilot:${pilotId}:generation-lock`,
  generationRecord: (pilotId: string) => `pilot:${pilotId}:generation`,
  governance: (pilotId: string) => `pilot:${pilotId}:governance`,
  auditEntry: (pilotId: string, at: string, id: string) => `audit:${pilotId}:${at}:${id}`,
  auditPrefix: (pilotId: string) => `audit:${pilotId}:`,
  /** A pilot whose generation was given up after every retry: the daily job tries again. */
  unfinishedGeneration: (pilotId: string) => `unfinished-generation:${pilotId}`,
  unfinishedGenerationPrefix: 'unfinished-generation:',
  /** Which pilot an app-created or linked issue belongs to (so events need no Jira call to decide). */
  issueOwner: (issueId: string) => `issue:${issueId}:pilot`,
} as const;
