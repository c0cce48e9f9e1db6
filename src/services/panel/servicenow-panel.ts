import { serviceNowTickets } from '../../domain/servicenow-tickets';
import type { IsoDate } from '../../domain/types';
import { recordUrl } from '../../servicenow/record-url';
import { readConnection, readFiledRecords, readIgnoredLinks, readPollState } from '../../storage/servicenow';
import type { PilotView, ServiceNowPanelView } from '../../ui-contract';
import { dataAccessViewOf } from './panel-view';

/**
 * What the panel shows about ServiceNow beyond the tickets that count: connected, sync trouble,
 * requests superseded by a newer one of the same data source (history), look-alike links.
 */
export async function serviceNowPanelOf(
  pilotId: string,
  today: IsoDate,
  siteTimeZone: string,
): Promise<ServiceNowPanelView & { lastSuccessAt: string | null }> {
  const [connection, poll, ignored, filed] = await Promise.all([
    readConnection(),
    readPollState(),
    readIgnoredLinks(pilotId),
    readFiledRecords(pilotId),
  ]);
  const instanceUrl = (host: string) => connection?.instanceUrl ?? `https://${host}`;
  const { history } = serviceNowTickets(
    filed.map((record) => ({
      ...record,
      url: recordUrl(instanceUrl(record.instanceHost), record.table, record.sysId),
    })),
    [],
    connection?.stateMaps ?? {},
    poll.lastSuccessAt,
    siteTimeZone,
  );
  return {
    connected: connection !== undefined,
    failingSince: poll.failingSince,
    ignoredLinks: ignored.links,
    moreIgnoredLinks: ignored.more,
    history: history.map((ticket) => dataAccessViewOf(ticket, today)),
    lastSuccessAt: poll.lastSuccessAt,
  };
}

/** The panel view with its ServiceNow part; a later successful poll moves each ticket's "as of". */
export function withServiceNow(
  view: PilotView,
  serviceNow: ServiceNowPanelView & { lastSuccessAt: string | null },
): PilotView {
  const { lastSuccessAt, ...panel } = serviceNow;
  return {
    ...view,
    dataAccess: view.dataAccess.map((ticket) =>
      ticket.source === 'servicenow' && lastSuccessAt && (!ticket.asOf || ticket.asOf < lastSuccessAt)
        ? { ...ticket, asOf: lastSuccessAt }
        : ticket,
    ),
    serviceNow: panel,
  };
}
