/**
 * axe-core on the app's panels inside the sandbox's issue page, in the light and the dark theme:
 * no serious or critical violation in the Production readiness panel, the issue context and the
 * epic roll-up. Screenshots of each are kept in test-artifacts/ (gitignored) for a human to look at.
 */
import { writeFileSync } from 'node:fs';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import {
  TRANSITION,
  THEMES,
  artifactPath,
  axeOnFrames,
  axeReport,
  createEpicWithPilot,
  createPilot,
  fieldId,
  meter,
  panelFrame,
  seriousViolations,
  useBrowserSandbox,
} from './helpers';

const PANEL = 'iframe[data-module-key="readiness-panel"]';
const CONTEXT = 'iframe[data-module-key="readiness-context"]';
const ADMIN_PAGE = 'iframe[data-module-key="admin-page"]';
const PORTFOLIO = 'iframe[data-module-key="portfolio-page"]';

let epic: string;
let pilot: string;

// Each test opens its own context (theme, width): no shared page.
const env = useBrowserSandbox({
  pagePerTest: false,
  setup: async (sandbox) => {
    // A pilot with a bit of everything on screen: passed and blocked gates, a data-access ticket,
    // yes and no answers, workstreams in every state.
    ({ epic, pilot } = await createEpicWithPilot(sandbox, {
      epic: 'Accessibility pilots',
      pilot: 'Claims summarisation copilot',
      workstreams: {
        'model-validation': TRANSITION.done,
        'data-access': TRANSITION.inProgress,
        infrastructure: TRANSITION.inProgress,
      },
      reviews: { security: TRANSITION.done, legal: TRANSITION.inProgress },
      dataAccess: 'Data access: claims history 2019-2025',
    }));
    await createPilot(sandbox, 'Invoice triage assistant', { parent: epic });
    // A pilot long past its demo, so the portfolio shows a kill list and its decision form.
    const demo = await fieldId(sandbox, 'Demo sign-off date');
    await createPilot(sandbox, 'Contract clause extractor', { fields: { [demo]: '2020-01-06' } });
  },
});

async function openPage(theme: string, key: string, width = 1280): Promise<Page> {
  return openPath(`/browse/${key}?theme=${theme}`, width);
}

