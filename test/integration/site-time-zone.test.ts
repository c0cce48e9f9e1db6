/**
 * "Today" is the site's day (product.md §2, §14): the kill clock and waiver expiry count calendar days
 * in the site's default time zone, never UTC. The site's zone changes after the install
 * (`POST /__sandbox/behaviour {"siteTimeZone"}`), and the daily job picks it up.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { PilotView } from '../../src/ui-contract';
import { createPilot, fieldId, readinessOf, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { data, panelCall } from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-01-01T09:00:00.000Z' });

/** The demo: day 0 of the kill clock. Day 90 is 2026-04-01, day 91 is 2026-04-02. */
const DEMO = '2026-01-01';

async function pilotDemoedOn(demo: string) {
  return createPilot(env.sandbox, `Pilot demoed on ${demo}`, {
    [await fieldId(env.sandbox, 'Demo sign-off date')]: demo,
  });
}

/** The site's zone changes (Jira's general configuration); the app hears of it at its daily job. */
async function dailyJobAt(instant: string, siteTimeZone: string): Promise<void> {
  site(env.sandbox).setBehaviour({ siteTimeZone });
  env.sandbox.clock.set(instant);
  await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
  await env.sandbox.idle();
}

describe('the kill clock counts the site’s days', () => {
  it('in Auckland, 08:00 on day 91 (19:00 UTC on day 90) puts the pilot on the kill list', async () => {
    const pilot = await pilotDemoedOn(DEMO);
    await dailyJobAt('2026-04-01T19:00:00.000Z', 'Pacific/Auckland');
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ daysSinceDemo: 91, reviewRequired: true });
  });

  it('in Los Angeles, 19:00 on day 90 (02:00 UTC on day 91) keeps the pilot off the kill list', async () => {
    const pilot = await pilotDemoedOn(DEMO);
    await dailyJobAt('2026-04-02T02:00:00.000Z', 'America/Los_Angeles');
    expect(readinessOf(env.sandbox, pilot.key)).toMatchObject({ daysSinceDemo: 90, reviewRequired: false });
  });
});

describe('a waiver expires on the site’s day', () => {
  const EXPIRES = '2026-02-10';
  const demoGate = (pilotKey: string) =>
    readinessOf(env.sandbox, pilotKey)?.gates.find((gate) => gate.milestone === 'demo-sign-off');

  async function waivedPilot() {
    const pilot = await createPilot(env.sandbox, 'Waived pilot');
    data(
      await panelCall<PilotView>(
        env.sandbox,
        pilot,
        'grantWaiver',
        {
          milestone: 'demo-sign-off',
          criterion: { type: 'workstream', row: 'model-validation' },
          reason: 'The model was validated by the vendor before the pilot started.',
          expires: EXPIRES,
        },
        SANDBOX_USERS.admin.accountId,
      ),
    );
    expect(demoGate(pilot.key)).toMatchObject({ passed: true, waived: true });
    return pilot;
  }

  it('in Auckland, 08:00 on the expiry day (still the day before in UTC) the gate blocks again', async () => {
    const pilot = await waivedPilot();
    await dailyJobAt('2026-02-09T19:00:00.000Z', 'Pacific/Auckland');
    expect(demoGate(pilot.key)).toMatchObject({ passed: false, waived: false });
  });

  it('in Los Angeles, 19:00 on the day before the expiry (already the expiry day in UTC) the waiver holds', async () => {
    const pilot = await waivedPilot();
    await dailyJobAt('2026-02-10T03:00:00.000Z', 'America/Los_Angeles');
    expect(demoGate(pilot.key)).toMatchObject({ passed: true, waived: true });
  });

  it('is granted against the site’s today: in Auckland a waiver expiring on the UTC date is refused as not after today', async () => {
    site(env.sandbox).setBehaviour({ siteTimeZone: 'Pacific/Auckland' });
    await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
    env.sandbox.clock.set('2026-01-05T18:00:00.000Z'); // 07:00 on 6 January in Auckland
    const pilot = await createPilot(env.sandbox, 'Auckland pilot');
    const refused = await panelCall<PilotView>(
      env.sandbox,
      pilot,
      'grantWaiver',
      {
        milestone: 'demo-sign-off',
        criterion: { type: 'workstream', row: 'model-validation' },
        reason: 'The model was validated by the vendor before the pilot started.',
        expires: '2026-01-06',
      },
      SANDBOX_USERS.admin.accountId,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const view = data(await panelCall<PilotView>(env.sandbox, pilot, 'getPanel'));
    expect(view.today).toBe('2026-01-06');
  });
});
