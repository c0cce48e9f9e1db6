import type { PilotView, ServiceNowPanelView } from '../../ui-contract';
import { readConnection, readIgnoredLinks, readPollState } from '../../storage/servicenow';

/** What the panel shows about ServiceNow beyond the tickets: connected, sync trouble, look-alike links. */
export async function serviceNowPanelOf(
  pilotId: string,
): Promise<ServiceNowPanelView & { lastSuccessAt: string | null }> {
  const [connection, poll, ignoredLinks] = await Promise.all([
    readConnection(),
    readPollState(),
    readIgnoredLinks(pilotId),
  ]);
  return {
    connected: connection !== undefined,
    failingSince: poll.failingSince,
    ignoredLinks,
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
