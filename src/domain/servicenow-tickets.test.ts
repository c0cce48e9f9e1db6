import { DEFAULT_SERVICENOW_STATE_MAP } from './states';
import {
  carriesOrderReference,
  catalogJustification,
  serviceNowGlobalId,
  serviceNowTickets,
  type FiledServiceNowRecord,
} from './servicenow-tickets';

const maps = { sc_req_item: DEFAULT_SERVICENOW_STATE_MAP };
const record = (overrides: Partial<FiledServiceNowRecord> = {}): FiledServiceNowRecord => ({
  globalId: serviceNowGlobalId('acme.service-now.com', 'sc_req_item', 'a'.repeat(32)),
  table: 'sc_req_item',
  number: 'RITM0010001',
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
  );
  expect(tickets).toEqual([
    {
      source: 'servicenow',
      key: 'RITM0010001',
      state: 'approved',
      openedDate: '2026-03-01',
      url: ours.url,
      asOf: '2026-03-01T09:00:00.000Z',
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
  const { tickets } = serviceNowTickets([record({ stateCode: '9' })], [], maps, '2026-03-02T10:00:00.000Z');
  expect(tickets[0]).toMatchObject({
    state: 'requested',
    unknownState: '9',
    asOf: '2026-03-02T10:00:00.000Z',
  });
  const custom = serviceNowTickets([record({ table: 'u_access', stateCode: '3' })], [], maps, null);
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
