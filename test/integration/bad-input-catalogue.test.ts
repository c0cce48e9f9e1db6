/**
 * The bad-input catalogue of issue 12: every resolver payload, the configuration and template edits,
 * and the values that end up in JQL, each sent wrong in the ways a browser (or someone posing as one)
 * can send it. Every case names the error it expects, and the sandbox's whole state (issues,
 * properties, links, comments, app storage, ServiceNow records) is identical before and after.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { DEFAULT_TEMPLATE } from '../../src/domain/default-template';
import { MAX_WAIVER_REASON_LENGTH } from '../../src/domain/waivers';
import type { ResolverError, ResolverResult } from '../../src/ui-contract';
import { createIssue, createPilot } from '../support/jira-steps';
import { callAdmin, callPanel, callPortfolio, type IssueRef } from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';
import { fingerprintDifferences, stateFingerprint } from '../support/state-fingerprint';
import { storedRevision } from '../support/trust-steps';

const START = '2026-03-02T09:00:00.000Z';
// One site for every case: each case checks that it changed nothing.
const env = useSandbox('empty', { resetEachTest: false });
const { admin, projectManager, pathwayEngineer, formerEmployee, outsider } = SANDBOX_USERS;

/** What a case expects: the error code, and words of the message or of one field's message. */
interface Expected {
  code: ResolverError['code'];
  message?: RegExp;
  field?: [string, RegExp];
}

interface Case {
  name: string;
  surface: 'panel' | 'admin' | 'portfolio';
  functionKey: string;
  payload: unknown;
  expected: Expected;
  /** Default: the admin, so that only the input is wrong. */
  as?: string;
  /** The issue a panel call is on: the pilot (default), a plain task, or none. */
  on?: 'pilot' | 'task' | 'none';
}

const longText = (length: number) => 'x'.repeat(length);
const invalid = (field: string, words: RegExp): Expected => ({
  code: 'invalid-input',
  field: [field, words],
});
const refused = (words: RegExp): Expected => ({ code: 'invalid-input', message: words });
const TOO_LARGE = refused(/request is too large/);
/** Arrays in arrays, 30,000 deep: 60 KB of JSON, under the size cap, deeper than any form. */
const nested = (depth = 30_000): unknown => {
  let value: unknown = [];
  for (let level = 1; level < depth; level += 1) value = [value];
  return value;
};
const TOO_DEEP = refused(/nested too deeply/);

const validWaiver = {
  milestone: 'production-deployment',
  criterion: { type: 'review', kind: 'legal' },
  reason: 'Covered by the group review board this quarter',
  expires: '2026-06-01',
};
const validRequest = {
  target: 'jira',
  dataSource: 'Claims warehouse',
  stewardAccountId: pathwayEngineer.accountId,
  justification: 'Training data for the claims triage model',
};
const template = () =>
  structuredClone(DEFAULT_TEMPLATE) as unknown as Record<string, unknown> & {
    rows: Array<Record<string, unknown>>;
    milestones: Array<Record<string, unknown>>;
    reviewKinds: Array<Record<string, unknown>>;
  };
const withRow = (change: Record<string, unknown>) => {
  const edited = template();
  edited.rows[0] = { ...edited.rows[0], ...change };
  return { template: edited };
};
const withReviewKind = (change: Record<string, unknown>) => {
  const edited = template();
  edited.reviewKinds[0] = { ...edited.reviewKinds[0], ...change };
  return { template: edited };
};
const withMilestone = (change: Record<string, unknown>) => {
  const edited = template();
  edited.milestones[0] = { ...edited.milestones[0], ...change };
  return { template: edited };
};
const panel = (
  name: string,
  functionKey: string,
  payload: unknown,
  expected: Expected,
  extra: Partial<Case> = {},
): Case => ({
  name,
  surface: 'panel',
  functionKey,
  payload,
  expected,
  ...extra,
});
const adminCase = (name: string, functionKey: string, payload: unknown, expected: Expected): Case => ({
  name,
  surface: 'admin',
  functionKey,
  payload,
  expected,
});

const portfolioCase = (name: string, functionKey: string, payload: unknown, expected: Expected): Case => ({
  name,
  surface: 'portfolio',
  functionKey,
  payload,
  expected,
});
const pause = {
  outcome: 'pause',
  rationale: 'The data contract is being renegotiated',
  resumptionDate: '2026-06-01',
  resumptionCondition: 'The new data contract is signed',
};

