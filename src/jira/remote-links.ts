/**
 * The remote link that shows a ServiceNow record the app filed on its pilot (product.md §4, §12):
 * globalId `pilot-pathway:servicenow:<host>:<table>:<sys_id>`, the record number in the title,
 * `status.resolved` from the mapped state. Upserted by globalId with the whole object (Jira nulls
 * what is left out), so every field is always sent.
 */

/** What the link says about the record, in the app's words. */
export interface ServiceNowRecordLink {
  globalId: string;
  instanceUrl: string;
  /** The record's page on the instance. */
  url: string;
  number: string;
  dataSource: string;
  pilotKey: string;
  /** The mapped state in words: "approved", or "unknown (9)". */
  stateWords: string;
  /** ServiceNow's own state value ('' when empty). */
  stateCode: string;
  resolved: boolean;
}

/** The body of POST /rest/api/3/issue/{issueIdOrKey}/remotelink for the record. */
export function serviceNowRemoteLink(record: ServiceNowRecordLink): Record<string, unknown> {
  const icon = `${record.instanceUrl}/favicon.ico`;
  const stateCode = record.stateCode || 'empty';
  return {
    globalId: record.globalId,
    application: { type: 'com.servicenow', name: 'ServiceNow' },
    relationship: 'Data access',
    object: {
      url: record.url,
      title: `${record.number}: data access to ${record.dataSource}`,
      summary: `Filed by Pilot Pathway for ${record.pilotKey}; ${record.stateWords} (ServiceNow state ${stateCode})`,
      icon: { url16x16: icon, title: 'ServiceNow' },
      status: {
        resolved: record.resolved,
        icon: { url16x16: icon, title: `${record.stateWords} (state ${stateCode})` },
      },
    },
  };
}
