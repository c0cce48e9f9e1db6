/** The pilot's remote link to a ServiceNow record the app filed, kept in step with the record's state. */
import { ownValue } from '../../domain/records';
import { mapServiceNowState, serviceNowStateWords } from '../../domain/servicenow-tickets';
import { JiraClient } from '../../jira/client';
import { serviceNowRemoteLink } from '../../jira/remote-links';
import { recordUrl } from '../../servicenow/record-url';
import type { FiledRecord, ServiceNowConnection } from '../../storage/servicenow';

/** Creates or updates the pilot's remote link for the record, as the app. */
export async function upsertRemoteLink(record: FiledRecord, connection: ServiceNowConnection): Promise<void> {
  const mapped = mapServiceNowState(record.stateCode, ownValue(connection.stateMaps, record.table) ?? {});
  await JiraClient.asApp().upsertRemoteLink(
    record.pilotId,
    serviceNowRemoteLink({
      globalId: record.globalId,
      instanceUrl: connection.instanceUrl,
      url: recordUrl(connection.instanceUrl, record.table, record.sysId),
      number: record.number,
      dataSource: record.dataSource,
      pilotKey: record.pilotKey,
      stateWords: serviceNowStateWords(mapped),
      stateCode: record.stateCode,
      resolved: mapped.state === 'approved' || mapped.state === 'rejected',
    }),
  );
}
