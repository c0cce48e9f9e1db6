/**
 * A kill-list decision (product.md §9, §14): accelerate, pause or kill, validated on the server, allowed
 * to deciders only, recorded by compare-and-set (two decisions on one pilot can never both stand), in
 * the audit log and as a comment on the pilot, then applied. An accelerate names the pilot's production
 * owner; a kill closes the pilot and its open workstreams and reviews as Won't Do where the workflow
 * offers it, remembering which issues it closed so they never count as done.
 */
import {
  byHandMessage,
  doneTransition,
  killResolutionOf,
  stillOpen,
  type ClosureOutcome,
  type TransitionOption,
} from '../../domain/closure';
import { standingKill } from '../../domain/kill-clock';
import { computeReadiness } from '../../domain/readiness';
import { decisionsWith, describeDecision, reviewDecisionSchemaOn } from '../../domain/review-decision';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import type { IsoDate, ReviewDecision, ReviewDecisionRecord } from '../../domain/types';
import type { JiraClient } from '../../jira/client';
import { getUsersByAccountIds } from '../../jira/configuration';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { appendAudit } from '../../storage/audit';
import { readConfig, type AppConfig } from '../../storage/config';
import { readGenerationRecord } from '../../storage/generation-record';
import { UNCHANGED, updateGovernance, type Governance } from '../../storage/governance';
import { readPilotView, type StoredPilotView } from '../../storage/pilot-state';
import type { Provisioning } from '../../domain/site-provisioning';
import type { ReviewDecisionResult } from '../../ui-contract';
import { assertDecider } from '../permissions';
import { ensureProvisioned } from '../provisioning';
import { recomputeSerialized } from '../readiness';
import { UserFacingError } from '../errors';

export interface DecisionRequest {
  /** The pilot: the panel's issue from the Forge context, or the portfolio's choice within its project. */
  pilotIdOrKey: string;
  /** On the portfolio page: the project the page is about; the pilot must belong to it. */
  projectKey?: string;
  accountId: string;
  asUser: JiraClient;
  now: Date;
}

function parsedDecision(payload: unknown, today: IsoDate): ReviewDecision {
  const decision = (payload as { decision?: unknown } | null)?.decision;
  const parsed = reviewDecisionSchemaOn(today).safeParse(decision ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'outcome');
    fieldErrors[field] ??= issue.message;
  }
  throw new UserFacingError(
    'invalid-input',
    'The decision was not recorded: fix the marked entries.',
    fieldErrors,
  );
}

async function openPilot(request: DecisionRequest, provisioning: Provisioning): Promise<Pilot> {
  // Read as the viewer: someone who cannot see the pilot cannot decide on it.
  const pilot = await new PilotGateway(request.asUser, provisioning).readPilot(request.pilotIdOrKey);
  if (!pilot.isPilot) {
    throw new UserFacingError('not-a-pilot', `${pilot.key} is not an AI Pilot: there is nothing to decide.`);
  }
  if (request.projectKey !== undefined && pilot.projectKey !== request.projectKey) {
    throw new UserFacingError('not-found', `${pilot.key} is not a pilot of ${request.projectKey}.`);
  }
  return pilot;
}

/** The same decision by the same person on the same day: a retry after a lost answer, not a new one. */
function isRepeat(records: readonly ReviewDecisionRecord[], record: ReviewDecisionRecord): boolean {
  const last = records[records.length - 1];
  return (
    last !== undefined &&
    last.decidedBy === record.decidedBy &&
    last.decidedOn === record.decidedOn &&
    JSON.stringify(last.decision) === JSON.stringify(record.decision)
  );
}

/** Names of the decider and the named owner (one call); an accelerate owner must be an active user. */
async function peopleOf(request: DecisionRequest, decision: ReviewDecision): Promise<Map<string, string>> {
  const owner = decision.outcome === 'accelerate' ? decision.ownerAccountId : null;
  const users = await getUsersByAccountIds(request.asUser, [
    ...new Set([request.accountId, ...(owner ? [owner] : [])]),
  ]);
  if (owner) {
    const found = users.find((user) => user.accountId === owner);
    if (!found || found.active === false) {
      throw new UserFacingError('invalid-input', 'The decision was not recorded: fix the marked entries.', {
        ownerAccountId: found
          ? 'This person is deactivated: name an active owner'
          : 'No Jira user has this account id',
      });
    }
  }
  return new Map(users.map((user) => [user.accountId, user.displayName ?? user.accountId]));
}

