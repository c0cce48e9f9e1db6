/**
 * Remote links are issue data: anyone who can edit a pilot can attach one, with any address. A
 * `javascript:` address must never run script on the host issue page (sandbox/host); the panel's
 * side is unsafe-panel-links.test.ts.
 */
import type { Page } from 'playwright-core';
import { createPilot, jira, useBrowserSandbox } from './helpers';

const PAYLOAD = 'javascript:window.top.__pwned=1;alert(document.domain)';
/** Looks like a record the app filed in ServiceNow (the prefix of product.md §4). */
const GLOBAL_ID =
  'pilot-pathway:servicenow:pilot-sandbox.service-now.com:sc_req_item:0000000000000000000000000000beef';

let pilot: string;

const env = useBrowserSandbox({
  setup: async (sandbox) => {
    pilot = await createPilot(sandbox, 'Pilot with a hostile web link');
    await jira(sandbox, 'POST', `/rest/api/3/issue/${pilot}/remotelink`, {
      globalId: GLOBAL_ID,
      application: { type: 'com.servicenow', name: 'ServiceNow' },
      object: {
        url: PAYLOAD,
        title: 'RITM0666',
        summary: 'Data access request',
        status: { resolved: false },
      },
    });
    await jira(sandbox, 'POST', `/rest/api/3/issue/${pilot}/remotelink`, {
      object: { url: 'https://wiki.example.test/pilots/hostile', title: 'Pilot wiki page' },
    });
  },
});

function watchForScript(page: Page): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

it('the host issue page shows a javascript: web link as text, and clicking it runs nothing', async () => {
  const { page } = env;
  const seen = watchForScript(page);
  await page.goto(`${env.sandbox.url}/browse/${pilot}`);
  const item = page.locator('li', { hasText: 'RITM0666' });
  await item.waitFor({ state: 'visible' });
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  // An ordinary web link still is one.
  expect(await page.getByRole('link', { name: 'Pilot wiki page' }).getAttribute('href')).toBe(
    'https://wiki.example.test/pilots/hostile',
  );
  expect(await item.textContent()).toContain('only http and https addresses open');
  await page.getByText('RITM0666', { exact: true }).click();
  expect(seen.dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
