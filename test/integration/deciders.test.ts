/**
 * Deciders (product.md §7, §14): Jira admins and members of the review board group chosen on the admin
 * page. Editing the Production owner field gives no right. Only deciders grant or revoke waivers and
 * record kill-list decisions, checked on the server; everyone else sees who decides.
 */
import { SANDBOX_USERS } from '../../sandbox/contracts';
import type { GovernanceRights, GroupOption, PilotView } from '../../src/ui-contract';
import { createPilot, fieldId, jira } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import { adminCall, data, panelCall } from '../support/servicenow-steps';
import {
  KILL,
  REVIEW_BOARD,
  auditOf,
  chooseReviewBoard,
  decide,
  killListPilot,
  openAdminPage,
  panel,
  portfolio,
  storedValue,
} from '../support/trust-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });
const { admin, projectManager, businessOwner } = SANDBOX_USERS;

const WAIVER = {
  milestone: 'demo-sign-off',
  criterion: { type: 'workstream', row: 'model-validation' },
  reason: 'Model validated by the vendor; we accept their signed report',
  expires: '2026-03-31',
};

/** The project manager makes themself the pilot's production owner: any editor can. */
async function selfAssignedOwner(pilot: { key: string }): Promise<void> {
  const owner = await fieldId(env.sandbox, 'Production owner');
  await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${pilot.key}`, {
    fields: { [owner]: { accountId: projectManager.accountId } },
  });
  await env.sandbox.idle();
}

describe('who decides', () => {
  it('a self-assigned production owner may neither waive nor decide, and is told who may', async () => {
    const pilot = await killListPilot(env.sandbox, 'Self-assigned pilot');
    await selfAssignedOwner(pilot);
    const before = JSON.stringify(storedValue(env.sandbox, `pilot:${pilot.id}:governance`) ?? null);
    const waiver = await panelCall(env.sandbox, pilot, 'grantWaiver', WAIVER);
    expect(waiver).toMatchObject({
      ok: false,
      error: { code: 'no-permission', message: expect.stringMatching(/Deciders: Jira admins/) },
    });
    const decision = await decide(env.sandbox, pilot, KILL, projectManager.accountId);
    expect(decision).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    expect(JSON.stringify(storedValue(env.sandbox, `pilot:${pilot.id}:governance`) ?? null)).toBe(before);

    const rights = data(await panelCall<GovernanceRights>(env.sandbox, pilot, 'checkGovernanceRights'));
    expect(rights).toEqual({
      canWaive: false,
      canDecide: false,
      deciders: 'Deciders: Jira admins (no review board is chosen on the admin page).',
    });
    // The panel's next view knows the answer: who decides, no form that refuses after a click.
    const next = await panel(env.sandbox, pilot, projectManager.accountId);
    expect(next.canWaive).toBe(false);
    expect(next.checkRights).toBeUndefined();
    expect(next.deciders).toMatch(/^Deciders: Jira admins/);
    const page = await portfolio(env.sandbox);
    expect(page.viewerMayDecide).toBe(false);
    expect(page.deciders).toMatch(/^Deciders: Jira admins/);
  });

  it('a member of the review board chosen on the admin page decides; the line names the group', async () => {
    const pilot = await killListPilot(env.sandbox, 'Board pilot');
    const refusedBefore = await panelCall(env.sandbox, pilot, 'grantWaiver', WAIVER, businessOwner.accountId);
    expect(refusedBefore).toMatchObject({ ok: false, error: { code: 'no-permission' } });

    const groups = data(await adminCall<GroupOption[]>(env.sandbox, 'findGroups', { query: 'review' }));
    expect(groups).toEqual([{ groupId: REVIEW_BOARD.groupId, name: 'ai-review-board' }]);
    const saved = await chooseReviewBoard(env.sandbox);
    expect(saved.config.reviewBoard).toEqual({ groupId: REVIEW_BOARD.groupId, name: 'ai-review-board' });

    const view = data(
      await panelCall<PilotView>(env.sandbox, pilot, 'grantWaiver', WAIVER, businessOwner.accountId),
    );
    expect(view.waivers).toEqual([expect.objectContaining({ grantedByName: 'Bo Business' })]);
    expect(view.deciders).toBe('Deciders: Jira admins and members of ai-review-board.');
    expect((await panel(env.sandbox, pilot, projectManager.accountId)).deciders).toBe(
      'Deciders: Jira admins and members of ai-review-board.',
    );
    expect((await portfolio(env.sandbox, businessOwner.accountId)).viewerMayDecide).toBe(true);
    expect(data(await decide(env.sandbox, pilot, KILL, businessOwner.accountId)).readiness.band).toBe(
      'killed',
    );
  });

  it('the review board must be a group Jira has, and only an admin chooses it', async () => {
    const { revision } = await openAdminPage(env.sandbox);
    const unknown = await adminCall(env.sandbox, 'saveConfiguration', {
      revision,
      reviewBoardGroupId: '00000000-0000-0000-0000-00000000dead',
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { fieldErrors: { reviewBoardGroupId: expect.stringMatching(/No Jira group has this id/) } },
    });
    const notAdmin = await adminCall(
      env.sandbox,
      'saveConfiguration',
      { revision, reviewBoardGroupId: REVIEW_BOARD.groupId },
      businessOwner.accountId,
    );
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    expect((await openAdminPage(env.sandbox)).config.reviewBoard).toBeNull();
  });
});

describe('waivers by deciders', () => {
  it('a decider revokes a waiver, audited with their name; the gate blocks again at once', async () => {
    const pilot = await createPilot(env.sandbox, 'Revoked pilot');
    const granted = data(
      await panelCall<PilotView>(env.sandbox, pilot, 'grantWaiver', WAIVER, admin.accountId),
    );
    const waiver = granted.waivers[0];
    expect(waiver?.grantedByName).toBe('Ada Admin');
    expect(granted.gates.find((gate) => gate.milestone === 'demo-sign-off')?.passed).toBe(true);

    const refused = await panelCall(env.sandbox, pilot, 'revokeWaiver', { waiverId: waiver?.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-permission' } });
    const revoked = data(
      await panelCall<PilotView>(
        env.sandbox,
        pilot,
        'revokeWaiver',
        { waiverId: waiver?.id },
        admin.accountId,
      ),
    );
    expect(revoked.waivers).toEqual([]);
    expect(revoked.gates.find((gate) => gate.milestone === 'demo-sign-off')?.passed).toBe(false);
    const entry = auditOf(env.sandbox, pilot.id).find((candidate) => candidate.action === 'waiver-revoked');
    expect(entry).toMatchObject({
      actorName: 'Ada Admin',
      summary: expect.stringMatching(/granted by Ada Admin/),
    });
    const again = await panelCall(
      env.sandbox,
      pilot,
      'revokeWaiver',
      { waiverId: waiver?.id },
      admin.accountId,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('one criterion per waiver, and a reason that is a sentence: "all five reviews" and ten characters are refused', async () => {
    const pilot = await createPilot(env.sandbox, 'Abused pilot');
    const everyReview = await panelCall(
      env.sandbox,
      pilot,
      'grantWaiver',
      { ...WAIVER, milestone: 'production-deployment', criterion: { type: 'reviews' } },
      admin.accountId,
    );
    expect(everyReview).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/one review at a time/) },
    });
    const terse = await panelCall(
      env.sandbox,
      pilot,
      'grantWaiver',
      { ...WAIVER, reason: 'Ten chars!' },
      admin.accountId,
    );
    expect(terse).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too short/) } });
    const yearAndADay = await panelCall(
      env.sandbox,
      pilot,
      'grantWaiver',
      { ...WAIVER, expires: '2027-03-03' },
      admin.accountId,
    );
    expect(yearAndADay).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/more than a year ahead/) },
    });
    const oneReview = await panelCall<PilotView>(
      env.sandbox,
      pilot,
      'grantWaiver',
      { ...WAIVER, milestone: 'production-deployment', criterion: { type: 'review', kind: 'legal' } },
      admin.accountId,
    );
    expect(oneReview.ok).toBe(true);
  });
});