async function openPath(path: string, width = 1280): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.sandbox.url}${path}`);
  return page;
}

/** Every violation, of any impact, kept per theme in test-artifacts/axe-<theme>.json for the record. */
const recorded: Record<
  string,
  Array<{ surface: string; impact: string; id: string; targets: unknown[] }>
> = {};

function record(theme: string, surface: string, results: AxeResults): void {
  (recorded[theme] ??= []).push(
    ...results.violations.map((v) => ({
      surface,
      impact: String(v.impact),
      id: v.id,
      targets: v.nodes.map((n) => n.target),
    })),
  );
  writeFileSync(artifactPath(`axe-${theme}.json`), `${JSON.stringify(recorded[theme], null, 2)}\n`);
}

describe.each(THEMES)('%s theme', (theme) => {
  test('the pilot panel, its forms and the issue context have no serious or critical axe violation', async () => {
    const page = await openPage(theme, pilot);
    try {
      const frame = panelFrame(page);
      await meter(frame).waitFor();
      await meter(page.frameLocator(CONTEXT)).waitFor();
      // The panel follows the host's theme.
      await expect(frame.locator('html').getAttribute('data-color-mode')).resolves.toBe(theme);
      const results = await axeOnFrames(page, [PANEL, CONTEXT]);
      record(theme, 'pilot panel and issue context', results);
      expect(results.passes.length).toBeGreaterThan(10);
      expect(axeReport(seriousViolations(results))).toBe('');
      await page.locator(PANEL).screenshot({ path: artifactPath(`panel-${theme}.png`) });
      await page.locator(CONTEXT).screenshot({ path: artifactPath(`context-${theme}.png`) });

      await frame.getByRole('button', { name: 'Edit production spec' }).click();
      await frame.getByRole('button', { name: 'Request data access' }).click();
      await frame.getByRole('form', { name: 'Production spec' }).waitFor();
      const withForms = await axeOnFrames(page, [PANEL]);
      record(theme, 'pilot panel with forms open', withForms);
      expect(axeReport(seriousViolations(withForms))).toBe('');
      await page.locator(PANEL).screenshot({ path: artifactPath(`panel-forms-${theme}.png`) });
    } finally {
      await page.context().close();
    }
  });

  test('the epic roll-up has no serious or critical axe violation', async () => {
    const page = await openPage(theme, epic);
    try {
      await panelFrame(page).getByRole('list', { name: 'Pilots per band' }).waitFor();
      await page.frameLocator(CONTEXT).getByRole('list', { name: 'Pilots per band' }).waitFor();
      const results = await axeOnFrames(page, [PANEL, CONTEXT]);
      record(theme, 'epic roll-up and issue context', results);
      expect(axeReport(seriousViolations(results))).toBe('');
      await page.locator(PANEL).screenshot({ path: artifactPath(`epic-${theme}.png`) });
    } finally {
      await page.context().close();
    }
  });

  test('the panel in a 360 px wide window fits its frame and has no serious or critical axe violation', async () => {
    const page = await openPage(theme, pilot, 360);
    try {
      const frame = panelFrame(page);
      await meter(frame).waitFor();
      const results = await axeOnFrames(page, [PANEL]);
      record(theme, 'pilot panel at 360 px', results);
      expect(axeReport(seriousViolations(results))).toBe('');
      // Nothing in the panel is wider than its frame (no horizontal scrolling inside the iframe).
      const panel = page.frames().find((f) => f.url().includes('moduleKey=readiness-panel'));
      const overflow = await panel?.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await page.locator(PANEL).screenshot({ path: artifactPath(`panel-narrow-${theme}.png`) });
    } finally {
      await page.context().close();
    }
  });
  test('the admin page, with a field error shown, has no serious or critical axe violation', async () => {
    const page = await openPath(`/admin/pilot-pathway?theme=${theme}&as=${SANDBOX_USERS.admin.accountId}`);
    try {
      const frame = page.frameLocator(ADMIN_PAGE);
      await frame.getByRole('spinbutton', { name: 'Row 2 start week' }).fill('0');
      await frame.getByRole('button', { name: 'Preview changes' }).click();
      await frame.getByText('start week must be between 1 and 52 (got 0)', { exact: true }).waitFor();
      await expect(frame.locator('html').getAttribute('data-color-mode')).resolves.toBe(theme);
      const results = await axeOnFrames(page, [ADMIN_PAGE]);
      record(theme, 'admin page', results);
      expect(axeReport(seriousViolations(results))).toBe('');
      await page.locator(ADMIN_PAGE).screenshot({ path: artifactPath(`admin-${theme}.png`) });
    } finally {
      await page.context().close();
    }
  });

  test('the portfolio page, with the decision form open, has no serious or critical axe violation', async () => {
    const page = await openPath(
      `/projects/AIP/pilot-pathway?theme=${theme}&as=${SANDBOX_USERS.admin.accountId}`,
    );
    try {
      const frame = page.frameLocator(PORTFOLIO);
      await frame
        .getByRole('button', { name: /^Decide on / })
        .first()
        .click();
      await frame.getByRole('radio', { name: /Pause/ }).check();
      await frame.getByRole('list', { name: /Open workstreams of/ }).waitFor();
      await expect(frame.locator('html').getAttribute('data-color-mode')).resolves.toBe(theme);
      const results = await axeOnFrames(page, [PORTFOLIO]);
      record(theme, 'portfolio page', results);
      expect(axeReport(seriousViolations(results))).toBe('');
      await page.locator(PORTFOLIO).screenshot({ path: artifactPath(`portfolio-${theme}.png`) });
    } finally {
      await page.context().close();
    }
  });
});
