import { DEFAULT_SERVICENOW_STATE_MAP } from './states';
import {
  IGNORED_LINKS_SHOWN,
  MAX_SERVICENOW_REQUESTS,
  carriesOrderReference,
  catalogJustification,
  currentRequestFor,
  recordsWithFiled,
  serviceNowGlobalId,
  serviceNowTickets,
  type FiledServiceNowRecord,
} from './servicenow-tickets';

const maps = { sc_req_item: DEFAULT_SERVICENOW_STATE_MAP };
const record = (overrides: Partial<FiledServiceNowRecord> = {}): FiledServiceNowRecord => ({
  globalId: serviceNowGlobalId('acme.service-now.com', 'sc_req_item', 'a'.repeat(32)),
  table: 'sc_req_item',
  number: 'RITM0010001',
  dataSource: 'Claims warehouse',
  stateCode: '1',
  filedAt: '2026-03-01T09:00:00.000Z',
  syncedAt: '2026-03-01T09:00:00.000Z',
  url: 'https://acme.service-now.com/nav_to.do',
  ...overrides,
});

test('the global id names instance host, table and sys_id', () => {
  expect(serviceNowGlobalId('acme.service-now.com', 'sc_req_item', 'abc')).toBe(
    'pilot-pathway:servicenow:acme.service-now.com:sc_req_item:abc',
  );
});

test('filed records count with their mapped state; look-alike links earn nothing and say why', () => {
  const ours = record({ stateCode: '3' });
  const lookAlike = {
    globalId: serviceNowGlobalId('acme.service-now.com', 'sc_req_item', 'b'.repeat(32)),
    object: { title: 'RITM0099999', url: 'https://acme.service-now.com/x' },
  };
  const { tickets, ignored } = serviceNowTickets(
    [ours],
    [
      { globalId: ours.globalId, object: { title: 'RITM0010001', url: ours.url } },
      lookAlike,
      { object: lookAlike.object },
    ],
    maps,
    null,
    'Etc/UTC',
  );
  expect(tickets).toEqual([
    {
      source: 'servicenow',
      key: 'RITM0010001',
      state: 'approved',
      openedDate: '2026-03-01',
      closedDate: null,
      url: ours.url,
      asOf: '2026-03-01T09:00:00.000Z',
      dataSource: ours.dataSource,
    },
  ]);
  expect(ignored).toEqual([
    {
      title: 'RITM0099999',
      url: 'https://acme.service-now.com/x',
      reason: expect.stringContaining('did not file'),
    },
  ]);
});

test('an unknown state is shown as unknown and counts as requested; a later poll refreshes "as of"', () => {
  const { tickets } = serviceNowTickets(
    [record({ stateCode: '9' })],
    [],
    maps,
    '2026-03-02T10:00:00.000Z',
    'Etc/UTC',
  );
  expect(tickets[0]).toMatchObject({
    state: 'requested',
    unknownState: '9',
    asOf: '2026-03-02T10:00:00.000Z',
  });
  const custom = serviceNowTickets(
    [record({ table: 'u_access', stateCode: '3' })],
    [],
    maps,
    null,
    'Etc/UTC',
  );
  expect(custom.tickets[0]).toMatchObject({ state: 'requested', unknownState: '3' });
});

test("a catalog order's justification is recognised by its reference and pilot only", () => {
  const sent = catalogJustification('0123456789abcdef', 'AIP-12', 'Training data\nfor the model');
  expect(sent).toBe('Pilot Pathway request 0123456789abcdef for AIP-12\nTraining data\nfor the model');
  expect(carriesOrderReference(sent, '0123456789abcdef', 'AIP-12')).toBe(true);
  expect(carriesOrderReference(sent.replace(/\n/g, '\r\n'), '0123456789abcdef', 'AIP-12')).toBe(true);
  expect(carriesOrderReference(sent, 'fedcba9876543210', 'AIP-12')).toBe(false);
  expect(carriesOrderReference(sent, '0123456789abcdef', 'AIP-1')).toBe(false);
  // The reference written anywhere but the first line, or without the requester's words, is not the app's.
  expect(carriesOrderReference(`Please\n${sent}`, '0123456789abcdef', 'AIP-12')).toBe(false);
  expect(carriesOrderReference('', '0123456789abcdef', 'AIP-12')).toBe(false);
});