const CASES: Case[] = [
  // ---- the panel, whatever the payload says, is about the issue Forge names
  panel(
    'a panel call outside an issue',
    'getPanel',
    {},
    { code: 'not-found', message: /from a Jira issue/ },
    { on: 'none' },
  ),
  panel(
    'a panel on an issue that is not a pilot',
    'getPanel',
    {},
    { code: 'not-a-pilot', message: /neither an AI Pilot nor an epic/ },
    { on: 'task' },
  ),
  panel(
    'a spec saved on an issue that is not a pilot',
    'saveProductionSpec',
    { latency: 'p99 < 300 ms' },
    { code: 'not-a-pilot' },
    { on: 'task' },
  ),
  panel(
    'a waiver on an issue that is not a pilot',
    'grantWaiver',
    validWaiver,
    { code: 'not-a-pilot' },
    { on: 'task' },
  ),
  panel('getPanel: compact that is not a boolean', 'getPanel', { compact: 'yes' }, refused(/cannot have/)),
  panel('getPanel: an unknown option', 'getPanel', { issueKey: 'AIP-1' }, refused(/cannot have/)),
  panel('getPanel: a 100 KB payload', 'getPanel', { compact: longText(100_000) }, TOO_LARGE),
  panel('getPanel: a 60 KB nested array', 'getPanel', nested(), TOO_DEEP),
  panel('saveProductionSpec: a 60 KB nested array', 'saveProductionSpec', { latency: nested() }, TOO_DEEP),

  // ---- production spec (diagnostic question 4)
  panel('saveProductionSpec: null', 'saveProductionSpec', null, invalid('form', /Nothing to save/)),
  panel('saveProductionSpec: {}', 'saveProductionSpec', {}, invalid('form', /Nothing to save/)),
  panel(
    'saveProductionSpec: a list',
    'saveProductionSpec',
    ['latency'],
    invalid('form', /latency, availability, rollback and monitoring/),
  ),
  panel(
    'saveProductionSpec: a number entry',
    'saveProductionSpec',
    { latency: 300 },
    invalid('latency', /as text/),
  ),
  panel(
    'saveProductionSpec: an object entry',
    'saveProductionSpec',
    { rollback: { steps: 3 } },
    invalid('rollback', /as text/),
  ),
  panel(
    'saveProductionSpec: 1001 characters',
    'saveProductionSpec',
    { latency: longText(1001) },
    invalid('latency', /1000 characters/),
  ),
  panel(
    'saveProductionSpec: 50 KB monitoring',
    'saveProductionSpec',
    { monitoring: longText(50_000) },
    invalid('monitoring', /1000 characters/),
  ),
  panel('saveProductionSpec: 1 MB', 'saveProductionSpec', { monitoring: longText(1_000_000) }, TOO_LARGE),
  panel(
    'saveProductionSpec: an unknown entry',
    'saveProductionSpec',
    { latency: 'ok', owner: 'me' },
    invalid('form', /Only latency, availability, rollback, monitoring, data sources and success metrics/),
  ),
  panel(
    'saveProductionSpec: data sources that are not a list',
    'saveProductionSpec',
    { dataSources: 'Claims warehouse' },
    invalid('dataSources', /as a list of names/),
  ),
  panel(
    'saveProductionSpec: a data source listed twice',
    'saveProductionSpec',
    { dataSources: ['Claims warehouse', 'claims warehouse'] },
    invalid('dataSources', /Data source 2 repeats data source 1/),
  ),
  panel(
    'saveProductionSpec: 21 data sources',
    'saveProductionSpec',
    { dataSources: Array.from({ length: 21 }, (_, i) => `Source ${i}`) },
    invalid('dataSources', /at most 20 data sources/),
  ),
  panel(
    'saveProductionSpec: a success metric with a text target',
    'saveProductionSpec',
    { successMetrics: [{ name: 'Accuracy', target: 'high', unit: '%' }] },
    invalid('successMetrics', /Metric 1: Give the target as a number/),
  ),
  panel(
    'saveProductionSpec: 11 success metrics',
    'saveProductionSpec',
    { successMetrics: Array.from({ length: 11 }, (_, i) => ({ name: `Metric ${i}`, target: i, unit: '' })) },
    invalid('successMetrics', /at most 10 success metrics/),
  ),

  // ---- milestone dates (the pilot-milestones property)
  panel('saveMilestoneDates: null', 'saveMilestoneDates', null, invalid('form', /overrides by milestone/)),
  panel(
    'saveMilestoneDates: overrides as a list',
    'saveMilestoneDates',
    { overrides: ['2026-05-04'] },
    invalid('form', /overrides by milestone/),
  ),
  panel(
    'saveMilestoneDates: a number for a date',
    'saveMilestoneDates',
    { overrides: { 'load-testing': 20260504 } },
    invalid('load-testing', /YYYY-MM-DD/),
  ),
  panel(
    'saveMilestoneDates: a milestone before the one it follows',
    'saveMilestoneDates',
    { overrides: { 'demo-sign-off': '2026-12-01' } },
    invalid('demo-sign-off', /Integration testing .* before Demo sign-off/),
  ),

  // ---- data-access requests
  panel('requestDataAccess: null', 'requestDataAccess', null, {
    code: 'invalid-input',
    field: ['target', /where to file/],
  }),
  panel(
    'requestDataAccess: an unknown target',
    'requestDataAccess',
    { ...validRequest, target: 'email' },
    invalid('target', /where to file/),
  ),
  panel(
    'requestDataAccess: no data source',
    'requestDataAccess',
    { ...validRequest, dataSource: '  ' },
    invalid('dataSource', /Name the data source/),
  ),
  panel(
    'requestDataAccess: a data source of 201 characters',
    'requestDataAccess',
    { ...validRequest, dataSource: longText(201) },
    invalid('dataSource', /200 characters/),
  ),
  panel(
    'requestDataAccess: a data source on two lines',
    'requestDataAccess',
    { ...validRequest, dataSource: 'Claims\nwarehouse' },
    invalid('dataSource', /one line/),
  ),
  panel(
    'requestDataAccess: no steward',
    'requestDataAccess',
    { ...validRequest, stewardAccountId: '' },
    invalid('stewardAccountId', /Choose the data steward/),
  ),
  panel(
    'requestDataAccess: a steward id with JQL in it',
    'requestDataAccess',
    { ...validRequest, stewardAccountId: 'x" OR assignee is not EMPTY' },
    invalid('stewardAccountId', /not a Jira account id/),
  ),
  panel(
    'requestDataAccess: a steward id of 200 characters',
    'requestDataAccess',
    { ...validRequest, stewardAccountId: longText(200) },
    invalid('stewardAccountId', /not a Jira account id/),
  ),
  panel(
    'requestDataAccess: a steward who does not exist',
    'requestDataAccess',
    { ...validRequest, stewardAccountId: '5c4f6c4b2ab5a52b4a1e1fff' },
    invalid('stewardAccountId', /No Jira user/),
  ),
  panel(
    'requestDataAccess: a deactivated steward',
    'requestDataAccess',
    { ...validRequest, stewardAccountId: formerEmployee.accountId },
    invalid('stewardAccountId', /deactivated/),
  ),
  panel(
    'requestDataAccess: a steward who cannot be assigned in the project',
    'requestDataAccess',
    { ...validRequest, stewardAccountId: outsider.accountId },
    invalid('stewardAccountId', /cannot be assigned issues in AIP/),
  ),
  panel(
    'requestDataAccess: a justification too short',
    'requestDataAccess',
    { ...validRequest, justification: 'need it' },
    invalid('justification', /at least 10 characters/),
  ),
  panel(
    'requestDataAccess: a justification of 6000 characters',
    'requestDataAccess',
    { ...validRequest, justification: longText(6000) },
    invalid('justification', /5000 characters/),
  ),
  panel(
    'requestDataAccess: a 1 MB justification',
    'requestDataAccess',
    { ...validRequest, justification: longText(1_000_000) },
    TOO_LARGE,
  ),
  panel(
    'requestDataAccess: a justification that is a number',
    'requestDataAccess',
    { ...validRequest, justification: 42 },
    invalid('justification', /Explain why/),
  ),

  // ---- waivers (product.md §7)
  panel('grantWaiver: null', 'grantWaiver', null, refused(/The waiver was not granted/)),
  panel(
    'grantWaiver: an unknown milestone',
    'grantWaiver',
    { ...validWaiver, milestone: 'launch-party' },
    refused(/launch-party/),
  ),
  panel(
    'grantWaiver: an unknown criterion',
    'grantWaiver',
    { ...validWaiver, criterion: { type: 'everything' } },
    refused(/Choose what to waive/),
  ),
  panel(
    'grantWaiver: a workstream criterion without its row',
    'grantWaiver',
    { ...validWaiver, criterion: { type: 'workstream' } },
    refused(/Choose the workstream/),
  ),
  panel('grantWaiver: no reason', 'grantWaiver', { ...validWaiver, reason: '' }, refused(/Write the reason/)),
  panel(
    'grantWaiver: a reason of 3000 characters',
    'grantWaiver',
    { ...validWaiver, reason: longText(3000) },
    refused(new RegExp(`too long: keep it to ${MAX_WAIVER_REASON_LENGTH} characters`)),
  ),
  panel(
    'grantWaiver: a 240 KB reason',
    'grantWaiver',
    { ...validWaiver, reason: longText(240 * 1024) },
    TOO_LARGE,
  ),
  panel(
    'grantWaiver: an expiry that is not a date',
    'grantWaiver',
    { ...validWaiver, expires: '2026-02-30' },
    refused(/valid date/),
  ),
  panel(
    'grantWaiver: an expiry in the past',
    'grantWaiver',
    { ...validWaiver, expires: '2026-01-01' },
    refused(/expir/i),
  ),
  panel(
    'grantWaiver: an expiry of 9999-12-31',
    'grantWaiver',
    { ...validWaiver, expires: '9999-12-31' },
    refused(/more than a year ahead/),
  ),
  panel(
    'grantWaiver: a criterion on the wrong gate',
    'grantWaiver',
    { ...validWaiver, milestone: 'demo-sign-off' },
    refused(/production-deployment|gate/),
  ),

  // ---- kill-list decisions (product.md §9), from the panel and from the portfolio
  panel(
    'decideReview: no decision',
    'decideReview',
    {},
    invalid('outcome', /Choose accelerate, pause or kill/),
  ),
  panel(
    'decideReview: continue as before',
    'decideReview',
    { decision: { outcome: 'continue' } },
    invalid('outcome', /Unknown outcome "continue"/),
  ),
  panel(
    'decideReview: kill without a reason',
    'decideReview',
    { decision: { outcome: 'kill' } },
    invalid('reason', /Give the reason/),
  ),
  panel(
    'decideReview: a kill reason of 3000 characters',
    'decideReview',
    { decision: { outcome: 'kill', reason: longText(3000) } },
    invalid('reason', /too long/),
  ),
  panel(
    'decideReview: an owner id with JQL in it',
    'decideReview',
    {
      decision: {
        outcome: 'accelerate',
        ownerAccountId: 'x" OR 1=1',
        resourcingNote: 'Two engineers from May',
      },
    },
    invalid('ownerAccountId', /not a Jira account id/),
  ),
  panel(
    'decideReview: a pause resuming in the past',
    'decideReview',
    { decision: { ...pause, resumptionDate: '2026-01-05' } },
    invalid('resumptionDate', /in the future/),
  ),
  panel(
    'decideReview: a 100 KB condition',
    'decideReview',
    { decision: { ...pause, resumptionCondition: longText(100_000) } },
    TOO_LARGE,
  ),
  portfolioCase(
    'decideReview from the portfolio without a pilot',
    'decideReview',
    { decision: pause },
    refused(/Choose the pilot/),
  ),
  portfolioCase(
    'getOwnerQueue: a team not in the template',
    'getOwnerQueue',
    { team: 'Marketing' },
    invalid('team', /owner team of the ownership template/),
  ),
  portfolioCase(
    'getOwnerQueue: a team that is not text',
    'getOwnerQueue',
    { team: ['Data science team'] },
    invalid('team', /owner team of the ownership template/),
  ),
  portfolioCase(
    'getOwnerQueue: a page token of 5000 characters',
    'getOwnerQueue',
    { team: 'Data science team', nextPageToken: longText(5000) },
    invalid('nextPageToken', /page token/),
  ),
  portfolioCase(
    'getOwnerQueue: a page token Jira never gave',
    'getOwnerQueue',
    { team: 'Data science team', nextPageToken: 'not-a-token' },
    invalid('nextPageToken', /page token/),
  ),
  portfolioCase('getOwnerQueue: a 60 KB nested array', 'getOwnerQueue', { team: nested() }, TOO_DEEP),

  // ---- people picker (a value that ends up in a Jira query)
  panel('findPeople: no query', 'findPeople', {}, invalid('query', /Type a name/)),
  panel(
    'findPeople: a query of 101 characters',
    'findPeople',
    { query: longText(101) },
    invalid('query', /100 characters/),
  ),
  panel('findPeople: a query that is a number', 'findPeople', { query: 7 }, invalid('query', /Type a name/)),

  // ---- configuration (values that end up in JQL and in issue fields)
  adminCase(
    'saveConfiguration: a lowercase project key',
    'saveConfiguration',
    { pilotProjects: ['aip'] },
    invalid('pilotProjects.0', /project key such as AIP/),
  ),
  adminCase(
    'saveConfiguration: JQL in a project key',
    'saveConfiguration',
    { pilotProjects: ['AIP OR project = SEC'] },
    invalid('pilotProjects.0', /project key such as AIP/),
  ),
  adminCase(
    'saveConfiguration: a project key of 11 characters',
    'saveConfiguration',
    { pilotProjects: ['ABCDEFGHIJK'] },
    invalid('pilotProjects.0', /at most 10 characters/),
  ),
  adminCase(
    'saveConfiguration: projects that are not a list',
    'saveConfiguration',
    { pilotProjects: 'AIP' },
    invalid('pilotProjects', /array/),
  ),
  adminCase(
    'saveConfiguration: 101 projects',
    'saveConfiguration',
    { pilotProjects: Array.from({ length: 101 }, (_, i) => `P${i}`) },
    invalid('pilotProjects', /at most 100/),
  ),
  adminCase(
    'saveConfiguration: an assignee that is not an account id',
    'saveConfiguration',
    { ownerAssignees: { 'Data science team': 'dana@example.com' } },
    invalid('ownerAssignees.Data science team', /No Jira user has the account id dana@example.com/),
  ),
  adminCase(
    'saveConfiguration: an empty assignee',
    'saveConfiguration',
    { ownerAssignees: { 'Data science team': '' } },
    invalid('ownerAssignees.Data science team', /Choose a person, or remove the mapping/),
  ),
  adminCase(
    'saveConfiguration: an owner team of 300 characters',
    'saveConfiguration',
    { ownerAssignees: { [longText(300)]: admin.accountId } },
    { code: 'invalid-input', message: /settings were not saved/ },
  ),
  adminCase(
    'saveConfiguration: the template sneaked in',
    'saveConfiguration',
    { template: template() },
    { code: 'invalid-input', message: /settings were not saved/ },
  ),
  adminCase(
    'saveConfiguration: a 1 MB payload',
    'saveConfiguration',
    { pilotProjects: [longText(1_000_000)] },
    TOO_LARGE,
  ),

  // ---- template edits (previewed first: a bad one is refused before anything is counted)
  adminCase(
    'previewTemplateChange: no template',
    'previewTemplateChange',
    {},
    refused(/template was not changed/),
  ),
  adminCase(
    'previewTemplateChange: no rows',
    'previewTemplateChange',
    { template: { ...template(), rows: [] } },
    refused(/at least one row/),
  ),
  adminCase(
    'previewTemplateChange: 51 rows',
    'previewTemplateChange',
    {
      template: {
        ...template(),
        rows: Array.from({ length: 51 }, (_, i) => ({ ...template().rows[0], key: `row-${i}` })),
      },
    },
    refused(/at most 50/),
  ),
  adminCase(
    'previewTemplateChange: a workstream name of 256 characters',
    'previewTemplateChange',
    withRow({ workstream: longText(256) }),
    refused(/at most 255 characters/),
  ),
  adminCase(
    'previewTemplateChange: a workstream name on two lines',
    'previewTemplateChange',
    withRow({ workstream: 'Model\nvalidation' }),
    refused(/single line/),
  ),
  adminCase(
    'previewTemplateChange: a row key with spaces',
    'previewTemplateChange',
    withRow({ key: 'Model validation' }),
    refused(/kebab-case/),
  ),
  adminCase(
    'previewTemplateChange: a row key of 65 characters',
    'previewTemplateChange',
    withRow({ key: 'a'.repeat(65) }),
    refused(/at most 64 characters/),
  ),
  adminCase(
    'previewTemplateChange: an owner team of 300 characters',
    'previewTemplateChange',
    withRow({ ownerTeam: longText(300) }),
    refused(/owner team must be at most 255/),
  ),
  adminCase(
    'previewTemplateChange: a start week of 53',
    'previewTemplateChange',
    withRow({ startWeek: 53 }),
    refused(/between 1 and 52/),
  ),
  adminCase(
    'previewTemplateChange: a row on an unknown milestone',
    'previewTemplateChange',
    withRow({ milestone: 'launch-party' }),
    refused(/launch-party/),
  ),
  adminCase(
    'previewTemplateChange: a milestone name of 300 characters',
    'previewTemplateChange',
    withMilestone({ name: longText(300) }),
    refused(/milestone name must be at most 255/),
  ),
  adminCase(
    'previewTemplateChange: a review project key with JQL in it',
    'previewTemplateChange',
    withReviewKind({ projectKey: 'SEC" OR project = AIP' }),
    refused(/Jira project key/),
  ),
  adminCase(
    'previewTemplateChange: a review issue type of 300 characters',
    'previewTemplateChange',
    withReviewKind({ issueTypeName: longText(300) }),
    refused(/issue type name must be at most 255/),
  ),
  adminCase(
    'previewTemplateChange: an empty rejected resolution',
    'previewTemplateChange',
    { template: { ...template(), rejectedResolutions: [''] } },
    refused(/resolution name must not be empty/),
  ),
  adminCase(
    'previewTemplateChange: negative weights',
    'previewTemplateChange',
    { template: { ...template(), weights: { workstreams: -50, reviews: 75, dataAccess: 75 } } },
    refused(/positive/),
  ),
  adminCase(
    'saveConfiguration: a 60 KB nested array',
    'saveConfiguration',
    { pilotProjects: nested() },
    TOO_DEEP,
  ),
  adminCase(
    'applyTemplateChange: without a preview',
    'applyTemplateChange',
    { template: template() },
    refused(/preview it again/),
  ),
  adminCase(
    'applyTemplateChange: with a made-up confirmation',
    'applyTemplateChange',
    { template: template(), confirmation: '0123456789abcdef' },
    refused(/preview it again/),
  ),
];

