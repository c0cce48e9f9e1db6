/**
 * Reminders (product.md §15) end to end against the sandbox, on sites in Auckland and in Los Angeles:
 * each kind reaches the right people through Jira's own notifications on the right day of the site's
 * zone (the daily job runs at an hour when UTC is on another day), never twice on one day (the daily
 * job runs twice), none of a kind switched off on the admin page; each sent one is in the audit log.
 */
import { SANDBOX_USERS, type SentNotification } from '../../sandbox/contracts';
import type { PilotView, ReminderSettingsView } from '../../src/ui-contract';
import {
  ADMIN,
  PM,
  createPilot,
  fieldId,
  moveIssue,
  reviewKey,
  generatedIssues,
} from '../support/jira-steps';
import { callAdmin, callPanel, callPortfolio } from '../support/resolver-calls';
import { behaviourFromEnvironment, useSandbox } from '../support/sandbox-lifecycle';
import { data } from '../support/servicenow-steps';
import { chooseReviewBoard, REVIEW_BOARD } from '../support/trust-steps';

const env = useSandbox('empty', { resetEachTest: false });
const OWNER = SANDBOX_USERS.pathwayEngineer.accountId;
const DEMO = '2026-01-07';
/** Demo + 91 days: the pilot joins the kill list (a Wednesday: no Monday digest of overdue work that day). */
const JOINS = '2026-04-08';

/** The instant the site's clock in `zone` shows `day` at `time` (found from the zone's offset there). */
function siteInstant(zone: string, day: string, time: string): Date {
  const wanted = Date.parse(`${day}T${time}:00.000Z`);
  let guess = wanted;
  for (let step = 0; step < 2; step += 1) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(guess))
        .map((part) => [part.type, part.value]),
    );
    const shown = Date.parse(
      `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00.000Z`,
    );
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Auckland runs the job just after its midnight, Los Angeles late in its evening: UTC is on another day. */
const ZONES = [
  ['Pacific/Auckland', '00:30'],
  ['America/Los_Angeles', '22:30'],
] as const;

const sent = (): SentNotification[] => env.sandbox.jira.notifications?.() ?? [];

