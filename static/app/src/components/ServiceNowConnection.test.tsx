/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ServiceNowSettingsView } from '../contract';
import { answer, invoke, resetBridge } from '../test-support/bridge-mock';
import { ServiceNowConnection, stateMapFromText, stateMapToText } from './ServiceNowConnection';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

const empty: ServiceNowSettingsView = {
  connection: null,
  secrets: { password: false, clientSecret: false, pushSecretSetAt: null },
  push: {
    url: 'https://example.test/x1/servicenow-webhook',
    steps: ['Paste the URL into x_pilot_pathway.push_url'],
    script:
      "(function executeRule(current, previous) {\n  var url = gs.getProperty('x_pilot_pathway.push_url');\n})(current, previous);\n",
  },
  sync: { lastSuccessAt: null, failingSince: null, lastError: null },
  defaults: { table: 'sc_req_item', stateMap: { '1': 'requested', '3': 'approved' } },
};

const connected: ServiceNowSettingsView = {
  ...empty,
  connection: {
    instanceUrl: 'https://acme.service-now.com',
    auth: { kind: 'basic', username: 'pilot.pathway' },
    filing: { mode: 'table', table: 'sc_req_item' },
    stateMaps: { sc_req_item: { '1': 'requested', '3': 'approved' } },
    updatedAt: '2026-03-02T09:00:00.000Z',
  },
  secrets: { password: true, clientSecret: false, pushSecretSetAt: null },
};

test('state mapping lines round-trip', () => {
  expect(stateMapFromText(stateMapToText({ '-5': 'requested', '3': 'approved' }))).toEqual({
    '-5': 'requested',
    '3': 'approved',
  });
});

test('saves the connection with the password written once, never shown', async () => {
  answer({
    getServiceNowSettings: { ok: true, data: empty },
    saveServiceNowSettings: { ok: true, data: connected },
  });
  render(<ServiceNowConnection />);
  fireEvent.change(await screen.findByLabelText('Instance address'), {
    target: { value: 'https://acme.service-now.com' },
  });
  fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'pilot.pathway' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
  await screen.findByText('ServiceNow connection saved.');
  expect(invoke).toHaveBeenCalledWith('saveServiceNowSettings', {
    instanceUrl: 'https://acme.service-now.com',
    auth: { kind: 'basic', username: 'pilot.pathway', password: 's3cret' },
    filing: { mode: 'table', table: 'sc_req_item' },
    stateMaps: { sc_req_item: { '1': 'requested', '3': 'approved' } },
  });
  expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  expect(screen.getByText('Set; leave empty to keep it')).toBeTruthy();
});

test('tests the values typed on the page; a new address asks for the secret again', async () => {
  answer({
    getServiceNowSettings: { ok: true, data: connected },
    testServiceNowConnection: { ok: true, data: { ok: true, checks: [] } },
  });
  render(<ServiceNowConnection />);
  fireEvent.change(await screen.findByLabelText('Instance address'), {
    target: { value: 'https://other.service-now.com' },
  });
  expect(
    screen.getByText(/Enter it again: the saved one is sent only to acme\.service-now\.com/),
  ).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
  await waitFor(() =>
    expect(invoke).toHaveBeenCalledWith('testServiceNowConnection', {
      instanceUrl: 'https://other.service-now.com',
      auth: { kind: 'basic', username: 'pilot.pathway' },
      filing: { mode: 'table', table: 'sc_req_item' },
      stateMaps: { sc_req_item: { '1': 'requested', '3': 'approved' } },
    }),
  );
});

