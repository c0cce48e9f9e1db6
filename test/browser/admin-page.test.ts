/**
 * The admin page in Chromium against the sandbox: an admin's save with one invalid entry shows the
 * error next to it and saves nothing, then a valid save goes through (a template edit is previewed,
 * then applied as a new version); someone who is not a Jira admin sees no settings at all.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { PAGE_WIDTHS, PM, THEMES, artifactPath, pageReport, useBrowserSandbox } from './helpers';
import { storedValue } from '../support/trust-steps';

const ADMIN = SANDBOX_USERS.admin.accountId;
const env = useBrowserSandbox();

const ADMIN_FRAME = 'iframe[data-module-key="admin-page"]';

function storedConfig() {
  return storedValue(env.sandbox, 'config') as {
    pilotProjects: string[];
    template: { version: number; rows: Array<{ startWeek: number }> };
  };
}

async function openAdmin(page: Page, accountId: string): Promise<FrameLocator> {
  await page.goto(`${env.sandbox.url}/admin/pilot-pathway?as=${accountId}`);
  return page.frameLocator(ADMIN_FRAME);
}

test('an admin: one invalid template row shows its error next to it and saves nothing; the fixed edit is previewed and applied', async () => {
  const frame = await openAdmin(env.page, ADMIN);
  const startWeek = frame.getByRole('spinbutton', { name: 'Row 3 start week' });
  await startWeek.fill('0');
  await frame.getByRole('button', { name: 'Preview changes' }).click();
  await frame.getByText('start week must be between 1 and 52 (got 0)', { exact: true }).waitFor();
  // The error is the field's own description, next to it.
  await expect(startWeek.getAttribute('aria-invalid')).resolves.toBe('true');
  const describedBy = await startWeek.getAttribute('aria-describedby');
  await expect(frame.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(
    'start week must be between 1 and 52 (got 0)',
  );
  expect(storedConfig().template.version).toBe(1);
  await env.page.locator(ADMIN_FRAME).screenshot({ path: artifactPath('admin-invalid-row.png') });

  await startWeek.fill('3');
  await frame.getByRole('button', { name: 'Preview changes' }).click();
  const preview = frame.getByRole('region', { name: 'Preview of the template change' });
  await preview.getByText('Version 1 → 2').waitFor();
  expect(storedConfig().template.version).toBe(1);
  await preview.getByRole('button', { name: 'Apply as version 2' }).click();
  await frame.getByText(/Saved as template version 2/).waitFor();
  expect(storedConfig().template.version).toBe(2);
  expect(storedConfig().template.rows[2]?.startWeek).toBe(3);
  await frame.getByRole('heading', { name: 'Ownership template (version 2)' }).waitFor();
});

test('an admin: an unknown pilot project is named next to its entry and nothing is saved; removing it saves', async () => {
  const frame = await openAdmin(env.page, ADMIN);
  await frame.getByRole('button', { name: 'Add a project' }).click();
  const added = frame.getByRole('textbox', { name: 'Project 3 key' });
  await added.fill('NOPE');
  await frame.getByRole('button', { name: 'Save projects, owners and review board' }).click();
  await frame.getByText('No project with key NOPE exists, or the app cannot see it').waitFor();
  await expect(added.getAttribute('aria-invalid')).resolves.toBe('true');
  expect(storedConfig().pilotProjects).toEqual(['AIP', 'TEAM']);

  await frame.getByRole('button', { name: 'Remove project NOPE' }).click();
  await frame.getByRole('button', { name: 'Save projects, owners and review board' }).click();
  await frame.getByText('Settings saved.').waitFor();
  expect(storedConfig().pilotProjects).toEqual(['AIP', 'TEAM']);
  await frame.getByText('Company-managed: AI Pilot added to its issue type scheme').waitFor();
  // The team-managed project's admin added AI Pilot by hand; the page says so instead of failing.
  await frame.getByText('Team-managed: its project admin has added AI Pilot').waitFor();
});

/** Opens the admin page afresh and answers its Reminders form and the switch of one kind. */
async function reminderSwitch(label: RegExp) {
  const form = (await openAdmin(env.page, ADMIN)).getByRole('form', { name: 'Reminders' });
  return { form, box: form.getByRole('checkbox', { name: label }) };
}

