/**
 * The permission matrix of issue 12: every resolver the app defines, called with a valid payload by
 * each kind of person (site admin, project admin, project member, the pilot's production owner, a
 * member of the review board, a user without browse permission), gets the expected answer; a refusal
 * changes nothing in the sandbox. Deciders (product.md §14) are the Jira admins and the review board:
 * the production owner's field gives no right. A resolver added without a row here fails the first test.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { RESOLVERS } from '../../src/handlers/ui-resolver';
import { NoSuchModuleContext } from '../../sandbox/forge/ui-invocations';
import { createPilot, fieldId, jira } from '../support/jira-steps';
import {
  callAdmin,
  callGadget,
  callGlobal,
  callPanel,
  callPortfolio,
  type IssueRef,
} from '../support/resolver-calls';
import { useSandbox } from '../support/sandbox-lifecycle';
import { defaultSettings } from '../support/servicenow-steps';
import { fingerprintDifferences, stateFingerprint } from '../support/state-fingerprint';
import { chooseReviewBoard, storedRevision, storedValue } from '../support/trust-steps';

const START = '2026-03-02T09:00:00.000Z';
// One site for every case: each case checks that it changed nothing.
const env = useSandbox('empty', { resetEachTest: false });
const { admin, projectManager, dataScientist, pathwayEngineer, businessOwner, outsider } = SANDBOX_USERS;

const PEOPLE = {
  'site admin': admin.accountId,
  'project admin': projectManager.accountId,
  member: dataScientist.accountId,
  'production owner': pathwayEngineer.accountId,
  'review board member': businessOwner.accountId,
  'user without browse': outsider.accountId,
} as const;
type Person = keyof typeof PEOPLE;

/**
 * `allowed`: not refused for who asks (the action may still refuse, e.g. a decision already taken).
 * `not-rendered`: Jira shows the person no view of the pilot, so Forge renders no panel there and no
 * context names the pilot for them: the call never reaches the app (the sandbox refuses it).
 */
type Answer = 'ok' | 'allowed' | 'no-permission' | 'not-rendered';
interface Row {
  surface: 'panel' | 'admin' | 'portfolio' | 'global' | 'gadget';
  /** A valid payload, so that only who asks decides the answer. */
  payload: () => unknown;
  answers: Record<Person, Answer>;
}

const everyoneWhoCanBrowse: Record<Person, Answer> = {
  'site admin': 'ok',
  'project admin': 'ok',
  member: 'ok',
  'production owner': 'ok',
  'review board member': 'ok',
  'user without browse': 'no-permission',
};
/** A panel's calls: the platform renders the panel only on the view of an issue its viewer can see. */
const panelViewers: Record<Person, Answer> = {
  ...everyoneWhoCanBrowse,
  'user without browse': 'not-rendered',
};
const jiraAdminsOnly: Record<Person, Answer> = {
  'site admin': 'ok',
  'project admin': 'no-permission',
  member: 'no-permission',
  'production owner': 'no-permission',
  'review board member': 'no-permission',
  'user without browse': 'no-permission',
};
/** Deciders (product.md §14): Jira admins and the review board; a panel the outsider never sees. */
const deciders: Record<Person, Answer> = {
  ...jiraAdminsOnly,
  'review board member': 'allowed',
  'user without browse': 'not-rendered',
};

let template: unknown;
let confirmation = '';
let waiverId = '';

