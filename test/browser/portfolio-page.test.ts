/**
 * The portfolio page in Chromium against the sandbox: filtering the table by band and exporting what
 * it shows as CSV; and each of the three kill-list decisions made in the page: accelerate, pause (the
 * pilot comes back when the sandbox clock passes its resumption date and the daily trigger runs) and
 * kill (the pilot and its open workstreams and reviews are closed through their workflows).
 */
import { readFileSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import {
  PAGE_WIDTHS,
  THEMES,
  TRANSITION,
  artifactPath,
  createPilot,
  fieldId,
  jira,
  pageReport,
  panelFrame,
  pilotIssues,
  storedReadiness,
  transition,
  useBrowserSandbox,
} from './helpers';

const ADMIN = SANDBOX_USERS.admin.accountId;
const FRAME = 'iframe[data-module-key="portfolio-page"]';
const TODAY = '2026-03-02T09:00:00.000Z';

let onTrack: string;
let stalled: string[];

const env = useBrowserSandbox({
  setup: async (sandbox) => {
    sandbox.clock.set(TODAY);
    const demoField = await fieldId(sandbox, 'Demo sign-off date');
    // Three pilots 121 days past their demo (the kill list), and one with work moving.
    stalled = [];
    for (const summary of ['Claims triage bot', 'Invoice matcher', 'Churn predictor']) {
      stalled.push(await createPilot(sandbox, summary, { fields: { [demoField]: '2025-11-01' } }));
    }
    onTrack = await createPilot(sandbox, 'Fraud, "alerts" copilot');
    const { workstreams } = await pilotIssues(sandbox, onTrack);
    await transition(sandbox, workstreams['model-validation'] as string, TRANSITION.done);
  },
});

async function openPortfolio(page: Page): Promise<FrameLocator> {
  await page.goto(`${env.sandbox.url}/projects/AIP/pilot-pathway?as=${ADMIN}`);
  const frame = page.frameLocator(FRAME);
  await frame.getByRole('table', { name: 'Pilots', exact: true }).waitFor();
  return frame;
}

const bodyRows = (frame: FrameLocator) =>
  frame.getByRole('table', { name: 'Pilots', exact: true }).locator('tbody tr');

test('filters the table by band and by first blocking gate, and exports what it shows as CSV', async () => {
  const frame = await openPortfolio(env.page);
  await expect(bodyRows(frame).count()).resolves.toBe(4);
  const band = frame.getByRole('combobox', { name: 'Band' });
  await band.selectOption('at-risk');
  await expect(bodyRows(frame).count()).resolves.toBe(0);
  await frame.getByText('0 pilots shown of 4.').waitFor();
  // Fresh pilots answer "no" to most diagnostic questions: all four are in purgatory.
  await band.selectOption('purgatory');
  await expect(bodyRows(frame).count()).resolves.toBe(4);
  await frame.getByRole('combobox', { name: 'First blocking gate' }).selectOption('demo-sign-off');
  await expect(bodyRows(frame).count()).resolves.toBe(3);
  const text = await frame.getByRole('table', { name: 'Pilots', exact: true }).textContent();
  expect(text).not.toContain(onTrack);
  await env.page.locator(FRAME).screenshot({ path: artifactPath('portfolio-filtered.png') });

  const [download] = await Promise.all([
    env.page.waitForEvent('download'),
    frame.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('pilot-portfolio-AIP-2026-03-02.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'Pilot,Summary,Score,Band,First blocking gate,Days since demo,Production owner,Review required,Trend,Killed on',
  );
  expect(lines).toHaveLength(4);
  for (const key of stalled) expect(csv).toContain(`${key},`);
  expect(csv).toContain(',Purgatory,Demo sign-off,121,,yes,');

  // Every band again: the pilot whose name needs quoting comes out quoted, as RFC 4180 asks.
  await band.selectOption('all');
  await frame.getByRole('combobox', { name: 'First blocking gate' }).selectOption('all');
  const [all] = await Promise.all([
    env.page.waitForEvent('download'),
    frame.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(readFileSync(await all.path(), 'utf8')).toContain(`${onTrack},"Fraud, ""alerts"" copilot",`);
});

describe.each(THEMES)('%s theme', (theme) => {
  test.each(PAGE_WIDTHS)(
    'at %i px every column and value of the tables shows whole, nothing scrolls sideways, axe is clean and the keyboard reaches and sorts everything',
    async (width) => {
      const context = await env.browser.newContext({ viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${env.sandbox.url}/projects/AIP/pilot-pathway?as=${ADMIN}&theme=${theme}`);
        const frame = page.frameLocator(FRAME);
        await frame.getByRole('table', { name: 'Pilots', exact: true }).waitFor();
        await expect(frame.locator('html').getAttribute('data-color-mode')).resolves.toBe(theme);
        const report = await pageReport(page, 'portfolio-page');
        expect(report.layout).toEqual([]);
        expect(report.axe).toBe('');
        expect(report.unseenFocus).toEqual([]);
        for (const reached of [
          'button "Decide on',
          'combobox "Band',
          'button "Days since demo',
          'button "Export CSV',
        ]) {
          expect({
            reached,
            found: report.focused.some((label) => label.includes(reached.split(' "')[1] ?? '')),
          }).toEqual({ reached, found: true });
        }
        // Sorting by keyboard: the column's header says how the pilots are sorted now.
        await frame.getByRole('button', { name: /^Days since demo/ }).focus();
        await page.keyboard.press('Enter');
        await expect(
          frame.getByRole('columnheader', { name: /^Days since demo/ }).getAttribute('aria-sort'),
        ).resolves.toBe('ascending');
        await page.locator(FRAME).screenshot({ path: artifactPath(`portfolio-${width}-${theme}.png`) });
      } finally {
        await context.close();
      }
    },
    // Tabbing through a whole page, key by key, takes a while.
    120_000,
  );
});

/** Records a decision; focus then rests on its outcome (not the top of the frame) once the list is read again. */
async function decide(frame: FrameLocator, key: string, fill: (form: FrameLocator) => Promise<void>) {
  await frame.getByRole('button', { name: `Decide on ${key}`, exact: true }).click();
  await fill(frame);
  await frame.getByRole('button', { name: 'Record decision' }).click();
  await expectFocusOnOutcome(frame, key);
}

async function expectFocusOnOutcome(frame: FrameLocator, key: string) {
  const outcome = frame.getByRole('status').filter({ hasText: `Decision recorded on ${key}.` });
  await outcome.waitFor();
  await killList(frame).getByRole('link', { name: key, exact: true }).waitFor({ state: 'detached' });
  await expect(outcome.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
}

const killList = (frame: FrameLocator) =>
  frame.getByRole('list', { name: 'Pilots awaiting a review decision' });

test('accelerate: a named owner and the resourcing; the pilot leaves the kill list', async () => {
  const key = stalled[0] as string;
  const frame = await openPortfolio(env.page);
  // "Continue as before" is not an outcome: submitting without one says so next to the choice.
  await frame.getByRole('button', { name: `Decide on ${key}`, exact: true }).click();
  await frame.getByRole('button', { name: 'Record decision' }).click();
  await frame.getByText("Choose accelerate, pause or kill; 'continue as before' is not an outcome").waitFor();
  await frame.getByRole('button', { name: 'Cancel' }).click();

  await decide(frame, key, async (form) => {
    await form.getByRole('radio', { name: /Accelerate/ }).check();
    await form.getByRole('combobox', { name: 'Owner', exact: true }).fill('Ada');
    await form.getByRole('option', { name: /Ada Admin/ }).click();
    await form.getByRole('textbox', { name: 'Dedicated resourcing' }).fill('Two engineers from April');
  });
  await expect(killList(frame).getByRole('link', { name: key, exact: true }).count()).resolves.toBe(0);
  expect((await storedReadiness(env.sandbox, key)).reviewRequired).toBe(false);
});

test('pause: off the kill list until its resumption date, back once the clock passes it and the daily trigger runs', async () => {
  const key = stalled[1] as string;
  const frame = await openPortfolio(env.page);
  await decide(frame, key, async (form) => {
    await form.getByRole('radio', { name: /Pause/ }).check();
    await form.getByRole('textbox', { name: 'Rationale' }).fill('Budget freeze until Q2.');
    await form.getByRole('textbox', { name: 'Resumption date' }).fill('2026-04-01');
    await form.getByRole('textbox', { name: 'Resumption condition' }).fill('Q2 budget approved');
  });
  await expect(killList(frame).getByRole('link', { name: key, exact: true }).count()).resolves.toBe(0);
  // The comment on the pilot ends each sentence once, however the rationale was typed.
  const comments = JSON.stringify(await jira(env.sandbox, 'GET', `/rest/api/3/issue/${key}/comment`));
  expect(comments).toContain(
    'Pause until 2026-04-01. Rationale: Budget freeze until Q2. Resume when: Q2 budget approved.',
  );
  expect(comments).not.toContain('..');

  const control = async (path: string, body?: unknown) => {
    const reply = await fetch(`${env.sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(reply.status).toBeLessThan(300);
  };
  // The app's daily scheduled trigger, found and run through the control API (sandbox.md).
  const scheduled = (await (await fetch(`${env.sandbox.url}/__sandbox/scheduled`)).json()) as string[];
  const daily = scheduled.find((key) =>
    env.sandbox.runtime.manifest.scheduledTriggers.some(
      (trigger) => trigger.key === key && trigger.interval === 'day',
    ),
  );
  expect(daily).toBeDefined();
  await control('/__sandbox/clock', { now: '2026-04-01T09:00:00Z' });
  await control(`/__sandbox/scheduled/${daily}`);
  await control('/__sandbox/idle');
  expect((await storedReadiness(env.sandbox, key)).reviewRequired).toBe(true);
  const again = await openPortfolio(env.page);
  await killList(again).getByRole('link', { name: key, exact: true }).waitFor();
  await control('/__sandbox/clock', { now: TODAY });
});

test('kill: the pilot and its open workstreams and reviews are closed through their workflows', async () => {
  const key = stalled[2] as string;
  const { workstreams, reviews } = await pilotIssues(env.sandbox, key);
  await transition(env.sandbox, workstreams.mlops as string, TRANSITION.inProgress);
  const frame = await openPortfolio(env.page);
  // By keyboard alone: open the form, choose Kill with the arrow keys, write the reason, submit.
  const keys = env.page.keyboard;
  await frame.getByRole('button', { name: `Decide on ${key}`, exact: true }).focus();
  await keys.press('Enter');
  await keys.press('Tab');
  await expect(
    frame.getByRole('radio', { name: /Accelerate/ }).evaluate((r) => r === document.activeElement),
  ).resolves.toBe(true);
  await keys.press('ArrowDown');
  await keys.press('ArrowDown');
  await expect(frame.getByRole('radio', { name: /Kill/ }).isChecked()).resolves.toBe(true);
  await keys.press('Tab');
  await keys.type('No production sponsor after 121 days');
  await keys.press('Tab');
  await keys.press('Enter');
  await expectFocusOnOutcome(frame, key);
  const category = async (issueKey: string) =>
    (await jira(env.sandbox, 'GET', `/rest/api/3/issue/${issueKey}?fields=status`)).fields.status
      .statusCategory.key as string;
  expect(await category(key)).toBe('done');
  for (const child of [...Object.values(workstreams), ...Object.values(reviews)]) {
    expect({ child, category: await category(child) }).toEqual({ child, category: 'done' });
  }
  const comments = await jira(env.sandbox, 'GET', `/rest/api/3/issue/${key}/comment`);
  expect(JSON.stringify(comments)).toContain('Kill. Reason: No production sponsor after 121 days');
});

test('the pilot panel: a decision recorded from it appears in its audit log, with the trend', async () => {
  const demoField = await fieldId(env.sandbox, 'Demo sign-off date');
  const key = await createPilot(env.sandbox, 'Panel-decided pilot', {
    fields: { [demoField]: '2025-11-01' },
  });
  await env.page.goto(`${env.sandbox.url}/browse/${key}?as=${ADMIN}`);
  const panel = panelFrame(env.page);
  await panel.getByRole('button', { name: 'Record a review decision' }).click();
  await panel.getByRole('radio', { name: /Kill/ }).check();
  await panel.getByRole('textbox', { name: 'Reason' }).fill('Duplicate of another pilot');
  await panel.getByRole('button', { name: 'Record decision' }).click();
  const log = panel.getByRole('list', { name: 'Audit log entries' });
  await log.getByText('Review decision: Kill. Reason: Duplicate of another pilot').waitFor();
  await log.getByText(/Closed after the kill, as not done: /).waitFor();
  await expect(log.textContent()).resolves.toContain('Ada Admin (you)');
  await panel.getByText(/^Trend:/).waitFor();
  await expect(panel.getByRole('button', { name: 'Record a review decision' }).count()).resolves.toBe(0);
  // The form and its button are gone: focus rests on the outcome, not the top of the frame.
  const outcome = panel.getByRole('status').filter({ hasText: `Decision recorded on ${key}.` });
  await expect(outcome.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
  await env.page.locator('iframe[data-module-key="readiness-panel"]').screenshot({
    path: artifactPath('panel-after-kill.png'),
  });
});
