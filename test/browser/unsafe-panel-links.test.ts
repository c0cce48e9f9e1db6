/**
 * The panel lists ServiceNow look-alike remote links ("does not count") with their address: an
 * address anyone who can edit the pilot chose. A `javascript:` one is shown as text, never linked and
 * never handed to the bridge's router.
 */
import type { Page } from 'playwright-core';
import { FILING, connectServiceNow, data, panelCall } from '../support/servicenow-steps';
import { createPilot, jira, openPilotPanel, useBrowserSandbox } from './helpers';

const PAYLOAD = 'javascript:window.top.__pwned=1;alert(document.domain)';

let pilot: string;

const env = useBrowserSandbox({
  setup: async (sandbox) => {
    await connectServiceNow(sandbox);
    pilot = await createPilot(sandbox, 'Pilot with a hostile look-alike link');
    await jira(sandbox, 'POST', `/rest/api/3/issue/${pilot}/remotelink`, {
      globalId: `pilot-pathway:servicenow:pilot-sandbox.service-now.com:sc_req_item:${'b'.repeat(32)}`,
      object: { url: PAYLOAD, title: 'RITM0666', status: { resolved: true } },
    });
    const issue = await jira(sandbox, 'GET', `/rest/api/3/issue/${pilot}?fields=summary`);
    // Filing a request makes the app read the pilot's remote links and list the look-alike.
    data(await panelCall(sandbox, { id: String(issue.id), key: pilot }, 'requestDataAccess', FILING));
  },
});

function watchForScript(page: Page): { dialogs: string[]; popups: number } {
  const seen = { dialogs: [] as string[], popups: 0 };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('popup', () => {
    seen.popups += 1;
  });
  return seen;
}

it('the panel shows a javascript: look-alike link as text; clicking it opens and runs nothing', async () => {
  const { page } = env;
  const seen = watchForScript(page);
  const frame = await openPilotPanel(page, env.sandbox, pilot);
  const ignored = frame.getByRole('list', { name: 'ServiceNow links that do not count' });
  await ignored.waitFor({ state: 'visible' });
  expect(await ignored.textContent()).toContain('RITM0666');
  expect(await frame.locator('a[href^="javascript:" i]').count()).toBe(0);
  await ignored.getByText('RITM0666').first().click();
  expect(seen.dialogs).toEqual([]);
  expect(seen.popups).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}, 90_000);