const MATRIX: Record<string, Row> = {
  getPanel: { surface: 'panel', payload: () => ({}), answers: panelViewers },
  checkGovernanceRights: { surface: 'panel', payload: () => ({}), answers: panelViewers },
  // Written as the viewer: Jira asks for Edit Issues on the pilot (every browsing person of the seed has it).
  saveMilestoneDates: {
    surface: 'panel',
    payload: () => ({ overrides: { 'integration-testing': '2026-04-27' } }),
    answers: panelViewers,
  },
  saveProductionSpec: {
    surface: 'panel',
    payload: () => ({ latency: 'p99 under 300 ms' }),
    answers: panelViewers,
  },
  requestDataAccess: {
    surface: 'panel',
    payload: () => ({
      target: 'jira',
      dataSource: 'Claims warehouse',
      stewardAccountId: pathwayEngineer.accountId,
      justification: 'Training data for the claims triage model',
    }),
    answers: panelViewers,
  },
  grantWaiver: {
    surface: 'panel',
    payload: () => ({
      milestone: 'production-deployment',
      criterion: { type: 'review', kind: 'privacy' },
      reason: 'Covered by the group review board this quarter',
      expires: '2026-06-01',
    }),
    // product.md §7, §14: deciders waive; the production owner does not (any editor can set the field).
    answers: deciders,
  },
  revokeWaiver: {
    surface: 'panel',
    payload: () => ({ waiverId }),
    // The first decider revokes it; for the next one it is gone (not a refusal of who asks).
    answers: { ...deciders, 'site admin': 'allowed' },
  },
  retryGeneration: { surface: 'panel', payload: () => ({}), answers: panelViewers },
  // Anyone who may edit the pilot (every browsing person of the seed does) or a decider.
  restoreMissingWork: { surface: 'panel', payload: () => ({}), answers: panelViewers },
  // From the panel, which the platform renders only for those who can see the pilot.
  findPeople: {
    surface: 'panel',
    payload: () => ({ query: 'p' }),
    answers: panelViewers,
  },
  getPortfolio: { surface: 'portfolio', payload: () => ({}), answers: everyoneWhoCanBrowse },
  getOwnerQueue: {
    surface: 'portfolio',
    payload: () => ({ team: 'Data science team' }),
    answers: everyoneWhoCanBrowse,
  },
  decideReview: {
    surface: 'panel',
    payload: () => ({
      decision: {
        outcome: 'pause',
        rationale: 'The data contract is being renegotiated',
        resumptionDate: '2026-06-01',
        resumptionCondition: 'The new data contract is signed',
      },
    }),
    // product.md §9, §14: the kill-list decision, like a waiver, is a decider's (the second decider
    // finds the first one's pause standing: the pilot is off the kill list by then).
    answers: { ...deciders, 'site admin': 'allowed' },
  },
  // product.md §15: a decider's (Jira admins and the review board); the pilot has not gone live, so a
  // decider's call is refused for that, never for who asks.
  recordValueReview: {
    surface: 'portfolio',
    payload: () => ({
      pilotKey: pilot.key,
      review: { outcome: 'delivering', measured: [], note: 'Hours saved as planned' },
    }),
    answers: { ...deciders, 'site admin': 'allowed' },
  },
  // product.md §15: each viewer sees the pilot projects they may browse (none, for the outsider: the
  // page answers, with nothing in it); the gadget set to AIP refuses someone who may not browse AIP.
  getGlobalPortfolio: {
    surface: 'global',
    payload: () => ({}),
    answers: { ...everyoneWhoCanBrowse, 'user without browse': 'ok' },
  },
  getGadget: { surface: 'gadget', payload: () => ({}), answers: everyoneWhoCanBrowse },
  getPilotProjects: {
    surface: 'gadget',
    payload: () => ({}),
    answers: { ...everyoneWhoCanBrowse, 'user without browse': 'ok' },
  },
  getConfiguration: { surface: 'admin', payload: () => ({}), answers: jiraAdminsOnly },
  saveConfiguration: {
    surface: 'admin',
    payload: () => ({ revision: storedRevision(env.sandbox, 'config') }),
    answers: jiraAdminsOnly,
  },
  findGroups: { surface: 'admin', payload: () => ({ query: 'review' }), answers: jiraAdminsOnly },
  previewTemplateChange: { surface: 'admin', payload: () => ({ template }), answers: jiraAdminsOnly },
  applyTemplateChange: {
    surface: 'admin',
    // The revision now, as a page that previewed again after the settings saved above would send.
    payload: () => ({ template, confirmation, revision: storedRevision(env.sandbox, 'config') }),
    answers: jiraAdminsOnly,
  },
  repairInstallation: { surface: 'admin', payload: () => ({}), answers: jiraAdminsOnly },
  getReminderSettings: { surface: 'admin', payload: () => ({}), answers: jiraAdminsOnly },
  saveReminderSettings: {
    surface: 'admin',
    payload: () => ({ switches: { 'overdue-work': false } }),
    answers: jiraAdminsOnly,
  },
  getServiceNowSettings: { surface: 'admin', payload: () => ({}), answers: jiraAdminsOnly },
  saveServiceNowSettings: {
    surface: 'admin',
    payload: () => defaultSettings(env.sandbox),
    answers: jiraAdminsOnly,
  },
  // The admin's call may answer that something failed (what the connection test is for); never a refusal.
  testServiceNowConnection: {
    surface: 'admin',
    payload: () => ({}),
    answers: { ...jiraAdminsOnly, 'site admin': 'allowed' },
  },
  generateServiceNowPushSecret: { surface: 'admin', payload: () => ({}), answers: jiraAdminsOnly },
};

/** Every resolver the app registers (src/handlers/ui-resolver.ts, typed against the contract). */
function definedResolvers(): string[] {
  return Object.keys(RESOLVERS).sort();
}

function isRefusal(answer: Answer): boolean {
  return answer === 'no-permission' || answer === 'not-rendered';
}

