/**
 * The readiness gauge in Debian's Chromium: the score the spec gives (product.md §5) for states a
 * project manager creates through the Jira REST API, and the needle moving after a sub-task is
 * moved on the sandbox's own issue page.
 */
import type { FrameLocator } from 'playwright-core';
import {
  TRANSITION,
  createPilot,
  meter,
  meterValue,
  openPilotPanel,
  panelFrame,
  pilotIssues,
  specScore,
  storedReadiness,
  subtasksOf,
  transition,
  useBrowserSandbox,
  waitUntil,
} from './helpers';

const BAND_LABEL: Record<string, string> = {
  ready: 'Ready',
  'on-track': 'On track',
  'at-risk': 'At risk',
  purgatory: 'Purgatory',
};

const env = useBrowserSandbox();

/** What the panel shows next to the needle: `<score> of 100` and the band lozenge. */
async function visibleLabel(frame: FrameLocator): Promise<{ score: string; band: string }> {
  const label = frame.locator('.gauge-label');
  return {
    score: ((await label.locator('.gauge-score').textContent()) ?? '').trim(),
    band: ((await label.locator('.lozenge').textContent()) ?? '').trim(),
  };
}

async function expectGauge(frame: FrameLocator, score: number, band: string): Promise<void> {
  await waitUntil(
    () => meterValue(frame),
    (v) => v === score,
    `the gauge to show ${score}`,
  );
  const m = meter(frame);
  expect(await m.getAttribute('aria-valuemin')).toBe('0');
  expect(await m.getAttribute('aria-valuemax')).toBe('100');
  expect(await m.getAttribute('aria-valuetext')).toBe(`${score} of 100, ${BAND_LABEL[band]?.toLowerCase()}`);
  expect(await visibleLabel(frame)).toEqual({ score: String(score), band: BAND_LABEL[band] });
  await expect(frame.locator('.gauge-label').textContent()).resolves.toContain(`${score} of 100`);
  // The needle is drawn at the score: 0 → −90°, 50 → 0°, 100 → +90°.
  const angle = Number(await frame.locator('.gauge-needle').getAttribute('data-angle'));
  expect(angle).toBeCloseTo(score * 1.8 - 90, 2);
}

test('a fresh pilot shows 0 and purgatory, in the panel and in the issue context', async () => {
  const key = await createPilot(env.sandbox, 'Fresh pilot');
  const stored = await storedReadiness(env.sandbox, key);
  expect(stored).toMatchObject({ score: 0, band: 'purgatory', graduated: false });

  const frame = await openPilotPanel(env.page, env.sandbox, key);
  await expectGauge(frame, 0, 'purgatory');
  await expect(frame.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(key);

  const side = env.page.frameLocator('iframe[data-module-key="readiness-context"]');
  await meter(side).waitFor();
  expect(await meterValue(side)).toBe(0);
});

test('2 workstreams done and 1 in progress show 16 (50/8 × 2.5 = 15.625, rounded half up)', async () => {
  const key = await createPilot(env.sandbox, 'Half-way pilot');
  const subtasks = await subtasksOf(env.sandbox, key);
  expect(subtasks).toHaveLength(8);
  const [first, second, third] = subtasks.map((s) => String(s.key));
  await transition(env.sandbox, first as string, TRANSITION.done);
  await transition(env.sandbox, second as string, TRANSITION.done);
  await transition(env.sandbox, third as string, TRANSITION.inProgress);

  const expected = specScore({ workstreamCredit: 2.5 });
  expect(expected).toBe(16);
  const stored = await storedReadiness(env.sandbox, key);
  expect(stored.score).toBe(expected);

  const frame = await openPilotPanel(env.page, env.sandbox, key);
  await expectGauge(frame, expected, stored.band);
  // The needle sits in the hatched "under 50" zone.
  expect(await frame.locator('.gauge-needle').getAttribute('data-zone')).toBe('low');
});

test("moving a sub-task to done on the pilot's page and reloading moves the needle", async () => {
  const key = await createPilot(env.sandbox, 'Moving pilot');
  const { workstreams } = await pilotIssues(env.sandbox, key);
  await transition(env.sandbox, workstreams['model-validation'] as string, TRANSITION.done);
  await transition(env.sandbox, workstreams['data-access'] as string, TRANSITION.done);
  await transition(env.sandbox, workstreams.infrastructure as string, TRANSITION.inProgress);

  let frame = await openPilotPanel(env.page, env.sandbox, key);
  await expectGauge(frame, 16, (await storedReadiness(env.sandbox, key)).band);

  // The sandbox's issue view: the sub-task table has a "Move <KEY> to" select and a Move button.
  const mlops = workstreams.mlops as string;
  const control = env.page.getByLabel(`Move ${mlops} to`);
  await control.selectOption(TRANSITION.done);
  const moved = env.page.waitForResponse((r) => r.url().includes('/__sandbox/host/transition'));
  await env.page.locator('form', { has: control }).getByRole('button', { name: 'Move' }).click();
  expect((await moved).status()).toBe(303);
  await env.page.waitForLoadState('load');

  // 3 done + 1 in progress: 50/8 × 3.5 = 21.875 → 22.
  const expected = specScore({ workstreamCredit: 3.5 });
  expect(expected).toBe(22);
  const row = env.page
    .getByRole('row')
    .filter({ has: env.page.getByRole('link', { name: mlops, exact: true }) });
  await expect(row.locator('.lozenge').textContent()).resolves.toBe('Done');

  // The form's redirect reloaded the issue page: the panel already shows the new score...
  frame = panelFrame(env.page);
  await expectGauge(frame, expected, (await storedReadiness(env.sandbox, key)).band);
  // ...and so does a plain reload.
  await env.page.reload();
  await meter(frame).waitFor();
  await expectGauge(frame, expected, (await storedReadiness(env.sandbox, key)).band);
  expect((await storedReadiness(env.sandbox, key)).score).toBe(expected);
});
