/**
 * ServiceNow from the panel, in Chromium: the project manager files a data-access request in
 * ServiceNow, sees it listed as requested, the data steward approves it in ServiceNow (the signed push
 * reaches the app), and the panel shows it approved with the data-access part of the score full.
 */
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