let pilot: IssueRef;
beforeAll(async () => {
  env.sandbox.clock.set(START);
  pilot = await createPilot(env.sandbox, 'Claims triage assistant');
  // Demo signed off more than 90 days ago: the pilot is on the kill list, so a decision can be taken.
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
    fields: {
      [await fieldId(env.sandbox, 'Production owner')]: { accountId: pathwayEngineer.accountId },
      [await fieldId(env.sandbox, 'Demo sign-off date')]: '2025-10-01',
    },
  });
  await env.sandbox.idle();
  await chooseReviewBoard(env.sandbox);
  const granted = await callPanel<{ waivers: Array<{ id: string }> }>(
    env.sandbox,
    pilot,
    'grantWaiver',
    {
      milestone: 'production-deployment',
      criterion: { type: 'data-access' },
      reason: 'The data steward signed the access off by email',
      expires: '2026-06-01',
    },
    admin.accountId,
  );
  if (!granted.ok) throw new Error(granted.error.message);
  waiverId = granted.data.waivers[0]?.id ?? '';
  template = (storedValue(env.sandbox, 'config') as { template: unknown }).template;
  const preview = await callAdmin<{ confirmation: string }>(
    env.sandbox,
    'previewTemplateChange',
    { template },
    admin.accountId,
  );
  if (!preview.ok) throw new Error(preview.error.message);
  confirmation = preview.data.confirmation;
});

test('every resolver the app defines has a row in the matrix', () => {
  expect(definedResolvers()).toEqual(Object.keys(MATRIX).sort());
});

const CELLS = Object.entries(MATRIX).flatMap(([functionKey, row]) =>
  (Object.keys(PEOPLE) as Person[])
    // The one allowed call that changes the template goes last, after every refusal was checked.
    .sort((a, b) => Number(!isRefusal(row.answers[a])) - Number(!isRefusal(row.answers[b])))
    .map((person) => [functionKey, person, row.answers[person]] as const),
);

test.each(CELLS)('%s as %s → %s', async (functionKey, person, answer) => {
  const row = MATRIX[functionKey] as Row;
  const before = stateFingerprint(env.sandbox);
  if (answer === 'not-rendered') {
    await expect(callPanel(env.sandbox, pilot, functionKey, row.payload(), PEOPLE[person])).rejects.toThrow(
      NoSuchModuleContext,
    );
    expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
    return;
  }
  const callers = {
    admin: () => callAdmin(env.sandbox, functionKey, row.payload(), PEOPLE[person]),
    portfolio: () => callPortfolio(env.sandbox, functionKey, row.payload(), PEOPLE[person]),
    panel: () => callPanel(env.sandbox, pilot, functionKey, row.payload(), PEOPLE[person]),
    global: () => callGlobal(env.sandbox, functionKey, row.payload(), PEOPLE[person]),
    gadget: () => callGadget(env.sandbox, functionKey, row.payload(), PEOPLE[person], { project: 'AIP' }),
  };
  const result = await callers[row.surface]();

  if (answer === 'allowed') {
    expect(result.ok ? 'ok' : result.error.code).not.toBe('no-permission');
    return;
  }
  if (answer === 'ok') {
    expect(result.ok ? result : result.error).toMatchObject({ ok: true }); // the error shows when not
    return;
  }
  expect(result).toMatchObject({ ok: false, error: { code: 'no-permission' } });
  expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
});

/** The panel's calls that change something, and what each asks of Jira as the viewer first. */
const PANEL_CHANGES = [
  'saveProductionSpec',
  'requestDataAccess',
  'grantWaiver',
  'revokeWaiver',
  'retryGeneration',
  'restoreMissingWork',
  'saveMilestoneDates',
  'decideReview',
];

test.each(PANEL_CHANGES)(
  '%s refuses a user without browse even past the platform (a context Forge never issues), changing nothing',
  async (functionKey) => {
    const row = MATRIX[functionKey] as Row;
    const before = stateFingerprint(env.sandbox);
    const result = (await env.sandbox.runtime.invokeResolver({
      moduleKey: 'readiness-panel',
      functionKey,
      payload: row.payload(),
      accountId: outsider.accountId,
      extension: { type: 'jira:issuePanel', issue: { id: pilot.id, key: pilot.key } },
      pastThePlatform: true,
    })) as { ok: boolean; error?: { code: string } };
    await env.sandbox.idle();
    expect(result.ok).toBe(false);
    expect(['no-permission', 'not-found']).toContain(result.error?.code);
    expect(fingerprintDifferences(before, stateFingerprint(env.sandbox))).toEqual([]);
  },
);

test('the portfolio tells a user without browse permission on the project so, naming it', async () => {
  const result = await callPortfolio(env.sandbox, 'getPortfolio', {}, outsider.accountId);
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'no-permission', message: expect.stringContaining('AIP') },
  });
});
