/**
 * The pages across projects in Chromium (product.md §15): the global page at every width and theme,
 * and the dashboard gadget with its edit view, each axe clean, every focus visible and reachable by the
 * keyboard alone; the gadget's setting chosen by keyboard and kept by the host as Jira keeps it.
 */
import type { Page } from 'playwright-core';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import {
  PAGE_WIDTHS,
  PM,
  THEMES,
  TRANSITION,
  appFrame,
  artifactPath,
  createPilot,
  jira,
  pageReport,
  pilotIssues,
  transition,
  useBrowserSandbox,
} from './helpers';

const OUTSIDER = SANDBOX_USERS.outsider.accountId;
const GLOBAL = 'iframe[data-module-key="pilot-pathway-global"]';
const GADGET = 'iframe[data-module-key="portfolio-gadget"]';

let aip: string[];
let team: string;

const env = useBrowserSandbox({
  pagePerTest: false,
  setup: async (sandbox) => {
    sandbox.clock.set('2026-03-02T09:00:00.000Z');
    aip = [
      await createPilot(sandbox, 'Claims triage assistant'),
      await createPilot(sandbox, 'Invoice matcher'),
    ];
    const { workstreams } = await pilotIssues(sandbox, aip[0] as string);
    await transition(sandbox, workstreams['model-validation'] as string, TRANSITION.done);
    const project = await jira(sandbox, 'GET', '/rest/api/3/project/TEAM');
    const pilotType = (project.issueTypes as Array<{ id: string; name: string }>).find(
      (type) => type.name === 'AI Pilot',
    );
    const created = await jira(sandbox, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'TEAM' }, summary: 'Team churn model', issuetype: { id: pilotType?.id } },
    });
    team = String(created.key);
    await sandbox.idle();
  },
});

async function withPage<T>(width: number, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

describe.each(THEMES)('the global page, %s theme', (theme) => {
  test.each(PAGE_WIDTHS)(
    'at %i px every project and table reads whole, axe is clean and the keyboard reaches and sorts everything',
    async (width) => {
      await withPage(width, async (page) => {
        await page.goto(`${env.sandbox.url}/jira/apps/pilot-pathway?as=${PM}&theme=${theme}`);
        const frame = page.frameLocator(GLOBAL);
        await frame.getByRole('table', { name: 'Pilots of TEAM' }).waitFor();
        await expect(frame.locator('html').getAttribute('data-color-mode')).resolves.toBe(theme);
        await expect(frame.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          'Pilots across projects',
        );
        for (const key of [...aip, team])
          await frame.getByRole('link', { name: key, exact: true }).first().waitFor();
        const report = await pageReport(page, 'pilot-pathway-global');
        expect(report.layout).toEqual([]);
        expect(report.axe).toBe('');
        expect(report.unseenFocus).toEqual([]);
        for (const reached of ['a "' + team, 'button "Score', 'select "Band', 'button "Export CSV']) {
          expect({ reached, found: report.focused.some((label) => label.includes(reached)) }).toEqual({
            reached,
            found: true,
          });
        }
        // Sorting one project's table by keyboard leaves the other's as it was.
        const aipTable = frame.getByRole('table', { name: 'Pilots of AIP' });
        await aipTable.getByRole('button', { name: /^Pilot/ }).focus();
        await page.keyboard.press('Enter');
        await expect(
          aipTable.getByRole('columnheader', { name: /^Pilot/ }).getAttribute('aria-sort'),
        ).resolves.toBe('ascending');
        await expect(
          frame
            .getByRole('table', { name: 'Pilots of TEAM' })
            .getByRole('columnheader', { name: /^Score/ })
            .getAttribute('aria-sort'),
        ).resolves.toBe('ascending');
        await page.locator(GLOBAL).screenshot({ path: artifactPath(`global-page-${width}-${theme}.png`) });
      });
    },
    120_000,
  );
});

test('the global page shows someone only the pilot projects they may browse', async () => {
  await withPage(1400, async (page) => {
    await page.goto(`${env.sandbox.url}/jira/apps/pilot-pathway?as=${OUTSIDER}`);
    const frame = page.frameLocator(GLOBAL);
    await frame.getByRole('table', { name: 'Pilots of TEAM' }).waitFor();
    await expect(frame.getByRole('table', { name: 'Pilots of AIP' }).count()).resolves.toBe(0);
    const text = (await frame.locator('body').textContent()) ?? '';
    for (const key of aip) expect(text).not.toContain(key);
  });
});

describe.each(THEMES)('the dashboard gadget, %s theme', (theme) => {
  afterEach(() => env.sandbox.gadgetSettings.clear());

  test('its view and its edit view are axe clean; its project is chosen and saved by keyboard alone', async () => {
    await withPage(1400, async (page) => {
      await page.goto(`${env.sandbox.url}/jira/dashboards/10100?as=${PM}&theme=${theme}`);
      const view = page.frameLocator(GADGET);
      await expect(view.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Pilots: Every pilot project you can browse',
      );
      await view.getByRole('list', { name: 'Pilots per band' }).waitFor();
      const viewReport = await pageReport(page, 'portfolio-gadget');
      expect({ axe: viewReport.axe, unseen: viewReport.unseenFocus, layout: viewReport.layout }).toEqual({
        axe: '',
        unseen: [],
        layout: [],
      });
      await page.locator(GADGET).screenshot({ path: artifactPath(`gadget-all-${theme}.png`) });

      // The host's Edit link, then the settings form, by keyboard alone.
      await page.getByRole('link', { name: /^Edit Pilot Pathway portfolio/ }).focus();
      await page.keyboard.press('Enter');
      const edit = page.frameLocator(GADGET);
      const select = edit.getByRole('combobox', { name: 'Project' });
      await select.waitFor();
      expect(page.url()).toContain('edit=1');
      const editReport = await pageReport(page, 'portfolio-gadget');
      expect({ axe: editReport.axe, unseen: editReport.unseenFocus }).toEqual({ axe: '', unseen: [] });
      expect({
        project: editReport.focused.some((label) => label.startsWith('select')),
        save: editReport.focused.some((label) => label.includes('"Save')),
      }).toEqual({ project: true, save: true });
      await page.locator(GADGET).screenshot({ path: artifactPath(`gadget-edit-${theme}.png`) });
      await select.focus();
      await page.keyboard.press('ArrowDown');
      await expect(select.inputValue()).resolves.toBe('AIP');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      // Saved: the host shows the gadget again, with its setting.
      await page.waitForURL((url) => !url.search.includes('edit=1'));
      const saved = page.frameLocator(GADGET);
      await expect(saved.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Pilots: AI Pilots (AIP)',
      );
      expect(env.sandbox.gadgetSettings.get('10101')).toEqual({ project: 'AIP' });
      expect(appFrame(page, 'portfolio-gadget').url()).not.toContain('entryPoint');
      await expect(saved.getByRole('region', { name: 'Funnel' }).count()).resolves.toBe(1);
      await page.locator(GADGET).screenshot({ path: artifactPath(`gadget-aip-${theme}.png`) });
    });
  }, 120_000);
});
