/**
 * The pilot lifecycle end to end (product.md §1–§4, §10): the real app's handlers, on the real Forge
 * SDK, against the emulated Jira Cloud of the sandbox. Everything a person does goes through REST.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { SANDBOX_APP_SETTINGS } from '../../sandbox/seed/configure';
import {
  createIssue,
  createPilot,
  fieldId,
  generatedIssues,
  jira,
  jqlKeys,
  letSearchCatchUp,
  linkDataAccess,
  moveIssue,
  readinessOf,
  reviewKey,
  site,
  workstreamKey,
} from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { storedRevision, storedValue } from '../support/trust-steps';

// Each test starts on a Monday: week N starts on kickoff + (N−1) weeks.
const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

const { dataScientist, pathwayEngineer, businessOwner } = SANDBOX_USERS;

// Worked out by hand from product.md §1–§2 for kickoff 2026-03-02 (the pilot's creation day).
const workstream = (row: string, summary: string, owner: { accountId: string }, dueDate: string) => ({
  row,
  summary,
  assigneeAccountId: owner.accountId,
  dueDate,
});
const EXPECTED_WORKSTREAMS = [
  workstream('model-validation', 'Model development & validation', dataScientist, '2026-04-06'),
  workstream('data-access', 'Data access requests', pathwayEngineer, '2026-05-18'),
  workstream('security-compliance', 'Security & compliance engagement', pathwayEngineer, '2026-05-18'),
  workstream('infrastructure', 'Infrastructure spec & provisioning', pathwayEngineer, '2026-04-20'),
  workstream('legacy-integration', 'Legacy system integration design', pathwayEngineer, '2026-04-20'),
  workstream('mlops', 'MLOps pipeline setup', pathwayEngineer, '2026-05-04'),
  workstream('change-management', 'Business change management', businessOwner, '2026-05-11'),
  workstream('monitoring', 'Monitoring & alerting setup', pathwayEngineer, '2026-05-25'),
];

const REVIEW_KINDS = ['security', 'compliance', 'legal', 'privacy', 'infrastructure'];

type AdminResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function asAdmin<T>(
  functionKey: string,
  payload: unknown,
  accountId: string = SANDBOX_USERS.admin.accountId,
) {
  return (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'admin-page',
    functionKey,
    payload,
    accountId,
  })) as AdminResult<T>;
}

function currentTemplate(): {
  version: number;
  rows: Array<Record<string, unknown>>;
  milestones: Array<{ key: string; week: number }>;
  reviewKinds: Array<{ projectKey: string | null }>;
} {
  return JSON.parse(JSON.stringify((storedValue(env.sandbox, 'config') as { template: unknown }).template));
}

/** Previews a template edit as the admin, then confirms it; returns the preview. */
async function changeTemplate(template: unknown): Promise<TemplatePreview> {
  const preview = await asAdmin<TemplatePreview>('previewTemplateChange', { template });
  if (!preview.ok) throw new Error(preview.error.message);
  const applied = await asAdmin('applyTemplateChange', {
    template,
    confirmation: preview.data.confirmation,
    revision: preview.data.revision,
  });
  if (!applied.ok) throw new Error(applied.error.message);
  await env.sandbox.idle();
  return preview.data;
}

interface TemplatePreview {
  /** The configuration's revision the preview read (an apply must still find it). */
  revision: number;
  pilots: number;
  workstreamsToAdd: number;
  dueDatesToMove: number;
  summary: string;
  confirmation: string;
}

function expectExactlyOnePathFor(pilotId: string) {
  const { workstreams, reviews, rowOf, kindOf } = generatedIssues(env.sandbox, pilotId);
  expect(workstreams.map(rowOf).sort()).toEqual(EXPECTED_WORKSTREAMS.map((row) => row.row).sort());
  expect(reviews.map(kindOf).sort()).toEqual([...REVIEW_KINDS].sort());
}

