/**
 * The waiver form in the pilot panel, in Chromium against the sandbox, by keyboard alone: a refusal
 * from the server says each reason once in its alert, and the corrected waiver is granted.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { artifactPath, createPilot, openPilotPanel, useBrowserSandbox } from './helpers';

const ADMIN = SANDBOX_USERS.admin.accountId;
const env = useBrowserSandbox({
  setup: async (sandbox) => {
    sandbox.clock.set('2026-03-02T09:00:00.000Z');
  },
});

test('a refused waiver names its reason once; the corrected one is granted', async () => {
  const key = await createPilot(env.sandbox, 'Waiver form pilot');
  const frame = await openPilotPanel(env.page, env.sandbox, key, `?as=${ADMIN}`);
  const keys = env.page.keyboard;
  await frame.getByRole('button', { name: 'Grant a waiver' }).focus();
  await keys.press('Enter');
  const form = frame.getByRole('form', { name: 'Grant a waiver' });
  await form.getByLabel('Reason').focus();
  await keys.type('Too short');
  await keys.press('Tab');
  await keys.type('04302026'); // the date field takes its parts as typed: 30 April 2026
  await expect(form.getByLabel('Expires on').inputValue()).resolves.toBe('2026-04-30');
  await form.getByRole('button', { name: 'Grant waiver' }).focus();
  await keys.press('Enter');

  const alert = form.getByRole('alert');
  await alert.getByText(/The waiver was not granted/).waitFor();
  const said = (await alert.textContent()) ?? '';
  expect(said.split('The reason is too short')).toHaveLength(2);
  await env.page
    .locator('iframe[data-module-key="readiness-panel"]')
    .screenshot({ path: artifactPath('waiver-refused.png') });

  await form.getByLabel('Reason').focus();
  await keys.type(' to be a reason, so here is a longer one');
  await form.getByRole('button', { name: 'Grant waiver' }).focus();
  await keys.press('Enter');
  await frame
    .getByRole('status')
    .filter({ hasText: 'Waiver granted; the gate blocks again on 30 Apr 2026.' })
    .waitFor();
});
