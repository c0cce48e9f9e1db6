/**
 * Diagnostic question 4 (product.md §8): "A written production spec exists" answers yes only when
 * latency, availability, rollback and monitoring are all written. Edited in the panel, in Chromium,
 * as the project manager; the answer, the no-count and the stored `pilot-readiness` follow.
 */
import type { FrameLocator } from 'playwright-core';
import {
  type Json,
  createPilot,
  jira,
  openPilotPanel,
  storedReadiness,
  useBrowserSandbox,
  waitUntil,
} from './helpers';

const SPEC = {
  Latency: 'p95 under 300 ms at 50 requests per second',
  Availability: '99.9% during business hours',
  Rollback: 'previous model restored in under 15 minutes',
  Monitoring: 'drift and error-rate alerts to the on-call team',
};

const env = useBrowserSandbox();

/** Question 4 as the panel shows it: its "Yes"/"No", and the "N of 7 answers are no." count. */
async function diagnostic(frame: FrameLocator): Promise<{ q4: string; noCount: number }> {
  const q4 = frame.locator('ol.diagnostic > li').filter({ hasText: 'A written production spec exists' });
  const status = ((await q4.locator('.status').textContent()) ?? '').trim();
  const summary = (await frame.getByText(/of \d+ answers are no\./).textContent()) ?? '';
  return { q4: status, noCount: Number(/(\d+) of \d+ answers are no/.exec(summary)?.[1]) };
}

async function fillSpec(frame: FrameLocator, entries: Partial<typeof SPEC>): Promise<void> {
  await frame.getByRole('button', { name: 'Edit production spec' }).click();
  const form = frame.getByRole('form', { name: 'Production spec' });
  for (const [label, value] of Object.entries(entries))
    await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await frame.getByRole('status').filter({ hasText: 'Production spec saved.' }).waitFor();
}

test('filling latency, availability, rollback and monitoring flips question 4 to yes and drops the no-count by one', async () => {
  const key = await createPilot(env.sandbox, 'Spec pilot');
  const before = await storedReadiness(env.sandbox, key);
  expect(before.diagnostic.answers.find((a: Json) => a.id === 4)?.yes).toBe(false);

  let frame = await openPilotPanel(env.page, env.sandbox, key);
  const start = await diagnostic(frame);
  expect(start).toEqual({ q4: 'No', noCount: before.diagnostic.noCount });
  await expect(frame.getByText(/0 of 4 entries written/).count()).resolves.toBe(1);

  // Three of four is not a written spec.
  const { Monitoring: _monitoring, ...three } = SPEC;
  await fillSpec(frame, three);
  expect(await diagnostic(frame)).toEqual(start);
  await expect(frame.getByText(/3 of 4 entries written/).count()).resolves.toBe(1);

  // The fourth entry makes it one.
  await fillSpec(frame, { Monitoring: SPEC.Monitoring });
  const after = await waitUntil(
    () => diagnostic(frame),
    (d) => d.q4 === 'Yes',
    'question 4 to answer yes',
  );
  expect(after).toEqual({ q4: 'Yes', noCount: start.noCount - 1 });
  await expect(frame.getByText(/4 of 4 entries written\./).count()).resolves.toBe(1);
  for (const value of Object.values(SPEC)) await expect(frame.getByText(value).count()).resolves.toBe(1);

  // Stored, not only drawn: the spec property, and the recomputed readiness.
  const spec = await jira(env.sandbox, 'GET', `/rest/api/3/issue/${key}/properties/pilot-production-spec`);
  expect(spec.value).toEqual({
    latency: SPEC.Latency,
    availability: SPEC.Availability,
    rollback: SPEC.Rollback,
    monitoring: SPEC.Monitoring,
    dataSources: [],
    successMetrics: [],
  });
  const stored = await storedReadiness(env.sandbox, key);
  expect(stored.diagnostic.answers.find((a: Json) => a.id === 4)?.yes).toBe(true);
  expect(stored.diagnostic.noCount).toBe(before.diagnostic.noCount - 1);

  // And still there after a reload.
  frame = await openPilotPanel(env.page, env.sandbox, key);
  expect(await diagnostic(frame)).toEqual(after);
});

test('clearing an entry again flips question 4 back to no', async () => {
  const key = await createPilot(env.sandbox, 'Spec pilot, revised');
  let frame = await openPilotPanel(env.page, env.sandbox, key);
  const start = await diagnostic(frame);
  await fillSpec(frame, SPEC);
  expect(await diagnostic(frame)).toEqual({ q4: 'Yes', noCount: start.noCount - 1 });

  await fillSpec(frame, { Rollback: '   ' });
  expect(await diagnostic(frame)).toEqual(start);
  frame = await openPilotPanel(env.page, env.sandbox, key);
  expect(await diagnostic(frame)).toEqual(start);
  expect((await storedReadiness(env.sandbox, key)).diagnostic.noCount).toBe(start.noCount);
});