describe('the newest request per data source counts (product.md §4)', () => {
  const rejected = record({ stateCode: '4', filedAt: '2026-03-01T09:00:00.000Z' });
  const refiled = record({
    globalId: serviceNowGlobalId('acme.service-now.com', 'sc_req_item', 'c'.repeat(32)),
    number: 'RITM0010002',
    dataSource: ' claims WAREHOUSE ',
    filedAt: '2026-03-05T09:00:00.000Z',
  });

  it('a request filed again after a rejection replaces it; the rejected one is history', () => {
    const { tickets, history } = serviceNowTickets([rejected, refiled], [], maps, null, 'Etc/UTC');
    expect(tickets.map((ticket) => [ticket.key, ticket.state])).toEqual([['RITM0010002', 'requested']]);
    expect(history.map((ticket) => [ticket.key, ticket.state])).toEqual([['RITM0010001', 'rejected']]);
    expect(currentRequestFor([rejected, refiled], 'Claims warehouse')?.number).toBe('RITM0010002');
    expect(currentRequestFor([rejected, refiled], 'Lake')).toBeUndefined();
  });

  it('opens on the site’s day of filing and closes on the day of the decision, not before', () => {
    const approved = record({
      stateCode: '3',
      filedAt: '2026-03-01T20:00:00.000Z',
      decidedAt: '2026-03-04T20:00:00.000Z',
    });
    const [ticket] = serviceNowTickets([approved], [], maps, null, 'Pacific/Auckland').tickets;
    expect(ticket).toMatchObject({ openedDate: '2026-03-02', closedDate: '2026-03-05' });
    const reopened = record({ stateCode: '2', decidedAt: '2026-03-04T20:00:00.000Z' });
    expect(serviceNowTickets([reopened], [], maps, null, 'Etc/UTC').tickets[0]?.closedDate).toBeNull();
  });
});

describe('bounds', () => {
  const filed = (index: number, dataSource = `Source ${index}`) => ({
    sysId: String(index),
    dataSource,
    filedAt: `2026-03-01T09:00:${String(index).padStart(2, '0')}.000Z`,
  });

  it('keeps every request that counts up to the limit, then refuses the next', () => {
    const full = Array.from({ length: MAX_SERVICENOW_REQUESTS }, (_, index) => filed(index));
    expect(recordsWithFiled(full.slice(1), full[0]!)).toHaveLength(MAX_SERVICENOW_REQUESTS);
    expect(recordsWithFiled(full, filed(99))).toBeNull();
  });

  it('makes room by dropping the oldest superseded request, never a current one', () => {
    const full = [filed(0, 'Source 1'), ...Array.from({ length: 49 }, (_, index) => filed(index + 1))];
    const next = recordsWithFiled(full, filed(59, 'Source 59'));
    expect(next).toHaveLength(MAX_SERVICENOW_REQUESTS);
    expect(next?.map((held) => held.sysId)).not.toContain('0');
  });

  it('names a few look-alike links, cut short, and counts the rest', () => {
    const links = Array.from({ length: 110 }, (_, index) => ({
      globalId: serviceNowGlobalId('evil.service-now.com', 'sc_req_item', String(index)),
      object: {
        title: `RITM${index} ${'x'.repeat(2000)}`,
        url: `https://evil.service-now.com/${'y'.repeat(900)}`,
      },
    }));
    const { ignored, moreIgnored } = serviceNowTickets([], links, maps, null, 'Etc/UTC');
    expect(ignored).toHaveLength(IGNORED_LINKS_SHOWN);
    expect(moreIgnored).toBe(110 - IGNORED_LINKS_SHOWN);
    expect(Math.max(...ignored.map((link) => link.title.length + link.url.length))).toBeLessThanOrEqual(700);
  });
});