describe('creating a pilot lays out its production path', () => {
  it('creates 8 dated, assigned sub-tasks and 5 linked reviews, stamped with their origin, scoring 0 in purgatory', async () => {
    const pilot = await createPilot(env.sandbox, 'Claims triage assistant');

    const { workstreams, reviews, rowOf, kindOf } = generatedIssues(env.sandbox, pilot.id);
    const actual = workstreams
      .map((issue) => ({
        row: rowOf(issue),
        summary: issue.summary,
        assigneeAccountId: issue.assigneeAccountId,
        dueDate: issue.dueDate,
        parentKey: issue.parentKey,
        issueType: issue.issueType,
      }))
      .sort((a, b) => String(a.row).localeCompare(String(b.row)));
    const expected = EXPECTED_WORKSTREAMS.map((row) => ({
      ...row,
      parentKey: pilot.key,
      issueType: 'Sub-task',
    })).sort((a, b) => a.row.localeCompare(b.row));
    expect(actual).toEqual(expected);

    expect(reviews.map((issue) => [kindOf(issue), issue.summary]).sort()).toEqual(
      [
        ['compliance', 'Compliance review: Claims triage assistant'],
        ['infrastructure', 'Infrastructure review: Claims triage assistant'],
        ['legal', 'Legal review: Claims triage assistant'],
        ['privacy', 'Privacy review: Claims triage assistant'],
        ['security', 'Security review: Claims triage assistant'],
      ].sort(),
    );
    const linkedToPilot = site(env.sandbox)
      .issueLinks()
      .filter((link) => [link.sourceKey, link.destinationKey].includes(pilot.key))
      .map((link) => (link.sourceKey === pilot.key ? link.destinationKey : link.sourceKey));
    expect(linkedToPilot.sort()).toEqual(reviews.map((issue) => issue.key).sort());

    const readiness = readinessOf(env.sandbox, pilot.key);
    expect(readiness).toMatchObject({
      version: 1,
      score: 0,
      band: 'purgatory',
      graduated: false,
      templateVersion: 1,
    });
    expect(site(env.sandbox).issue(pilot.key)?.customFields[await fieldId(env.sandbox, 'Readiness')]).toBe(0);
  });

  it('costs at most 4 Jira calls when nothing fails', async () => {
    await env.sandbox.reset('empty');
    site(env.sandbox).resetMetrics();
    await createPilot(env.sandbox, 'Fraud alert summariser');
    const metrics = site(env.sandbox).metrics();
    console.log(
      `Creating one pilot cost ${metrics.calls} Jira calls and ${metrics.points} points:`,
      metrics.byOperation,
    );
    expect(metrics.calls).toBeLessThanOrEqual(4);
    expect(metrics.byOperation).toMatchObject({ createIssues: 1 });
  });

  it('uses the Kickoff date field when set, and moves not-done due dates (not done ones) when it changes', async () => {
    const kickoff = await fieldId(env.sandbox, 'Kickoff date');
    const pilot = await createPilot(env.sandbox, 'Kickoff-driven pilot', { [kickoff]: '2026-03-30' });
    const due = (row: string) => site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, row))?.dueDate;
    expect(due('model-validation')).toBe('2026-05-04'); // 2026-03-30 + 5 weeks
    expect(due('monitoring')).toBe('2026-06-22'); // + 12 weeks

    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    site(env.sandbox).resetMetrics();
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { [kickoff]: '2026-04-13' } });
    await env.sandbox.idle();

    expect(due('model-validation')).toBe('2026-05-04'); // done: never moves
    expect(due('infrastructure')).toBe('2026-06-01'); // 2026-04-13 + 7 weeks
    expect(due('monitoring')).toBe('2026-07-06'); // + 12 weeks
    // One PUT per moved sub-task (7), no call for the unchanged one.
    expect(site(env.sandbox).metrics().byOperation.editIssue).toBe(7);
  });

  it('moves the production-deployment workstreams with the pilot Due date, leaving the others', async () => {
    const pilot = await createPilot(env.sandbox, 'Due-date pilot');
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { duedate: '2026-06-30' } });
    await env.sandbox.idle();
    const due = (row: string) => site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, row))?.dueDate;
    expect(due('data-access')).toBe('2026-06-30');
    expect(due('security-compliance')).toBe('2026-06-30');
    expect(due('infrastructure')).toBe('2026-04-20');
  });
});