/** One line of the pilot's audit log about the decision: who (with their name), when, what. */
function auditDecision(
  pilotId: string,
  request: DecisionRequest,
  actorName: string | undefined,
  entry: { summary: string; details: unknown },
  suffix: string,
): Promise<void> {
  return appendAudit(
    pilotId,
    {
      at: request.now.toISOString(),
      actorAccountId: request.accountId,
      ...(actorName ? { actorName } : {}),
      action: 'review-decision',
      ...entry,
    },
    `${request.now.getTime()}-${suffix}`,
  );
}

/**
 * Whether the pilot is on the kill list now, from the app's stored truth (the pilot's stored reading
 * with the governance as it is at this compare-and-set), never from the published property; a
 * refusal names the decision that stands.
 */
function assertOnKillList(
  pilot: Pilot,
  stored: StoredPilotView,
  governance: Governance,
  config: AppConfig,
  now: Date,
  zone: string,
): void {
  const kill = standingKill(governance.decisions);
  if (kill) {
    throw new UserFacingError(
      'invalid-input',
      `${pilot.key} was killed on ${kill.decidedOn}: there is nothing left to decide. Reopen it in Jira to make it active again.`,
    );
  }
  const readiness = computeReadiness(
    { ...stored.snapshot, waivers: governance.waivers, decisions: governance.decisions },
    config.template,
    now,
    zone,
  );
  if (readiness.reviewRequired) return;
  const last = governance.decisions[governance.decisions.length - 1];
  const decided =
    last && last.decidedOn === siteToday(now, zone)
      ? ` A decision was recorded meanwhile: ${describeDecision(last.decision, new Map())} (by ${last.decidedByName ?? 'a decider'}). Reload to see it.`
      : '';
  throw new UserFacingError(
    'invalid-input',
    `${pilot.key} is not on the kill list: a decision is recorded for a pilot more than 90 days past its demo without one in force.${decided}`,
  );
}

/** Records and applies a decision on a kill-list pilot; validated and permission-checked on the server. */
export async function decideReview(
  request: DecisionRequest,
  payload: unknown,
): Promise<ReviewDecisionResult> {
  const provisioning = await ensureProvisioned(request.now);
  const today = siteToday(request.now, siteTimeZone(provisioning));
  const pilot = await openPilot(request, provisioning);
  const config = await readConfig();
  await assertDecider(request.asUser, request.accountId, config.reviewBoard, 'record a review decision');
  const decision = parsedDecision(payload, today);
  const stored = await readPilotView(pilot.id);
  if (!stored) {
    throw new UserFacingError(
      'not-generated',
      `Readiness of ${pilot.key} is being computed; decide once it is shown.`,
    );
  }
  const names = await peopleOf(request, decision);
  const actorName = names.get(request.accountId);
  const record: ReviewDecisionRecord = {
    decision,
    decidedBy: request.accountId,
    decidedOn: today,
    ...(actorName ? { decidedByName: actorName } : {}),
    ...(decision.outcome === 'kill' ? { scoreAtKill: stored.readiness.score } : {}),
  };
  let repeat = false;
  await updateGovernance(pilot.id, (current) => {
    repeat = isRepeat(current.decisions, record);
    if (repeat) return UNCHANGED;
    assertOnKillList(pilot, stored, current, config, request.now, siteTimeZone(provisioning));
    return {
      ...current,
      decisions: decisionsWith(current.decisions, record),
      ...(decision.outcome === 'kill' ? { pilotClosedByKill: false } : {}),
    };
  });
  const app = PilotGateway.asApp(provisioning);
  if (!repeat) {
    const summary = `Review decision: ${describeDecision(decision, names)}`;
    // Same instant as the closure's entry: the ids keep the decision first in the log.
    await auditDecision(pilot.id, request, actorName, { summary, details: record }, '1-decision');
    await app.comment(
      pilot.id,
      `${summary}\nDecided by ${actorName ?? request.accountId} on ${today} (recorded by Pilot Pathway).`,
    );
  }
  if (decision.outcome === 'accelerate' && pilot.productionOwner?.accountId !== decision.ownerAccountId) {
    await app.setProductionOwner(pilot.id, decision.ownerAccountId);
  }
  const closure = decision.outcome === 'kill' ? await closeKilledPilot(app, pilot, request, actorName) : null;
  const recomputed = await recomputeSerialized(
    pilot.id,
    request.now,
    `decision-${pilot.id}-${request.now.getTime()}`,
    { actorAccountId: request.accountId },
  );
  const readiness = recomputed?.readiness ?? stored.readiness;
  return { key: pilot.key, summary: pilot.summary, readiness, closure };
}

