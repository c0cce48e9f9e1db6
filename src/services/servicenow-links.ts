/**
 * The remote link that shows a filed ServiceNow record on its pilot (product.md §4, §12): globalId
 * `pilot-pathway:servicenow:<host>:<table>:<sys_id>`, the record number in the title, `status.resolved`
 * from the mapped state. Upserted by globalId with the whole object (Jira nulls what is left out).
 */
import { route } from '@forge/api';
import { mapServiceNowState, serviceNowStateWords } from '../domain/servicenow-tickets';
import { JiraClient } from '../jira/client';
import type { FiledRecord, ServiceNowConnection } from '../storage/servicenow';

/** The record's page on the instance. */
export function recordUrl(instanceUrl: string, table: string, sysId: string): string {
  return `${instanceUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`;
}

export function remoteLinkBody(
  record: FiledRecord,
  connection: ServiceNowConnection,
): Record<string, unknown> {
  const mapped = mapServiceNowState(record.stateCode, connection.stateMaps[record.table] ?? {});
  const icon = `${connection.instanceUrl}/favicon.ico`;
  return {
    globalId: record.globalId,
    application: { type: 'com.servicenow', name: 'ServiceNow' },
    relationship: 'Data access',
    object: {
      url: recordUrl(connection.instanceUrl, record.table, record.sysId),
      title: `${record.number}: data access to ${record.dataSource}`,
      summary: `Filed by Pilot Pathway for ${record.pilotKey}; ${serviceNowStateWords(mapped)} (ServiceNow state ${record.stateCode || 'empty'})`,
      icon: { url16x16: icon, title: 'ServiceNow' },
      status: {
        resolved: mapped.state === 'approved' || mapped.state === 'rejected',
        icon: {
          url16x16: icon,
          title: `${serviceNowStateWords(mapped)} (state ${record.stateCode || 'empty'})`,
        },
      },
    },
  };
}

/** Creates or updates the pilot's remote link for the record, as the app. */
export async function upsertRemoteLink(record: FiledRecord, connection: ServiceNowConnection): Promise<void> {
  await JiraClient.asApp().request(
    'POST',
    route`/rest/api/3/issue/${record.pilotId}/remotelink`,
    remoteLinkBody(record, connection),
  );
}
