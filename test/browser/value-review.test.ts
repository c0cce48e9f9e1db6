/**
 * The value review in Chromium (product.md §15): a pilot live for more than 90 days is listed on the
 * portfolio with its form; the form is axe clean in light and dark and at a phone's width, and a decider
 * records the review by keyboard alone, focus resting on its outcome; the pilot's panel then shows it.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import {
  THEMES,
  TRANSITION,
  artifactPath,
  axeOnFrames,
  axeReport,
  createPilot,
  jira,
  layoutProblems,
  appFrame,
  linkDataAccessTicket,
  panelFrame,
  pilotIssues,
  seriousViolations,
  storedReadiness,
  transition,
  useBrowserSandbox,
} from './helpers';

const ADMIN = SANDBOX_USERS.admin.accountId;
const FRAME = 'iframe[data-module-key="portfolio-page"]';
const GO_LIVE = '2026-01-05';
let pilot: string;

const env = useBrowserSandbox({
  pagePerTest: false,
  setup: async (sandbox) => {
    sandbox.clock.set(`${GO_LIVE}T09:00:00.000Z`);
    pilot = await createPilot(sandbox, 'Claims triage assistant');
    await jira(sandbox, 'PUT', `/rest/api/3/issue/${pilot}/properties/pilot-production-spec`, {
      successMetrics: [
        { name: 'Claims triaged a day', target: 400, unit: 'claims', definedOn: '2025-11-01' },
        { name: 'Accuracy', target: 0.9, unit: '', definedOn: '2025-11-01' },
      ],
    });
    const { workstreams, reviews } = await pilotIssues(sandbox, pilot);
    for (const key of [...Object.values(workstreams), ...Object.values(reviews)])
      await transition(sandbox, key, TRANSITION.done);
    await transition(
      sandbox,
      await linkDataAccessTicket(sandbox, pilot, `Data access: Claims for ${pilot}`),
      TRANSITION.done,
    );
    const live = await storedReadiness(sandbox, pilot);
    if (live.valueReview?.goLiveDate !== GO_LIVE)
      throw new Error(`${pilot} did not go live: ${JSON.stringify(live.valueReview)}`);
    // 91 days later the daily job flags it.
    sandbox.clock.set('2026-04-06T09:00:00.000Z');
    await sandbox.runtime.runScheduled('daily-readiness-trigger');
    await sandbox.idle();
  },
});

async function openPortfolio(page: Page, theme: string): Promise<FrameLocator> {
  await page.goto(`${env.sandbox.url}/projects/AIP/pilot-pathway?as=${ADMIN}&theme=${theme}`);
  const frame = page.frameLocator(FRAME);
  await frame.getByRole('list', { name: 'Pilots awaiting a value review' }).waitFor();
  return frame;
}

async function withPage<T>(width: number, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

test('the pilot is flagged past go-live + 90 days without a review', async () => {
  expect(await storedReadiness(env.sandbox, pilot)).toMatchObject({
    valueReviewDue: true,
    valueReview: { status: 'due', goLiveDate: GO_LIVE, opensOn: '2026-04-05' },
  });
});

describe.each(THEMES)('%s theme', (theme) => {
  test.each([420, 1400])(
    'at %i px the open form is axe clean, reads whole and is reached by Tab',
    async (width) => {
      await withPage(width, async (page) => {
        const frame = await openPortfolio(page, theme);
        const list = frame.getByRole('list', { name: 'Pilots awaiting a value review' });
        await expect(list.textContent()).resolves.toContain('review due since 5 Apr 2026');
        await frame.getByRole('button', { name: `Review value of ${pilot}` }).focus();
        await page.keyboard.press('Enter');
        const form = frame.getByRole('form', { name: `Value review of ${pilot}` });
        await form.waitFor();
        await page.keyboard.press('Tab');
        await expect(
          form
            .getByRole('radio', { name: 'Delivering value' })
            .evaluate((radio) => radio === document.activeElement),
        ).resolves.toBe(true);
        await expect(form.getByText('Target 400 claims').count()).resolves.toBe(1);
        expect(axeReport(seriousViolations(await axeOnFrames(page, [FRAME])))).toBe('');
        expect(await layoutProblems(appFrame(page, 'portfolio-page'))).toEqual([]);
        await form.screenshot({ path: artifactPath(`value-review-form-${width}-${theme}.png`) });
        // Cancel by keyboard: focus goes back to the button that opened the form.
        await form.getByRole('button', { name: 'Cancel' }).focus();
        await page.keyboard.press('Enter');
        await expect(
          frame
            .getByRole('button', { name: `Review value of ${pilot}` })
            .evaluate((button) => button === document.activeElement),
        ).resolves.toBe(true);
      });
    },
    60_000,
  );
});

test('a decider records the value review by keyboard alone; focus rests on its outcome; the panel shows it', async () => {
  await withPage(1280, async (page) => {
    const frame = await openPortfolio(page, 'dark');
    const keys = page.keyboard;
    await frame.getByRole('button', { name: `Review value of ${pilot}` }).focus();
    await keys.press('Enter');
    // Submitting without an outcome says so beside the choice, and records nothing.
    await frame.getByRole('button', { name: 'Record value review' }).focus();
    await keys.press('Enter');
    await frame.getByText('Choose delivering, partly or not delivering').first().waitFor();
    await frame.getByRole('radio', { name: 'Delivering value' }).focus();
    await keys.press('ArrowDown');
    await expect(frame.getByRole('radio', { name: 'Partly delivering' }).isChecked()).resolves.toBe(true);
    await keys.press('Tab');
    await keys.type('310');
    await keys.press('Tab');
    await keys.type('0.93');
    await keys.press('Tab');
    await keys.type('Volume below target while the second region onboards');
    await keys.press('Tab');
    await keys.press('Enter');
    const outcome = frame
      .getByRole('status')
      .filter({ hasText: `Value review recorded on ${pilot}: Partly delivering.` });
    await outcome.waitFor();
    await frame.getByText('No live pilot is waiting for its value review.').waitFor();
    await expect(outcome.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.locator(FRAME).screenshot({ path: artifactPath('value-review-recorded.png') });
    expect(await storedReadiness(env.sandbox, pilot)).toMatchObject({
      valueReviewDue: false,
      valueReview: { status: 'reviewed', outcome: 'partly', reviewedOn: '2026-04-06' },
    });

    await page.goto(`${env.sandbox.url}/browse/${pilot}?as=${ADMIN}&theme=dark`);
    const panel = panelFrame(page);
    const section = panel.getByRole('region', { name: 'After go-live' });
    await section.waitFor();
    await expect(section.textContent()).resolves.toContain(
      'Partly delivering, reviewed on 6 Apr 2026 by Ada Admin.',
    );
    await expect(panel.getByRole('list', { name: 'Measured values' }).textContent()).resolves.toBe(
      'Claims triaged a day: 310 claimstarget 400 claimsAccuracy: 0.93target 0.9',
    );
    expect(
      axeReport(seriousViolations(await axeOnFrames(page, ['iframe[data-module-key="readiness-panel"]']))),
    ).toBe('');
    await section.screenshot({ path: artifactPath('value-review-panel-dark.png') });
  });
}, 60_000);