/**
 * Moves the pilot and its open workstreams and reviews to done, as the app (reviewers' projects may be
 * closed to the decider), each through a transition its workflow offers, with the resolution Won't Do
 * where the transition's screen offers it. Which issues the kill closes is stored before any is moved,
 * so none of them counts as done at any moment, whatever resolution its workflow forced.
 */
async function closeKilledPilot(
  gateway: PilotGateway,
  pilot: Pilot,
  request: DecisionRequest,
  actorName: string | undefined,
): Promise<ClosureOutcome> {
  // What generation created is known without search: the index may not show it yet (product.md §13).
  const created = Object.values((await readGenerationRecord(pilot.id)).created).map((issue) => issue.id);
  const open = stillOpen(await gateway.openIssuesOf(pilot.id, created));
  const closing = open.filter((issue) => issue.key !== pilot.key).map((issue) => issue.key);
  await updateGovernance(pilot.id, (current) => {
    const known = new Set(current.closedByKill ?? []);
    if (closing.every((key) => known.has(key))) return UNCHANGED;
    return { ...current, closedByKill: [...new Set([...known, ...closing])] };
  });
  const outcome: ClosureOutcome = { closed: [], byHand: [] };
  // Issues in the same workflow state are offered the same transitions: asked for once.
  const transitionsByState = new Map<string, Promise<TransitionOption[]>>();
  // Children first: the pilot closes last, so a workflow that needs its sub-tasks done lets it.
  for (const issue of [
    ...open.filter((item) => item.key !== pilot.key),
    ...open.filter((item) => item.key === pilot.key),
  ]) {
    try {
      let offered = transitionsByState.get(issue.workflowState);
      if (!offered) {
        offered = gateway.transitionsOf(issue.key);
        transitionsByState.set(issue.workflowState, offered);
        // A failed answer is not kept for the next issue: that one asks again.
        offered.catch(() => transitionsByState.delete(issue.workflowState));
      }
      const transition = doneTransition(await offered);
      if (!transition) {
        outcome.byHand.push({ key: issue.key, reason: 'its workflow offers no transition to a done status' });
        continue;
      }
      await gateway.transition(issue.key, transition.id, killResolutionOf(transition));
      outcome.closed.push(issue.key);
    } catch (error) {
      outcome.byHand.push({
        key: issue.key,
        reason: `Jira refused to close it: ${(error as Error).message}`,
      });
    }
  }
  const pilotClosed = outcome.closed.includes(pilot.key) || !open.some((issue) => issue.key === pilot.key);
  await updateGovernance(pilot.id, (current) => ({
    ...current,
    closure: outcome,
    pilotClosedByKill: pilotClosed,
  }));
  const byHand = byHandMessage(outcome.byHand);
  await auditDecision(
    pilot.id,
    request,
    actorName,
    {
      summary: `Closed after the kill, as not done: ${outcome.closed.join(', ') || 'nothing'}.${byHand ? ` ${byHand}` : ''}`,
      details: outcome,
    },
    '2-closure',
  );
  if (byHand)
    await gateway.comment(pilot.id, `Pilot Pathway could not close everything after the kill. ${byHand}`);
  return outcome;
}