/** The panel's resolver called from a panel that is not on an issue (a forged call). */
async function panelWithoutIssue(functionKey: string, payload: unknown, accountId: string) {
  return (await env.sandbox.runtime.invokeResolver({
    moduleKey: 'readiness-panel',
    functionKey,
    payload,
    accountId,
    extension: { type: 'jira:issuePanel' },
  } as Parameters<typeof env.sandbox.runtime.invokeResolver>[0])) as ResolverResult<unknown>;
}

let pilot: IssueRef;
let task: IssueRef;
beforeAll(async () => {
  env.sandbox.clock.set(START);
  pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  task = await createIssue(env.sandbox, 'AIP', 'Task', 'An ordinary task');
});

/**
 * A save or apply from a page loaded now carries the settings' revision (product.md §14): the case is
 * refused for its own bad input, not for a missing revision.
 */
function onLoadedRevision(functionKey: string, payload: unknown): unknown {
  const saves = functionKey === 'saveConfiguration' || functionKey === 'applyTemplateChange';
  if (!saves || typeof payload !== 'object' || payload === null || 'revision' in payload) return payload;
  return { ...payload, revision: storedRevision(env.sandbox, 'config') };
}

test('the catalogue has at least 60 cases, each named once', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const before = stateFingerprint(env.sandbox);
  const as = c.as ?? admin.accountId;
  const result =
    c.surface === 'admin'
      ? await callAdmin(env.sandbox, c.functionKey, onLoadedRevision(c.functionKey, c.payload), as)
      : c.surface === 'portfolio'
        ? await callPortfolio(env.sandbox, c.functionKey, c.payload, as)
        : c.on === 'none'
          ? await panelWithoutIssue(c.functionKey, c.payload, as)
          : await callPanel(env.sandbox, c.on === 'task' ? task : pilot, c.functionKey, c.payload, as);

  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(c.expected.code);
  if (c.expected.message) expect(result.error.message).toMatch(c.expected.message);
  if (c.expected.field) {
    const [field, words] = c.expected.field;
    expect(result.error.fieldErrors?.[field]).toMatch(words);
  }
  expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
});

test('a project admin who is not a Jira admin is refused the settings before the input is even read', async () => {
  const before = stateFingerprint(env.sandbox);
  const result = await callAdmin(
    env.sandbox,
    'saveConfiguration',
    { pilotProjects: ['aip'] },
    projectManager.accountId,
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'no-permission' } });
  expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
});
