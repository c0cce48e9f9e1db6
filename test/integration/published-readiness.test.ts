/**
 * The published property is never trusted (product.md §14): anyone who can edit a pilot can write its
 * `pilot-readiness` property, so no decision, roll-up, list or job reads it back; the daily job finds
 * a copy that differs from the app's stored truth and restores it, audited.
 */
import type { EpicView, PanelView } from '../../src/ui-contract';
import {
  createIssue,
  createPilot,
  jira,
  jqlKeys,
  letSearchCatchUp,
  readinessOf,
  site,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data, panelCall } from '../support/servicenow-steps';
import {
  KILL,
  auditOf,
  decide,
  forgeReadiness,
  killListPilot,
  portfolio,
  runDailyJob,
} from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

describe('a forged pilot-readiness property', () => {
  it('changes nothing the app shows or decides: portfolio, kill list, epic', async () => {
    const epic = await createIssue(env.sandbox, 'AIP', 'Epic', 'Forged programme');
    const pilot = await killListPilot(env.sandbox, 'Forged pilot');
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
      fields: { parent: { key: epic.key } },
    });
    await env.sandbox.idle();
    await forgeReadiness(env.sandbox, pilot.key);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ score: 100, graduated: 'true' });
    letSearchCatchUp(env.sandbox);

    const row = (await portfolio(env.sandbox)).rows.find((candidate) => candidate.key === pilot.key);
    expect(row).toMatchObject({ band: 'purgatory', reviewRequired: true });
    expect(row?.score).not.toBe(100);

    const rollUp = data(await panelCall<PanelView>(env.sandbox, epic, 'getPanel')) as EpicView;
    expect(rollUp.countByBand.ready).toBe(0);
    expect(rollUp.killList).toEqual([pilot.key]);

    // Still on the kill list for the app: an admin's kill is accepted.
    const killed = data(await decide(env.sandbox, pilot, KILL));
    expect(killed.readiness.band).toBe('killed');
  });

  it('is restored by the daily job, audited, and JQL no longer finds it graduated', async () => {
    const pilot = await killListPilot(env.sandbox, 'Forged overnight');
    const honest = await createPilot(env.sandbox, 'Honest pilot');
    await forgeReadiness(env.sandbox, pilot.key);
    letSearchCatchUp(env.sandbox);
    expect(await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].graduated = "true"')).toEqual([
      pilot.key,
    ]);

    site(env.sandbox).resetMetrics();
    await runDailyJob(env.sandbox);
    // The one forged copy is rewritten; the honest pilot costs no write.
    const writes = site(env.sandbox).metrics().byOperation['setIssueProperty'] ?? 0;
    expect(writes).toBe(1);
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ band: 'purgatory', graduated: false });
    letSearchCatchUp(env.sandbox);
    expect(await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].graduated = "true"')).toEqual([]);
    const restored = auditOf(env.sandbox, pilot.id).filter((entry) => entry.action === 'readiness-restored');
    expect(restored).toHaveLength(1);
    expect(restored[0]?.summary).toMatch(/^Published readiness restored/);
    expect(auditOf(env.sandbox, honest.id).some((entry) => entry.action === 'readiness-restored')).toBe(
      false,
    );

    // The next day nothing differs: nothing is written again.
    env.sandbox.clock.advance(24 * 60 * 60 * 1000);
    site(env.sandbox).resetMetrics();
    await runDailyJob(env.sandbox);
    expect(site(env.sandbox).metrics().byOperation['setIssueProperty'] ?? 0).toBeLessThanOrEqual(1);
    expect(
      auditOf(env.sandbox, pilot.id).filter((entry) => entry.action === 'readiness-restored'),
    ).toHaveLength(1);
  });
});

describe('a daily batch that meets Jira over its quota', () => {
  it('hands the rest of its page on: every forged copy restored once, no work dropped', async () => {
    const pilots = [
      await createPilot(env.sandbox, 'Forged first'),
      await createPilot(env.sandbox, 'Forged second'),
      await createPilot(env.sandbox, 'Forged third'),
    ];
    for (const pilot of pilots) await forgeReadiness(env.sandbox, pilot.key);
    letSearchCatchUp(env.sandbox);
    // The second restoring write is refused for longer than the batch may wait (Retry-After 30 s).
    site(env.sandbox).setFaults([
      {
        rate: 1,
        status: 429,
        retryAfter: 30,
        match: '/properties/pilot-readiness',
        method: 'PUT',
        after: 1,
        times: 1,
      },
    ]);
    const before = env.sandbox.runtime.deliveryCounts();
    await runDailyJob(env.sandbox);
    site(env.sandbox).clearFaults();

    expect(env.sandbox.runtime.deliveryCounts().dropped - before.dropped).toBe(0);
    for (const pilot of pilots) {
      expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ graduated: false });
      const restored = auditOf(env.sandbox, pilot.id).filter(
        (entry) => entry.action === 'readiness-restored',
      );
      expect(restored).toHaveLength(1);
    }
  });
});