describe.each(ZONES)('on a site in %s', (zone, hour) => {
  beforeEach(async () => {
    await env.sandbox.reset('empty', { siteTimeZone: zone });
    // This file resets with the site's zone itself, so it puts the real-Jira behaviours back on too.
    const behaviour = behaviourFromEnvironment();
    if (behaviour) env.sandbox.jira.setBehaviour?.(behaviour);
    env.sandbox.clock.set(siteInstant(zone, DEMO, '10:00').toISOString());
  });

  /** Runs the daily job twice on the site's `day`; answers what was sent, as `[issue, recipients]`. */
  async function dailyJobOn(day: string): Promise<Array<[string, string[]]>> {
    const instant = siteInstant(zone, day, hour);
    expect(instant.toISOString().slice(0, 10)).not.toBe(day);
    env.sandbox.clock.set(instant.toISOString());
    const before = sent().length;
    for (let run = 0; run < 2; run += 1) {
      await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
      await env.sandbox.idle();
    }
    return sent()
      .slice(before)
      .map((notification) => [notification.issue, [...notification.to].sort()]);
  }

  async function pilotWithOwner(summary: string): Promise<{ id: string; key: string }> {
    return createPilot(env.sandbox, summary, {
      [await fieldId(env.sandbox, 'Demo sign-off date')]: DEMO,
      [await fieldId(env.sandbox, 'Production owner')]: { accountId: OWNER },
    });
  }

  const auditOf = (pilotId: string) =>
    Object.entries(env.sandbox.runtime.kvs.snapshot())
      .filter(([key]) => key.startsWith(`audit:${pilotId}:`))
      .map(([, entry]) => entry as { action: string; summary: string })
      .filter((entry) => entry.action === 'reminder');

  it('the kill list: the owner and the reporter 14 days and 1 day before and on the day; a pause ends: the decider too; a waiver 7 days before it expires', async () => {
    const pilot = await pilotWithOwner('Claims triage assistant');
    const both = [OWNER, PM].sort();
    const days: Record<string, Array<[string, string[]]>> = {};
    for (const day of [
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-04-05',
      '2026-04-07',
      JOINS,
      '2026-04-09',
    ])
      days[day] = await dailyJobOn(day);
    expect(days).toEqual({
      '2026-03-24': [],
      '2026-03-25': [[pilot.key, both]],
      '2026-03-26': [],
      '2026-04-05': [],
      '2026-04-07': [[pilot.key, both]],
      [JOINS]: [[pilot.key, both]],
      '2026-04-09': [],
    });
    const notices = sent().map((notification) => notification.textBody);
    expect(notices).toEqual([
      `${pilot.key} joins the kill list in 14 days, on 8 Apr 2026: graduate it or prepare the decision.`,
      `${pilot.key} joins the kill list tomorrow: graduate it or prepare the decision.`,
      `${pilot.key} joins the kill list today: a decider records accelerate, pause or kill.`,
    ]);
    expect(auditOf(pilot.id).map((entry) => entry.summary)).toEqual(
      notices.map((notice) => `Reminder sent to Pat Pathway, Priya PM: ${notice}`),
    );
    // The pilot's panel lists them in its audit log, newest first, sent by the app.
    const panel = data(await callPanel<PilotView>(env.sandbox, pilot, 'getPanel', {}));
    expect(
      panel.audit?.filter((line) => line.action === 'reminder').map((line) => [line.actor, line.summary]),
    ).toEqual(
      [...notices]
        .reverse()
        .map((notice) => ['Pilot Pathway', `Reminder sent to Pat Pathway, Priya PM: ${notice}`]),
    );

    // A decider pauses it until 29 April and waives a gate until 30 April.
    data(
      await callPortfolio(
        env.sandbox,
        'decideReview',
        {
          pilotKey: pilot.key,
          decision: {
            outcome: 'pause',
            rationale: 'Waiting for the claims platform migration',
            resumptionDate: '2026-04-29',
            resumptionCondition: 'The new claims platform is live',
          },
        },
        ADMIN,
      ),
    );
    data(
      await callPanel(
        env.sandbox,
        pilot,
        'grantWaiver',
        {
          milestone: 'integration-testing',
          criterion: { type: 'workstream', row: 'infrastructure' },
          reason: 'The vendor runs the integration tests until our platform is ready',
          expires: '2026-04-30',
        },
        ADMIN,
      ),
    );
    expect(await dailyJobOn('2026-04-22')).toEqual([]);
    expect(await dailyJobOn('2026-04-23')).toEqual([[pilot.key, [ADMIN, OWNER].sort()]]);
    // The pause ends: back on the kill list (owner, reporter) and the decider who paused told; one each.
    const endOfPause = await dailyJobOn('2026-04-29');
    expect(endOfPause.flatMap(([, to]) => to).sort()).toEqual([ADMIN, OWNER, PM].sort());
    const ownersNotice = sent().find(
      (notification) =>
        notification.to.includes(OWNER) &&
        notification.at >= siteInstant(zone, '2026-04-27', '00:00').toISOString(),
    );
    expect(ownersNotice?.textBody).toContain('The pause of');
    expect(ownersNotice?.textBody).toContain('joins the kill list today');
  });

  it('the review board chosen on the admin page is told the day a pilot joins the kill list, once, by its group', async () => {
    await chooseReviewBoard(env.sandbox);
    const pilot = await pilotWithOwner('Fraud screening assistant');
    const member = SANDBOX_USERS.businessOwner.accountId;
    expect(await dailyJobOn('2026-04-07')).toEqual([[pilot.key, [OWNER, PM].sort()]]);
    expect(await dailyJobOn(JOINS)).toEqual([[pilot.key, [OWNER, PM, member].sort()]]);
    expect(auditOf(pilot.id).at(-1)?.summary).toBe(
      `Reminder sent to Pat Pathway, Priya PM, the review board (${REVIEW_BOARD.name}): ${pilot.key} joins the kill list today: a decider records accelerate, pause or kill.`,
    );
  });

  it('overdue work reaches each assignee on Monday, once, listing only theirs; a rejected review reaches the owner that day, once', async () => {
    const pilot = await pilotWithOwner('Invoice matcher');
    const monday = '2026-03-16';
    // The seeded owner teams' assignees, each with the workstreams past their due date on Monday.
    const overdue = new Map<string, string[]>();
    for (const issue of generatedIssues(env.sandbox, pilot.id).workstreams) {
      if (!issue.assigneeAccountId || !issue.dueDate || issue.dueDate >= monday) continue;
      overdue.set(issue.assigneeAccountId, [...(overdue.get(issue.assigneeAccountId) ?? []), issue.key]);
    }
    expect(overdue.size).toBeGreaterThan(1);
    const digests = await dailyJobOn(monday);
    expect(digests.map(([, to]) => to).sort()).toEqual([...overdue.keys()].map((id) => [id]).sort());
    for (const [assignee, keys] of overdue) {
      const text = sent().find((notification) => notification.to[0] === assignee)?.textBody ?? '';
      expect(text.startsWith(`Your overdue workstreams of ${pilot.key}: `)).toBe(true);
      expect(text.match(/[A-Z]+-\d+ \(due/g)).toHaveLength(keys.length);
      for (const key of keys) expect(text).toContain(`${key} (due`);
    }
    expect(await dailyJobOn('2026-03-17')).toEqual([]);

    env.sandbox.clock.set(siteInstant(zone, '2026-03-18', '09:00').toISOString());
    const security = reviewKey(env.sandbox, pilot.id, 'security');
    await moveIssue(env.sandbox, security, 'done', 'Declined');
    expect(await dailyJobOn('2026-03-18')).toEqual([[pilot.key, [OWNER]]]);
    expect(sent().at(-1)?.textBody).toBe(
      `The security review ${security} of ${pilot.key} was rejected: settle what it asks, then ask again.`,
    );
    expect(await dailyJobOn('2026-03-19')).toEqual([]);
    expect(auditOf(pilot.id)).toHaveLength(overdue.size + 1);
  });

  it('a kind switched off on the admin page sends nothing; the others still go', async () => {
    const pilot = await pilotWithOwner('Churn predictor');
    const view = data(
      await callAdmin<ReminderSettingsView>(env.sandbox, 'saveReminderSettings', {
        switches: { 'kill-list': false },
      }),
    );
    expect(view.kinds.filter((kind) => !kind.on).map((kind) => kind.kind)).toEqual(['kill-list']);
    // Someone else's save of another kind keeps this one off (compare-and-set, each kind kept).
    data(await callAdmin(env.sandbox, 'saveReminderSettings', { switches: { rejected: true } }));
    expect(await dailyJobOn('2026-03-25')).toEqual([]);
    expect(await dailyJobOn(JOINS)).toEqual([]);
    expect(auditOf(pilot.id)).toEqual([]);

    data(await callAdmin(env.sandbox, 'saveReminderSettings', { switches: { 'kill-list': true } }));
    expect(await dailyJobOn('2026-04-07')).toEqual([[pilot.key, [OWNER, PM].sort()]]);
  });
});

describe('the reminder switches', () => {
  it('are refused to someone who does not administer Jira, and bad input changes nothing', async () => {
    await env.sandbox.reset('empty');
    const refused = await callAdmin(
      env.sandbox,
      'saveReminderSettings',
      { switches: { rejected: false } },
      PM,
    );
    expect(refused.ok).toBe(false);
    const unknown = await callAdmin(env.sandbox, 'saveReminderSettings', { switches: { birthdays: false } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const notBoolean = await callAdmin(env.sandbox, 'saveReminderSettings', { switches: { rejected: 'no' } });
    expect(notBoolean).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const view = data(await callAdmin<ReminderSettingsView>(env.sandbox, 'getReminderSettings', {}));
    expect(view.kinds.every((kind) => kind.on)).toBe(true);
  });
});