describe('readiness follows the work', () => {
  it('moves score and gates as sub-tasks, reviews and data-access tickets move forward', async () => {
    const pilot = await createPilot(env.sandbox, 'Contract clause extraction');
    const score = () => readinessOf(env.sandbox, pilot.key)?.score;
    const gate = (milestone: string) =>
      readinessOf(env.sandbox, pilot.key)?.gates.find((g) => g.milestone === milestone);

    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'model-validation'), 'done');
    expect(score()).toBe(6); // 50/8 = 6.25
    expect(gate('demo-sign-off')?.passed).toBe(true);

    await moveIssue(env.sandbox, workstreamKey(env.sandbox, pilot.id, 'data-access'), 'in-progress');
    expect(score()).toBe(9); // 6.25 + 3.125 = 9.375

    await moveIssue(env.sandbox, reviewKey(env.sandbox, pilot.id, 'security'), 'done', 'Done');
    expect(score()).toBe(14); // + 5 = 14.375

    const ticket = await createIssue(env.sandbox, 'AIP', 'Task', 'Access to the claims warehouse');
    await linkDataAccess(env.sandbox, pilot.key, ticket.key);
    expect(score()).toBe(21); // + 25 × 0.25 = 20.625
    expect(readinessOf(env.sandbox, pilot.key)?.dataAccess).toEqual({
      total: 1,
      requested: 1,
      inProgress: 0,
      approved: 0,
      rejected: 0,
    });

    await moveIssue(env.sandbox, ticket.key, 'done', 'Done');
    expect(score()).toBe(39); // 14.375 + 25

    await moveIssue(env.sandbox, reviewKey(env.sandbox, pilot.id, 'compliance'), 'done', "Won't Do");
    expect(score()).toBe(39); // a rejected review earns nothing
    const blocking = gate('production-deployment')?.blocking.map((blocker) => blocker.criterion);
    // One criterion per review (product.md §14): the rejected compliance review blocks on its own.
    expect(blocking).toContainEqual({ type: 'review', kind: 'compliance' });
    expect(gate('production-deployment')?.passed).toBe(false);
  });

  it('is searchable with JQL on the indexed readiness properties', async () => {
    const advanced = await createPilot(env.sandbox, 'Advanced pilot');
    const fresh = await createPilot(env.sandbox, 'Fresh pilot');
    for (const row of EXPECTED_WORKSTREAMS) {
      await moveIssue(env.sandbox, workstreamKey(env.sandbox, advanced.id, row.row), 'done');
    }
    expect(readinessOf(env.sandbox, advanced.key)?.score).toBe(50);
    letSearchCatchUp(env.sandbox);
    expect(await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].score < 50 ORDER BY key ASC')).toEqual(
      [fresh.key],
    );
    expect(await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].score >= 50')).toEqual([advanced.key]);
    expect(
      await jqlKeys(env.sandbox, 'issue.property[pilot-readiness].graduated = "false" ORDER BY key ASC'),
    ).toEqual([advanced.key, fresh.key]);
  });

  it('does not rewrite readiness when nothing changed', async () => {
    const pilot = await createPilot(env.sandbox, 'Quiet pilot');
    site(env.sandbox).resetMetrics();
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${workstreamKey(env.sandbox, pilot.id, 'mlops')}`, {
      fields: { labels: ['ml'] },
    });
    await env.sandbox.idle();
    const writes = site(env.sandbox).metrics().byOperation;
    expect(writes.setIssueProperty ?? 0).toBe(0);
    expect(writes.updateCustomFieldValue ?? 0).toBe(0);
  });
});

describe('at-least-once delivery and failures never duplicate or lose work', () => {
  it('the same event delivered 5 times at once yields one sub-task per row and one review per kind', async () => {
    env.sandbox.runtime.setDeliveryMode({ duplicates: 5, concurrent: true });
    const pilot = await createPilot(env.sandbox, 'Concurrent pilot');
    expectExactlyOnePathFor(pilot.id);
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);
  });

  it('the same event delivered 3 times one after another creates nothing the second and third time', async () => {
    env.sandbox.runtime.setDeliveryMode({ duplicates: 3, concurrent: false });
    const pilot = await createPilot(env.sandbox, 'Sequential duplicates');
    expectExactlyOnePathFor(pilot.id);
  });

  it('a 429 storm ends with exactly the right issues', async () => {
    site(env.sandbox).setFaults([{ rate: 0.4, status: 429, retryAfter: 0 }], { seed: 11 });
    const pilot = await createPilot(env.sandbox, 'Rate-limited pilot');
    site(env.sandbox).clearFaults();
    await env.sandbox.idle();
    expectExactlyOnePathFor(pilot.id);
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);
  });

  it('503s on bulk create end with exactly the right issues', async () => {
    site(env.sandbox).setFaults([{ rate: 0.5, status: 503, match: '/rest/api/3/issue/bulk' }], { seed: 3 });
    const pilot = await createPilot(env.sandbox, 'Flaky bulk create');
    site(env.sandbox).clearFaults();
    await env.sandbox.idle();
    expectExactlyOnePathFor(pilot.id);
  });

  it('a partial bulk failure retries only the failed elements and ends with exactly the right issues', async () => {
    const attempts: string[] = [];
    site(env.sandbox).setBulkElementFailure((update) => {
      const summary = (update as { fields: { summary: string } }).fields.summary;
      attempts.push(summary);
      const firstTry = attempts.filter((attempt) => attempt === summary).length === 1;
      return firstTry && /MLOps|Legal review/.test(summary)
        ? { status: 503, message: 'Try again later' }
        : null;
    });
    const pilot = await createPilot(env.sandbox, 'Partly failing pilot');
    expectExactlyOnePathFor(pilot.id);
    // 13 elements in the first call, then only the 2 that failed.
    expect(attempts).toHaveLength(15);
    expect(attempts.slice(13).sort()).toEqual(['Legal review: Partly failing pilot', 'MLOps pipeline setup']);
    expect(site(env.sandbox).issue(pilot.key)?.comments).toEqual([]);
  });

  it('a rate limit longer than the invocation can wait hands the rest to the queue consumer', async () => {
    site(env.sandbox).setFaults([
      { rate: 1, status: 429, retryAfter: 45, match: '/rest/api/3/issue/bulk', times: 1 },
    ]);
    const before = env.sandbox.runtime.invocations.length;
    const pilot = await createPilot(env.sandbox, 'Throttled pilot');
    expectExactlyOnePathFor(pilot.id);
    const consumer = env.sandbox.runtime.invocations
      .slice(before)
      .filter((invocation) => invocation.functionKey === 'on-pilot-work');
    expect(consumer.map((invocation) => invocation.outcome)).toEqual(['ok']);
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);
  });

  it('a Jira outage hands the work to the queue (retried), and the next change to the pilot finishes it', async () => {
    site(env.sandbox).setFaults([{ rate: 1, status: 503, match: '/rest/api/3/issue/bulk' }]);
    const before = env.sandbox.runtime.invocations.length;
    const pilot = await createPilot(env.sandbox, 'Jira outage pilot');
    expect(generatedIssues(env.sandbox, pilot.id).workstreams).toHaveLength(0);
    const queued = env.sandbox.runtime.invocations
      .slice(before)
      .filter((invocation) => invocation.functionKey === 'on-pilot-work');
    expect(queued.length).toBeGreaterThan(1); // handed over, then retried by Forge
    site(env.sandbox).clearFaults();
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, { fields: { labels: ['retry'] } });
    await env.sandbox.idle();
    expectExactlyOnePathFor(pilot.id);
    expect(readinessOf(env.sandbox, pilot.key)?.score).toBe(0);
  });
});

describe('install', () => {
  it('installing twice changes nothing', async () => {
    const before = env.sandbox.runtime.kvs.snapshot()['provisioning'];
    const typesBefore = await jira(env.sandbox, 'GET', '/rest/api/3/issuetype');
    const linkTypesBefore = await jira(env.sandbox, 'GET', '/rest/api/3/issueLinkType');
    env.sandbox.runtime.install(SANDBOX_USERS.admin.accountId);
    await env.sandbox.idle();
    expect(await jira(env.sandbox, 'GET', '/rest/api/3/issuetype')).toEqual(typesBefore);
    expect(await jira(env.sandbox, 'GET', '/rest/api/3/issueLinkType')).toEqual(linkTypesBefore);
    expect(env.sandbox.runtime.kvs.snapshot()['provisioning']).toEqual(before);
  });

  it('adopts an AI Pilot issue type and Data access link type that already exist', async () => {
    await env.sandbox.reset('bare');
    const type = await jira(
      env.sandbox,
      'POST',
      '/rest/api/3/issuetype',
      { name: 'AI Pilot', hierarchyLevel: 0 },
      SANDBOX_USERS.admin.accountId,
    );
    const linkType = await jira(
      env.sandbox,
      'POST',
      '/rest/api/3/issueLinkType',
      { name: 'Data access', inward: 'is data for', outward: 'uses data from' },
      SANDBOX_USERS.admin.accountId,
    );
    env.sandbox.runtime.install(SANDBOX_USERS.admin.accountId);
    await env.sandbox.idle();
    const provisioning = env.sandbox.runtime.kvs.snapshot()['provisioning'] as {
      aiPilotIssueTypeId: string;
      dataAccessLinkType: { id: string };
    };
    expect(provisioning.aiPilotIssueTypeId).toBe(type.id);
    expect(provisioning.dataAccessLinkType.id).toBe(linkType.id);
    const types = (await jira(env.sandbox, 'GET', '/rest/api/3/issuetype')) as Array<{
      name: string;
      scope?: unknown;
    }>;
    // TEAM's own project-scoped AI Pilot is not the site's.
    expect(types.filter((candidate) => candidate.name === 'AI Pilot' && !candidate.scope)).toHaveLength(1);
  });

  it('recognises a team-managed project whose admin created AI Pilot (the seed configures TEAM)', () => {
    const provisioning = env.sandbox.runtime.kvs.snapshot()['provisioning'] as {
      projects: Record<string, { style: string; aiPilotAvailable: boolean; instructions: string[] }>;
    };
    expect(provisioning.projects['TEAM']).toMatchObject({
      style: 'team-managed',
      aiPilotAvailable: true,
      instructions: [],
    });
  });

  it('gives step-by-step instructions for a team-managed project instead of failing', async () => {
    site(env.sandbox).configureProject('TEAM', { withoutOwnIssueTypes: ['AI Pilot'] });
    const result = (await env.sandbox.runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'saveConfiguration',
      payload: { pilotProjects: ['AIP', 'TEAM'], revision: storedRevision(env.sandbox, 'config') },
      accountId: SANDBOX_USERS.admin.accountId,
    })) as {
      ok: boolean;
      data: {
        provisioning: {
          projects: Record<string, { style: string; aiPilotAvailable: boolean; instructions: string[] }>;
        };
      };
    };
    expect(result.ok).toBe(true);
    const tmp = result.data.provisioning.projects['TEAM'];
    expect(tmp).toMatchObject({ style: 'team-managed', aiPilotAvailable: false });
    expect(tmp?.instructions.join('\n')).toMatch(/Project settings > Issue types/);
    expect(result.data.provisioning.projects.AIP).toMatchObject({
      style: 'company-managed',
      aiPilotAvailable: true,
    });
  });

  it('refuses configuration changes from a non-admin, on the server', async () => {
    const result = (await env.sandbox.runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'saveConfiguration',
      payload: { pilotProjects: [] },
      accountId: SANDBOX_USERS.projectManager.accountId,
    })) as { ok: boolean; error: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    const config = storedValue(env.sandbox, 'config') as { pilotProjects: string[] };
    expect(config.pilotProjects).toEqual(SANDBOX_APP_SETTINGS.pilotProjects);
  });
});

describe('editing the template', () => {
  const withSecurityReviewRow = (template: ReturnType<typeof currentTemplate>) => ({
    ...template,
    rows: [
      ...template.rows,
      {
        key: 'model-risk-review',
        workstream: 'Model risk review',
        ownerTeam: 'Data science team',
        startWeek: 3,
        milestone: 'production-deployment',
        weight: 1,
      },
    ],
  });

  it('previews what it would add and move, changing nothing, then applies only on confirmation', async () => {
    const first = await createPilot(env.sandbox, 'Template pilot one');
    await createPilot(env.sandbox, 'Template pilot two');
    await moveIssue(env.sandbox, workstreamKey(env.sandbox, first.id, 'monitoring'), 'done');
    const edited = withSecurityReviewRow(currentTemplate());
    edited.milestones = edited.milestones.map((milestone) =>
      milestone.key === 'production-go-live' ? { ...milestone, week: 14 } : milestone,
    );

    const issuesBefore = site(env.sandbox).issues().length;
    letSearchCatchUp(env.sandbox); // a template change reaches the pilots the search index knows
    const preview = await asAdmin<TemplatePreview>('previewTemplateChange', { template: edited });
    expect(preview.ok && preview.data).toMatchObject({
      pilots: 2,
      workstreamsToAdd: 2,
      dueDatesToMove: 1, // go-live moved a week: only pilot two's monitoring is not done
      summary: 'adds 1 workstream to 2 pilots, moves 1 due date',
    });
    expect(site(env.sandbox).issues()).toHaveLength(issuesBefore);
    expect(currentTemplate().version).toBe(1);

    const unconfirmed = await asAdmin('applyTemplateChange', {
      template: edited,
      confirmation: 'guess',
      revision: storedRevision(env.sandbox, 'config'),
    });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(currentTemplate().version).toBe(1);

    await changeTemplate(edited);
    expect(currentTemplate().version).toBe(2);
    expect(site(env.sandbox).issues()).toHaveLength(issuesBefore + 2);
    const added = site(env.sandbox).issue(workstreamKey(env.sandbox, first.id, 'model-risk-review'));
    expect(added).toMatchObject({ summary: 'Model risk review', dueDate: '2026-05-18' });
    const audit = Object.entries(env.sandbox.runtime.kvs.snapshot())
      .filter(([key]) => key.startsWith(`audit:${first.id}:`))
      .map(([, entry]) => (entry as { action: string; summary: string }).summary);
    expect(audit).toContainEqual(
      expect.stringMatching(/template version 2: 1 issue added, 0 due dates moved/),
    );
  });

  it('a pilot whose re-sync fails through every retry is warned about and brought onto the template the next day', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const pilot = await createPilot(env.sandbox, 'Template pilot Jira refuses');
      letSearchCatchUp(env.sandbox);
      // Refused at once (no client-side backoff), through every retry of the queue.
      site(env.sandbox).setFaults([{ rate: 1, status: 400, match: '/rest/api/3/issue/bulk' }]);
      await changeTemplate(withSecurityReviewRow(currentTemplate()));
      expect(() => workstreamKey(env.sandbox, pilot.id, 'model-risk-review')).toThrow();
      const generation = () =>
        storedValue(env.sandbox, `pilot:${pilot.id}:generation`) as {
          problems: Array<{ message: string }>;
        };
      expect(
        generation()
          .problems.map((problem) => problem.message)
          .join(' '),
      ).toMatch(/could not lay out this pilot's production path/);

      site(env.sandbox).clearFaults();
      await env.sandbox.runtime.runScheduled('daily-readiness-trigger');
      await env.sandbox.idle();
      expect(
        site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'model-risk-review')),
      ).toMatchObject({
        summary: 'Model risk review',
      });
      expect(generation().problems).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });

  it('lays out and adds rows on the milestone overrides of a pilot, moving nothing afterwards', async () => {
    const override = { 'integration-testing': '2026-05-01' };
    const pilot = await createPilot(env.sandbox, 'Overridden pilot', {}, 'AIP', [
      { key: 'pilot-milestones', value: override },
    ]);
    const due = (row: string) => site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, row))?.dueDate;
    expect(due('infrastructure')).toBe('2026-05-01'); // the override, not kickoff + 7 weeks (2026-04-20)
    const edited = currentTemplate();
    edited.rows = [
      ...edited.rows,
      {
        key: 'load-test-plan',
        workstream: 'Load test plan',
        ownerTeam: 'Production pathway team',
        startWeek: 2,
        milestone: 'integration-testing',
        weight: 1,
      },
    ];
    site(env.sandbox).resetMetrics();
    letSearchCatchUp(env.sandbox);
    await changeTemplate(edited);
    expect(due('load-test-plan')).toBe('2026-05-01');
    // Created on its date at once: no due date had to be moved after the fact.
    expect(site(env.sandbox).metrics().byOperation.editIssue ?? 0).toBe(0);
  });

  it('refuses a bad template with the row and the problem, and a non-admin, changing nothing', async () => {
    const bad = currentTemplate();
    bad.rows[2] = { ...bad.rows[2], startWeek: 0 };
    const refused = await asAdmin('previewTemplateChange', { template: bad });
    expect(refused.ok ? '' : refused.error.message).toMatch(/Row 3 \("security-compliance"\): start week/);
    const notAdmin = await asAdmin(
      'previewTemplateChange',
      { template: currentTemplate() },
      SANDBOX_USERS.projectManager.accountId,
    );
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    const sneaky = await asAdmin('saveConfiguration', {
      template: currentTemplate(),
      revision: storedRevision(env.sandbox, 'config'),
    });
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(currentTemplate().version).toBe(1);
  });
});

describe('bad input is reported on the pilot, never half-created silently', () => {
  const commentsOf = (key: string) =>
    (site(env.sandbox).issue(key)?.comments ?? []).map((comment) => JSON.stringify(comment.body)).join('\n');

  it('a project whose sub-tasks are disabled: reviews created, a comment names the missing workstreams and why', async () => {
    site(env.sandbox).configureProject('AIP', { subtasksEnabled: false });
    const pilot = await createPilot(env.sandbox, 'No sub-tasks pilot');
    const { workstreams, reviews } = generatedIssues(env.sandbox, pilot.id);
    expect(workstreams).toHaveLength(0);
    expect(reviews).toHaveLength(5);
    const comments = commentsOf(pilot.key);
    expect(comments).toMatch(/project AIP does not accept sub-tasks/);
    expect(comments).toMatch(/Enable sub-tasks/);
    expect(comments).toMatch(/Model development & validation/);
    const record = storedValue(env.sandbox, `pilot:${pilot.id}:generation`) as {
      problems: unknown[];
    };
    expect(record.problems).toHaveLength(8);
  });

  it('a review project that does not exist: the other reviews are created and the problem is recorded', async () => {
    const template = JSON.parse(
      JSON.stringify((storedValue(env.sandbox, 'config') as { template: unknown }).template),
    );
    template.reviewKinds[1].projectKey = 'NOPE';
    await changeTemplate(template);
    const pilot = await createPilot(env.sandbox, 'Missing review project');
    const { reviews, kindOf } = generatedIssues(env.sandbox, pilot.id);
    expect(reviews.map(kindOf).sort()).toEqual(['infrastructure', 'legal', 'privacy', 'security']);
    expect(commentsOf(pilot.key)).toMatch(
      /Compliance review: Missing review project.*not created: its project does not exist/,
    );
  });

  it('an owner mapped to a deactivated account: the sub-task is created unassigned, with a message', async () => {
    // The admin page refuses to map a deactivated person; the account was deactivated after mapping.
    const config = storedValue(env.sandbox, 'config') as { ownerAssignees: Record<string, string> };
    env.sandbox.runtime.kvs.handle('/api/v1/entity/set', {
      entityName: 'versioned-record',
      key: 'config',
      value: {
        revision: storedRevision(env.sandbox, 'config') + 1,
        value: {
          ...config,
          ownerAssignees: {
            ...config.ownerAssignees,
            'Data science team': SANDBOX_USERS.formerEmployee.accountId,
          },
        },
      },
    });
    const pilot = await createPilot(env.sandbox, 'Former owner pilot');
    expectExactlyOnePathFor(pilot.id);
    expect(
      site(env.sandbox).issue(workstreamKey(env.sandbox, pilot.id, 'model-validation'))?.assigneeAccountId,
    ).toBeNull();
    expect(commentsOf(pilot.key)).toMatch(/created unassigned/);
  });
});
