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
  /** ServiceNow: the connection (no secrets), what the app filed, the poll's cursor, pushes seen. */
  serviceNowConnection: 'servicenow:connection',
  serviceNowFiled: (pilotId: string) => `servicenow:filed:${pilotId}`,
  serviceNowRecordOwner: (sysId: string) => `servicenow:record:${sysId}`,
  serviceNowPoll: 'servicenow:poll',
  serviceNowPushSeen: (signature: string) => `servicenow:push-seen:${signature}`,
} as const;

/** Forge secret storage (`kvs.setSecret`): write-only from the admin page, never sent to a browser. */
export const secretKeys = {
  serviceNowPassword: 'servicenow:password',
  serviceNowClientSecret: 'servicenow:client-secret',
  serviceNowPushSecret: 'servicenow:push-secret',
  serviceNowOAuthToken: 'servicenow:oauth-token',
} as const;
