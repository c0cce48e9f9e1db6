import { serviceNowTickets, type RemoteLinkLike } from '../../domain/servicenow-tickets';
import type { DataAccessTicket } from '../../domain/types';
import { recordUrl } from '../../servicenow/record-url';
import { readConnection, readFiledRecords, readPollState, writeIgnoredLinks } from '../../storage/servicenow';

/**
 * The pilot's ServiceNow tickets for a recompute: from the app's own record of what it filed (Forge
 * storage): the newest request per data source. The pilot's remote links are read (1 Jira call) when
 * it has filed records or may have had links, to find look-alike links; those earn nothing and the
 * first few are kept for the panel to say why (anyone can add links: never all of them).
 */
export async function serviceNowTicketsOfPilot(
  pilotId: string,
  readRemoteLinks: () => Promise<RemoteLinkLike[]>,
  linksMayMatter: boolean,
  siteTimeZone: string,
): Promise<DataAccessTicket[]> {
  const [connection, filed, poll] = await Promise.all([
    readConnection(),
    readFiledRecords(pilotId),
    readPollState(),
  ]);
  if (filed.length === 0 && !linksMayMatter) return [];
  const links = await readRemoteLinks();
  const instanceUrl = (host: string) => connection?.instanceUrl ?? `https://${host}`;
  const { tickets, ignored, moreIgnored } = serviceNowTickets(
    filed.map((record) => ({
      ...record,
      url: recordUrl(instanceUrl(record.instanceHost), record.table, record.sysId),
    })),
    links,
    connection?.stateMaps ?? {},
    poll.lastSuccessAt,
    siteTimeZone,
  );
  await writeIgnoredLinks(pilotId, { links: ignored, more: moreIgnored });
  return tickets;
}
