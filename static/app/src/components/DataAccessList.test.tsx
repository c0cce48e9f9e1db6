/**
 * @jest-environment jsdom
 */
import { render, screen, within } from '@testing-library/react';
import type { DataAccessView, ServiceNowPanelView } from '../contract';
import { DataAccessList } from './DataAccessList';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

const ticket = (overrides: Partial<DataAccessView>): DataAccessView => ({
  source: 'servicenow',
  key: 'RITM0010002',
  state: 'requested',
  openedDate: '2026-03-05',
  ageDays: 2,
  url: 'https://acme.service-now.com/x',
  ...overrides,
});

const serviceNow: ServiceNowPanelView = {
  connected: true,
  failingSince: null,
  ignoredLinks: [
    { title: 'RITM0099999', url: 'https://evil.service-now.com/1', reason: 'Not filed by the app.' },
  ],
  moreIgnoredLinks: 89,
  history: [ticket({ key: 'RITM0010001', state: 'rejected', openedDate: '2026-03-01', ageDays: 3 })],
};

test('a decided ticket says how long it was open; an open one how long it is', () => {
  render(
    <DataAccessList
      tickets={[ticket({}), ticket({ key: 'AIP-9', source: 'jira', state: 'approved', ageDays: 5 })]}
    />,
  );
  expect(screen.getByText('Open for 2 days')).toBeTruthy();
  expect(screen.getByText('Was open for 5 days')).toBeTruthy();
});

test('earlier requests of a data source are listed apart, and look-alike links beyond the first few are counted', () => {
  render(<DataAccessList tickets={[ticket({})]} serviceNow={serviceNow} />);
  const earlier = screen.getByRole('list', { name: 'Earlier requests' });
  expect(within(earlier).getByText('RITM0010001')).toBeTruthy();
  expect(within(earlier).getByText('Rejected')).toBeTruthy();
  expect(screen.getByText('And 89 more links like these, which do not count either.')).toBeTruthy();
});
