/**
 * ServiceNow from the panel, in Chromium: the project manager files a data-access request in
 * ServiceNow, sees it listed as requested, the data steward approves it in ServiceNow (the signed push
 * reaches the app), and the panel shows it approved with the data-access part of the score full.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { handleControl } from '../../sandbox/control';
import { connectServiceNow, enablePush } from '../support/servicenow-steps';
import {
  artifactPath,
  createPilot,
  meterValue,
  openPilotPanel,
  storedReadiness,
  useBrowserSandbox,
  waitUntil,
} from './helpers';

const env = useBrowserSandbox({
  setup: async (sandbox) => {
    await connectServiceNow(sandbox);
    await enablePush(sandbox);
  },
});

test('filing in ServiceNow from the panel, then seeing the approval', async () => {
  const key = await createPilot(env.sandbox, 'ServiceNow browser pilot');
  let frame = await openPilotPanel(env.page, env.sandbox, key);
  expect(await meterValue(frame)).toBe(0);

  await frame.getByRole('button', { name: 'Request data access' }).click();
  const form = frame.getByRole('form', { name: 'Request data access' });
  await form.getByRole('radio', { name: 'ServiceNow' }).check();
  await form.getByLabel('Data source', { exact: true }).fill('Claims warehouse');
  await form.getByLabel('Data steward').fill('Pat');
  await frame.getByRole('option', { name: /Pat Pathway/ }).click();
  await form.getByLabel('Justification', { exact: true }).fill('Training data for the triage model');
  await form.getByRole('button', { name: 'File request' }).click();
  await frame
    .getByRole('status')
    .filter({ hasText: /filed in ServiceNow/ })
    .waitFor();

  const [record] = env.sandbox.servicenow.records('sc_req_item');
  expect(record).toMatchObject({
    correlation_display: 'Pilot Pathway',
    short_description: `Data access: Claims warehouse for ${key}`,
  });
  const ticket = frame.locator('li.ticket').filter({ hasText: record!.number! });
  await expect(ticket.locator('.status').textContent()).resolves.toContain('Requested');
  expect(await meterValue(frame)).toBe(6);

  // The data steward approves in ServiceNow; the business rule's signed push reaches the app.
  const approval = await handleControl(
    env.sandbox,
    'POST',
    `/__sandbox/servicenow/records/sc_req_item/${record!.sys_id}`,
    {
      fields: { state: '3' },
    },
  );
  expect(approval.status).toBe(200);
  await env.sandbox.idle();
  await waitUntil(
    () => storedReadiness(env.sandbox, key),
    (r) => r.score === 25,
    'the stored score to reach 25',
  );

  frame = await openPilotPanel(env.page, env.sandbox, key);
  const approved = frame.locator('li.ticket').filter({ hasText: record!.number! });
  await expect(approved.locator('.status').textContent()).resolves.toContain('Approved');
  await expect(approved.textContent()).resolves.toMatch(/State as of/);
  expect(await meterValue(frame)).toBe(25);
  await env.page.screenshot({ path: artifactPath('servicenow-approved.png'), fullPage: true });
});

test('the admin replaces the push secret only after confirming it, by keyboard alone', async () => {
  const secrets = () => JSON.stringify(env.sandbox.runtime.kvs.snapshot('secret'));
  const before = secrets();
  await env.page.goto(`${env.sandbox.url}/admin/pilot-pathway?as=${SANDBOX_USERS.admin.accountId}`);
  const frame = env.page.frameLocator('iframe[data-module-key="admin-page"]');
  const keys = env.page.keyboard;
  const generate = frame.getByRole('button', { name: 'Generate a new secret' });
  const confirm = frame.getByRole('group', { name: 'Replace the shared secret?' });
  const isFocused = (locator: typeof generate) => locator.evaluate((e) => e === document.activeElement);

  // Escape backs out: focus returns to the button and the stored secret is the same.
  await generate.focus();
  await keys.press('Enter');
  await expect(confirm.getByText(/stops working at once/).isVisible()).resolves.toBe(true);
  await expect(confirm.evaluate((group) => group.contains(document.activeElement))).resolves.toBe(true);
  await keys.press('Escape');
  await expect(confirm.count()).resolves.toBe(0);
  await expect(isFocused(generate)).resolves.toBe(true);
  expect(secrets()).toBe(before);

  // Confirmed: a new secret, shown once with focus on it, and a different one stored.
  await keys.press('Enter');
  await keys.press('Tab');
  await expect(isFocused(confirm.getByRole('button', { name: 'Replace the secret' }))).resolves.toBe(true);
  await keys.press('Enter');
  const shown = frame.getByRole('textbox', { name: 'New shared secret' });
  await shown.waitFor();
  await expect(isFocused(shown)).resolves.toBe(true);
  expect(secrets()).not.toBe(before);
  expect(secrets()).toContain(await shown.inputValue());
});
