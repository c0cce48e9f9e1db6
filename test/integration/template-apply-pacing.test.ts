/**
 * A template apply on a site with more active pilots than Forge takes queue events in a minute
 * (product.md §16): the re-syncs go out as a paced chain of pages, every active pilot gets the new
 * row once, no push is refused and no minute carries more than 500 events; a page delivered again
 * does nothing; the admin page shows how far the apply is.
 */
import { PILOTS_PER_PAGE } from '../../src/domain/template-apply';
import { createPilot, generatedIssues, letSearchCatchUp, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import type { TemplateChangePreview } from '../../src/ui-contract';
import { adminCall, data } from '../support/servicenow-steps';
import { loadedTemplate, openAdminPage, withExtraRow } from '../support/trust-steps';

// One site for the file: the second test replays pages of the first one's apply.
const env = useSandbox('empty', { resetEachTest: false });

/**
 * Pilots on the site: enough for several pages of the chain in `npm test`. With PACING_PILOTS=510 (more
 * than the 500 events a minute Forge takes from one installation in one push) it shows the pacing itself,
 * in about 7 minutes; `npm run bench:check` shows it on 1,000 pilots (0 refused pushes, ≤ 500 a minute).
 */
const PILOTS = Number(process.env.PACING_PILOTS ?? 40);

function resyncAuditsByPilot(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, entry] of Object.entries(env.sandbox.runtime.kvs.snapshot())) {
    if (!key.startsWith('audit:') || (entry as { action?: string }).action !== 'template-resync') continue;
    const pilotId = key.split(':')[1] as string;
    counts.set(pilotId, (counts.get(pilotId) ?? 0) + 1);
  }
  return counts;
}

/** A queue event delivered to the app again, as Forge may (at-least-once delivery). */
async function deliverAgain(body: Record<string, unknown>): Promise<void> {
  const pushed = await env.sandbox.runtime.forgeFetch(
    { type: 'fpp', remote: 'stargate' },
    '/webhook/queue/publish/sandbox/pilot-work/replay/1',
    { method: 'POST', body: JSON.stringify({ queueName: 'pilot-work', payload: [{ body }] }) },
  );
  expect(pushed.status).toBe(201);
  await env.sandbox.idle();
}

describe(`a template apply across ${PILOTS} active pilots`, () => {
  const pilots: Array<{ id: string; key: string }> = [];

  beforeAll(async () => {
    // The site is built quickly, Forge's limits aside; the apply runs with them on.
    env.sandbox.clock.set('2026-03-02T09:00:00.000Z');
    env.sandbox.runtime.setPlatformBehaviour({ forgeLimits: false });
    for (let index = 0; index < PILOTS; index++)
      pilots.push(await createPilot(env.sandbox, `Pilot ${index + 1}`));
    letSearchCatchUp(env.sandbox);
    // Jira and storage at production's latency: without it the emulator serves a page's re-syncs
    // faster than Forge's storage quotas (1,000 requests a second) would let them go.
    env.sandbox.runtime.setPlatformBehaviour({ forgeLimits: true, jiraLatencyMs: 150, kvsLatencyMs: 10 });
    env.sandbox.runtime.clearPlatformQuotas();
    env.sandbox.runtime.resetPlatformMetrics();
  }, 600_000);

  it('re-syncs every pilot once, in paced pages: no refused push, at most 500 events a minute', async () => {
    const template = withExtraRow(await loadedTemplate(env.sandbox));
    const preview = data(
      await adminCall<TemplateChangePreview>(env.sandbox, 'previewTemplateChange', { template }),
    );
    expect(preview.pilots).toBe(PILOTS);
    // The admin reads the preview (which reads every pilot's stored view) for a minute, then confirms.
    env.sandbox.clock.advance(60_000);
    const applied = await adminCall<{ version: number; pilotsQueued: number }>(
      env.sandbox,
      'applyTemplateChange',
      { template, confirmation: preview.confirmation, revision: preview.revision },
    );
    await env.sandbox.idle();
    expect(applied).toMatchObject({ ok: true, data: { version: 2, pilotsQueued: PILOTS } });

    const queue = env.sandbox.runtime.platformMetrics().queue;
    expect(queue.refused).toBe(0);
    expect(queue.maxPerMinute).toBeLessThanOrEqual(500);
    expect(queue.pushed).toBeGreaterThanOrEqual(PILOTS);

    const withoutRow = pilots.filter(
      (pilot) =>
        !generatedIssues(env.sandbox, pilot.id).workstreams.some(
          (issue) =>
            issue.properties['pilot-pathway-origin'] !== undefined &&
            (issue.properties['pilot-pathway-origin'] as { row?: string }).row === 'model-risk-review',
        ),
    );
    expect(withoutRow.map((pilot) => pilot.key)).toEqual([]);
    const audits = resyncAuditsByPilot();
    expect(pilots.filter((pilot) => audits.get(pilot.id) !== 1).map((pilot) => pilot.key)).toEqual([]);

    expect((await openAdminPage(env.sandbox)).templateApply).toEqual({
      version: 2,
      pilots: PILOTS,
      queued: PILOTS,
      done: true,
      minutesLeft: 0,
    });
  }, 1_200_000);

  it('a page delivered again, or a page of an older apply, queues nothing', async () => {
    env.sandbox.runtime.resetPlatformMetrics();
    const issuesBefore = site(env.sandbox).issues().length;
    await deliverAgain({ kind: 'resync-page', templateVersion: 2, from: 0 });
    await deliverAgain({ kind: 'resync-page', templateVersion: 2, from: PILOTS_PER_PAGE });
    await deliverAgain({ kind: 'resync-page', templateVersion: 1, from: 0 });
    // Only the three deliveries above were pushed: the pages themselves pushed nothing.
    expect(env.sandbox.runtime.platformMetrics().queue.pushed).toBe(3);
    expect(site(env.sandbox).issues()).toHaveLength(issuesBefore);
    const audits = resyncAuditsByPilot();
    expect(pilots.filter((pilot) => audits.get(pilot.id) !== 1).map((pilot) => pilot.key)).toEqual([]);
  }, 120_000);
});