/** Flips the switch with Space and saves with Enter, the keyboard alone. */
async function flipAndSave(label: RegExp, wasOn: boolean): Promise<void> {
  const { form, box } = await reminderSwitch(label);
  await expect(box.isChecked()).resolves.toBe(wasOn);
  await box.focus();
  await env.page.keyboard.press('Space');
  await form.getByRole('button', { name: 'Save reminders' }).focus();
  await env.page.keyboard.press('Enter');
  await form.getByText('Reminders saved.').waitFor();
}

test('an admin switches a reminder kind off and on again by keyboard alone; each save is kept, the other kinds untouched', async () => {
  const rejected = /^Rejected: the production owner/;
  await flipAndSave(rejected, true);
  await env.page.locator(ADMIN_FRAME).screenshot({ path: artifactPath('admin-reminders.png') });
  await flipAndSave(rejected, false);
  await expect((await reminderSwitch(rejected)).box.isChecked()).resolves.toBe(true);
  await expect((await reminderSwitch(/^Kill list: the production owner/)).box.isChecked()).resolves.toBe(
    true,
  );
});

test('someone who is not a Jira admin sees the refusal and no settings', async () => {
  const frame = await openAdmin(env.page, PM);
  await frame.getByRole('alert').getByText('Only a Jira admin can change Pilot Pathway settings.').waitFor();
  await expect(frame.getByRole('form').count()).resolves.toBe(0);
  await expect(
    frame.getByRole('button', { name: 'Save projects, owners and review board' }).count(),
  ).resolves.toBe(0);
  await expect(frame.locator('body').textContent()).resolves.not.toMatch(
    /Data science team|model-validation/,
  );
});

describe.each(THEMES)('%s theme', (theme) => {
  test.each(PAGE_WIDTHS)(
    'at %i px the template tables show every column and value whole, nothing scrolls sideways, the score weights have visible labels, axe is clean and the keyboard reaches everything',
    async (width) => {
      const context = await env.browser.newContext({ viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${env.sandbox.url}/admin/pilot-pathway?as=${ADMIN}&theme=${theme}`);
        const frame = page.frameLocator(ADMIN_FRAME);
        await frame.getByRole('heading', { name: /^Ownership template/ }).waitFor();
        await expect(frame.locator('html').getAttribute('data-color-mode')).resolves.toBe(theme);
        const report = await pageReport(page, 'admin-page');
        expect(report.layout).toEqual([]);
        expect(report.axe).toBe('');
        expect(report.unseenFocus).toEqual([]);
        for (const reached of [
          'Row 8 weight',
          'Reviews',
          'Preview changes',
          'Save reminders',
          'Repair installation',
        ]) {
          expect({ reached, found: report.focused.some((label) => label.includes(`"${reached}`)) }).toEqual({
            reached,
            found: true,
          });
        }
        const weights = frame.getByRole('group', { name: /^Score weights/ });
        for (const part of ['Workstreams', 'Reviews', 'Data access']) {
          // The label a sighted user reads is the one that names the input.
          await expect(
            weights.locator('label', { hasText: new RegExp(`^${part}$`) }).isVisible(),
          ).resolves.toBe(true);
          await expect(
            weights.getByRole('spinbutton', { name: part, exact: true }).isVisible(),
          ).resolves.toBe(true);
        }
        await page.locator(ADMIN_FRAME).screenshot({ path: artifactPath(`admin-${width}-${theme}.png`) });
      } finally {
        await context.close();
      }
    },
    // Tabbing through a whole page, key by key, takes a while.
    120_000,
  );
});
