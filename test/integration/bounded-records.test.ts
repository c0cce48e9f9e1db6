/**
 * Bounded records (product.md §14): no stored value grows with what users add. A pilot's waivers are
 * one per criterion in force with a bounded reason, its decisions the latest few, its audit log read one
 * page at a time; an oversized input gets a specific refusal and the pilot never goes stale.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { DEFAULT_TEMPLATE } from '../../src/domain/default-template';
import { gateCriteria } from '../../src/domain/gate-criteria';
import type { PilotView } from '../../src/ui-contract';
import { createPilot, moveIssue, readinessOf, workstreamKey } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data, panelCall } from '../support/servicenow-steps';
import { panel, storedValue } from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin } = SANDBOX_USERS;

const LONG_REASON = 'Covered by the signed vendor assessment until the next release. '
  .repeat(20)
  .slice(0, 1000);

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

describe("a pilot's waivers", () => {
  it('every criterion waived with the longest reason stays small; one more is refused, and the pilot stays current', async () => {
    const pilot = await createPilot(env.sandbox, 'Heavily waived pilot');
    const criteria = DEFAULT_TEMPLATE.milestones.flatMap((milestone) =>
      gateCriteria(milestone.key, DEFAULT_TEMPLATE).map((criterion) => ({
        milestone: milestone.key,
        criterion,
      })),
    );
    for (const { milestone, criterion } of criteria) {
      data(
        await panelCall<PilotView>(
          env.sandbox,
          pilot,
          'grantWaiver',
          { milestone, criterion, reason: LONG_REASON, expires: '2027-03-01' },
          admin.accountId,
        ),
      );
    }
    const again = await panelCall(
      env.sandbox,
      pilot,
      'grantWaiver',
      { ...criteria[0], reason: LONG_REASON, expires: '2027-03-01' },
      admin.accountId,
    );
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/waived already .* revoke that waiver first/),
      },
    });
    const tooLong = await panelCall(
      env.sandbox,
      pilot,
      'grantWaiver',
      { ...criteria[0], reason: `${LONG_REASON} and more`, expires: '2027-03-01' },
      admin.accountId,
    );
    expect(tooLong).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too long/) } });

    const governance = storedValue(env.sandbox, `pilot:${pilot.id}:governance`);
    expect(bytesOf(governance)).toBeLessThan(64 * 1024);
    expect(bytesOf(storedValue(env.sandbox, `pilot:${pilot.id}:view`))).toBeLessThan(120 * 1024);

    // The pilot keeps being recomputed: every gate is waived, and work still moves its score.
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'mlops'), 'in-progress');
    expect(readinessOf(env.sandbox, pilot.key)?.graduated).toBe(true);
    expect((await panel(env.sandbox, pilot)).waivers).toHaveLength(criteria.length);
  });
});

describe("a pilot's audit log", () => {
  it('the panel reads its newest page only, however long the log grows', async () => {
    const pilot = await createPilot(env.sandbox, 'Busy pilot');
    for (let index = 0; index < 30; index += 1) {
      const grant = await panelCall<PilotView>(
        env.sandbox,
        pilot,
        'grantWaiver',
        {
          milestone: 'load-testing',
          criterion: { type: 'workstream', row: 'mlops' },
          reason: `Waiver number ${index} for the shared MLOps pipeline`,
          expires: '2026-06-01',
        },
        admin.accountId,
      );
      const id = data(grant).waivers[0]?.id;
      data(await panelCall(env.sandbox, pilot, 'revokeWaiver', { waiverId: id }, admin.accountId));
      env.sandbox.clock.advance(1000);
    }
    const stored = Object.keys(env.sandbox.runtime.kvs.snapshot()).filter((key) =>
      key.startsWith(`audit:${pilot.id}:`),
    );
    expect(stored.length).toBe(60);
    const audit = (await panel(env.sandbox, pilot)).audit ?? [];
    expect(audit).toHaveLength(50);
    expect(audit[0]).toMatchObject({ action: 'waiver-revoked', summary: expect.stringMatching(/Revoked/) });
    expect(bytesOf(storedValue(env.sandbox, `audit-recent:${pilot.id}`))).toBeLessThan(8 * 1024);
  });
});