test('shows field errors, the connection test, and the push secret once', async () => {
  answer({
    getServiceNowSettings: { ok: true, data: connected },
    saveServiceNowSettings: {
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'The ServiceNow connection was not saved: fix the marked entries.',
        fieldErrors: { instanceUrl: 'The instance address is https://<name>.service-now.com' },
      },
    },
    testServiceNowConnection: {
      ok: true,
      data: {
        ok: false,
        checks: [
          { name: 'Address https://acme.service-now.com', ok: true, message: 'ServiceNow answers.' },
          {
            name: 'Sign-in',
            ok: false,
            message: "ServiceNow refused the integration user's credentials (401)",
          },
        ],
      },
    },
    generateServiceNowPushSecret: {
      ok: true,
      data: {
        secret: 'a'.repeat(64),
        view: {
          ...connected,
          secrets: { ...connected.secrets, pushSecretSetAt: '2026-03-02T09:00:00.000Z' },
        },
      },
    },
  });
  render(<ServiceNowConnection />);
  fireEvent.click(await screen.findByRole('button', { name: 'Save connection' }));
  await screen.findByText('The instance address is https://<name>.service-now.com');
  fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
  await screen.findByText("ServiceNow refused the integration user's credentials (401)");
  fireEvent.click(screen.getByRole('button', { name: 'Generate the secret' }));
  await waitFor(() =>
    expect((screen.getByLabelText('New shared secret') as HTMLInputElement).value).toBe('a'.repeat(64)),
  );
  expect(screen.getByRole('button', { name: 'Generate a new secret' })).toBeTruthy();
  expect((screen.getByLabelText('Web trigger URL') as HTMLInputElement).value).toBe(empty.push.url);
});

describe('a new push secret replaces the current one only once confirmed', () => {
  const withSecret: ServiceNowSettingsView = {
    ...connected,
    secrets: { ...connected.secrets, pushSecretSetAt: '2026-03-01T09:00:00.000Z' },
  };
  const generated = {
    ok: true,
    data: {
      secret: 'fresh-secret',
      view: {
        ...withSecret,
        secrets: { ...withSecret.secrets, pushSecretSetAt: '2026-03-02T10:00:00.000Z' },
      },
    },
  };
  const rotations = () => invoke.mock.calls.filter(([key]) => key === 'generateServiceNowPushSecret');

  async function askForANewSecret() {
    answer({
      getServiceNowSettings: { ok: true, data: withSecret },
      generateServiceNowPushSecret: generated,
    });
    render(<ServiceNowConnection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Generate a new secret' }));
    return screen.getByRole('group', { name: 'Replace the shared secret?' });
  }

  it('asks first, saying what stops working, with focus on the question; nothing is generated yet', async () => {
    const confirm = await askForANewSecret();
    expect(confirm.textContent).toContain('stops working at once');
    expect(confirm.contains(document.activeElement)).toBe(true);
    expect(rotations()).toHaveLength(0);
  });

  it('keeps the current secret when the admin changes their mind, focus back on the button', async () => {
    const confirm = await askForANewSecret();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep the current secret' }));
    expect(screen.queryByRole('group', { name: 'Replace the shared secret?' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Generate a new secret' }));
    expect(rotations()).toHaveLength(0);
  });

  it('Escape keeps the current secret too', async () => {
    const confirm = await askForANewSecret();
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Replace the shared secret?' })).toBeNull();
    expect(rotations()).toHaveLength(0);
  });

  it('generates once confirmed, and shows the new secret with focus on it', async () => {
    const confirm = await askForANewSecret();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Replace the secret' }));
    const secret = (await screen.findByLabelText('New shared secret')) as HTMLInputElement;
    expect(secret.value).toBe('fresh-secret');
    await waitFor(() => expect(document.activeElement).toBe(secret));
    expect(rotations()).toHaveLength(1);
  });
});

test('shows the push business rule script and copies it whole', async () => {
  const writeText = jest.fn().mockResolvedValue(undefined);
  Object.assign(navigator, { clipboard: { writeText } });
  answer({ getServiceNowSettings: { ok: true, data: connected } });
  render(<ServiceNowConnection />);
  const code = await screen.findByLabelText('Business rule script');
  expect(code.textContent).toBe(connected.push.script);
  fireEvent.click(screen.getByRole('button', { name: 'Copy script' }));
  await screen.findByText(/Script copied/);
  expect(writeText).toHaveBeenCalledWith(connected.push.script);
});

test('says how to copy by hand when the browser refuses the clipboard', async () => {
  Object.assign(navigator, { clipboard: { writeText: jest.fn().mockRejectedValue(new Error('denied')) } });
  answer({ getServiceNowSettings: { ok: true, data: connected } });
  render(<ServiceNowConnection />);
  fireEvent.click(await screen.findByRole('button', { name: 'Copy script' }));
  await screen.findByText(/select the script and copy it yourself/);
});
