/**
 * A user without the Browse projects permission on AIP (the sandbox's outsider) sees a clear
 * message and no data: no score, no band, no keys of the pilot's sub-tasks, reviews or epic.
 * Checked on the host issue page (Jira refuses the issue, so Forge renders no module) and on the panel
 * itself, loaded the way the host embeds it but with a context Forge never issues to the outsider: the
 * platform refuses the call before it reaches the app. What reaches the browser through the bridge is
 * checked too, not only what is drawn.
 */
import type { Response } from 'playwright-core';
import {
  OUTSIDER,
  PM,
  createEpic,
  createPilot,
  jira,
  meter,
  panelFrame,
  pilotIssues,
  useBrowserSandbox,
} from './helpers';

let epic: string;
let pilot: string;
/** Keys the outsider must never see: the pilot's sub-tasks and reviews, and the epic's pilot. */
let hiddenKeys: string[];

const env = useBrowserSandbox({
  setup: async (sandbox) => {
    epic = await createEpic(sandbox, 'Confidential pilots');
    pilot = await createPilot(sandbox, 'Confidential pilot', { parent: epic });
    const { workstreams, reviews } = await pilotIssues(sandbox, pilot);
    hiddenKeys = [...Object.values(workstreams), ...Object.values(reviews)];
    expect(hiddenKeys).toHaveLength(13);
    // The outsider really cannot read the pilot through Jira.
    const reply = await sandbox.jiraAs(OUTSIDER, 'GET', `/rest/api/3/issue/${pilot}`);
    expect(reply.status).toBe(404);
  },
});

function mentions(text: string, key: string): boolean {
  return new RegExp(`\\b${key}\\b`).test(text);
}

/** The panel resource as the host embeds it (sandbox/host/pages.ts `moduleFrame`), for `accountId`. */
async function panelUrl(key: string, accountId: string, moduleKey = 'readiness-panel'): Promise<string> {
  const issue = await jira(env.sandbox, 'GET', `/rest/api/3/issue/${key}?fields=issuetype`);
  const extension = {
    type: moduleKey === 'readiness-panel' ? 'jira:issuePanel' : 'jira:issueContext',
    issue: {
      id: String(issue.id),
      key,
      type: issue.fields.issuetype.name,
      typeId: issue.fields.issuetype.id,
    },
    project: { id: '10000', key: 'AIP', type: 'software' },
  };
  const query = new URLSearchParams({
    moduleKey,
    localId: `${moduleKey}-${issue.id}`,
    extension: JSON.stringify(extension),
    as: accountId,
    theme: 'light',
  });
  return `${env.sandbox.url}/__app/static/app/?${query}`;
}

/** Opens the panel directly and collects every resolver answer the bridge hands to the browser. */
async function openPanelAs(url: string): Promise<string[]> {
  const answers: Promise<string>[] = [];
  const collect = (response: Response) => {
    if (response.url().includes('/__sandbox/bridge/invoke')) answers.push(response.text());
  };
  env.page.on('response', collect);
  await env.page.goto(url);
  await env.page.locator('[role="alert"], [role="meter"], [aria-label="Pilots per band"]').first().waitFor();
  env.page.off('response', collect);
  return Promise.all(answers);
}

test('the issue page tells the outsider they cannot see the pilot, and shows no panel and no data', async () => {
  const response = await env.page.goto(`${env.sandbox.url}/browse/${pilot}?as=${OUTSIDER}`);
  expect(response?.status()).toBe(404);
  const alert = env.page.getByRole('alert');
  await expect(alert.textContent()).resolves.toMatch(/do not have permission to see it/);
  expect(await env.page.locator('iframe').count()).toBe(0);
  const body = await env.page.locator('body').innerText();
  expect(body).not.toContain('Confidential pilot');
  expect(body).not.toMatch(/of 100|Purgatory|At risk|On track|Readiness/);
  for (const key of [epic, ...hiddenKeys]) expect(mentions(body, key)).toBe(false);
});

/** Every bridge answer was the platform's refusal: no resolver result, no readiness, no keys. */
function expectPlatformRefusals(answers: string[]): void {
  expect(answers.length).toBeGreaterThan(0);
  for (const answer of answers) {
    const parsed = JSON.parse(answer) as { result?: unknown; message?: string };
    expect(parsed.result).toBeUndefined();
    expect(parsed.message).toMatch(/Forge renders no module/);
    expect(answer).not.toMatch(/"score"|"band"|"countByBand"|Confidential/);
    for (const key of [epic, ...hiddenKeys]) expect(mentions(answer, key)).toBe(false);
  }
}

test('the panel itself, embedded for the outsider, is refused by the platform and shows no data', async () => {
  const answers = await openPanelAs(await panelUrl(pilot, OUTSIDER));
  const alert = env.page.getByRole('alert');
  expect(((await alert.textContent()) ?? '').trim()).toMatch(/could not be reached/);
  expect(await env.page.locator('[role="meter"]').count()).toBe(0);

  const body = await env.page.locator('body').innerText();
  expect(body).not.toMatch(/of 100|Purgatory|At risk|On track|Ready\b|Confidential/);
  for (const key of [epic, ...hiddenKeys]) expect(mentions(body, key)).toBe(false);
  // Nothing was hidden by the UI only.
  expectPlatformRefusals(answers);
});

test("the epic's roll-up, embedded for the outsider, names none of its pilots", async () => {
  const answers = await openPanelAs(await panelUrl(epic, OUTSIDER));
  await expect(env.page.getByRole('alert').textContent()).resolves.toMatch(/could not be reached/);
  expectPlatformRefusals(answers);
  const body = await env.page.locator('body').innerText();
  expect(mentions(body, pilot)).toBe(false);
  expect(body).not.toMatch(/Mean score|Lowest|Pilots per band|Confidential pilot\b/);
  for (const answer of answers) {
    expect(mentions(answer, pilot)).toBe(false);
    expect(answer).not.toMatch(/"score"|"countByBand"/);
  }
});

test('the compact issue context, embedded for the outsider, is refused too', async () => {
  expectPlatformRefusals(await openPanelAs(await panelUrl(pilot, OUTSIDER, 'readiness-context')));
  await expect(env.page.getByRole('alert').textContent()).resolves.toMatch(/could not be reached/);
  expect(await env.page.locator('[role="meter"]').count()).toBe(0);
});

test('control: the same embedded panel shows the project manager the gauge and the keys', async () => {
  const answers = await openPanelAs(await panelUrl(pilot, PM));
  await env.page.locator('[role="meter"]').waitFor();
  expect(await env.page.locator('[role="meter"]').getAttribute('aria-valuenow')).toBe('0');
  expect(answers.some((answer) => mentions(answer, hiddenKeys[0] as string))).toBe(true);
  // And the host page shows it in its iframe.
  await env.page.goto(`${env.sandbox.url}/browse/${pilot}`);
  await meter(panelFrame(env.page)).waitFor();
});
