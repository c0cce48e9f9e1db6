/**
 * A kill-list decision (product.md §9): accelerate, pause or kill, validated on the server, allowed
 * to a Jira admin or the pilot's production owner, recorded in the audit log and as a comment on the
 * pilot, then applied. A pause lapses on its resumption date (the daily recompute brings the pilot
 * back to the kill list); a kill closes the pilot and its open workstreams and reviews through their
 * workflows, naming any issue whose workflow offers no way to done.
 */
import { byHandMessage, doneTransition, stillOpen, type ClosureOutcome } from '../../domain/closure';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { describeDecision, reviewDecisionSchemaOn } from '../../domain/review-decision';
import type { IsoDate, ReviewDecision, ReviewDecisionRecord } from '../../domain/types';
import type { JiraClient } from '../../jira/client';
import { getUsersByAccountIds } from '../../jira/configuration';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { appendAudit } from '../../storage/audit';
import { readGenerationRecord } from '../../storage/generation-record';
import { readGovernance, writeGovernance } from '../../storage/governance';
import type { Provisioning } from '../../domain/site-provisioning';
import type { ReviewDecisionResult } from '../../ui-contract';
import { isAdminOrProductionOwner } from '../permissions';
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
  return last !== undefined && JSON.stringify(last) === JSON.stringify(record);
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
      actorName,
      action: 'review-decision',
      ...entry,
    },
    `${request.now.getTime()}-${suffix}`,
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
  if (!(await isAdminOrProductionOwner(request.asUser, request.accountId, pilot))) {
    throw new UserFacingError(
      'no-permission',
      "Only a Jira admin or the pilot's production owner can record a review decision.",
    );
  }
  const decision = parsedDecision(payload, today);
  const governance = await readGovernance(pilot.id);
  const record: ReviewDecisionRecord = { decision, decidedBy: request.accountId, decidedOn: today };
  const repeat = isRepeat(governance.decisions, record);
  const stored = pilot.storedReadiness;
  if (!repeat && stored?.reviewRequired !== true) {
    throw new UserFacingError(
      'invalid-input',
      `${pilot.key} is not on the kill list: a decision is recorded for a pilot more than 90 days past its demo without one in force.`,
    );
  }
  const names = await peopleOf(request, decision);
  const actorName = names.get(request.accountId);
  if (!repeat) {
    await writeGovernance(pilot.id, { ...governance, decisions: [...governance.decisions, record] });
    const summary = `Review decision: ${describeDecision(decision, names)}`;
    // Same instant as the closure's entry: the ids keep the decision first in the log.
    await auditDecision(pilot.id, request, actorName, { summary, details: record }, '1-decision');
    await PilotGateway.asApp(provisioning).comment(
      pilot.id,
      `${summary}\nDecided by ${names.get(request.accountId) ?? request.accountId} on ${today} (recorded by Pilot Pathway).`,
    );
  }
  const closure =
    decision.outcome === 'kill'
      ? await closeKilledPilot(PilotGateway.asApp(provisioning), pilot, request, actorName)
      : null;
  const recomputed = await recomputeSerialized(
    pilot.id,
    request.now,
    `decision-${pilot.id}-${request.now.getTime()}`,
    {
      actorAccountId: request.accountId,
    },
  );
  const readiness = recomputed?.readiness ?? stored;
  if (!readiness)
    throw new UserFacingError(
      'internal',
      `The decision on ${pilot.key} is recorded; its readiness is being recomputed.`,
    );
  return { key: pilot.key, summary: pilot.summary, readiness, closure };
}

/**
 * Moves the pilot and its open workstreams and reviews to done, as the app (reviewers' projects may be
 * closed to the decider), each through a transition its workflow offers. Remembered for the panel.
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
  const outcome: ClosureOutcome = { closed: [], byHand: [] };
  // Children first: the pilot closes last, so a workflow that needs its sub-tasks done lets it.
  for (const issue of [
    ...open.filter((item) => item.key !== pilot.key),
    ...open.filter((item) => item.key === pilot.key),
  ]) {
    try {
      const transition = doneTransition(await gateway.transitionsOf(issue.key));
      if (!transition) {
        outcome.byHand.push({ key: issue.key, reason: 'its workflow offers no transition to a done status' });
        continue;
      }
      await gateway.transition(issue.key, transition.id);
      outcome.closed.push(issue.key);
    } catch (error) {
      outcome.byHand.push({
        key: issue.key,
        reason: `Jira refused to close it: ${(error as Error).message}`,
      });
    }
  }
  const governance = await readGovernance(pilot.id);
  await writeGovernance(pilot.id, { ...governance, closure: outcome });
  const byHand = byHandMessage(outcome.byHand);
  await auditDecision(
    pilot.id,
    request,
    actorName,
    {
      summary: `Closed after the kill: ${outcome.closed.join(', ') || 'nothing'}.${byHand ? ` ${byHand}` : ''}`,
      details: outcome,
    },
    '2-closure',
  );
  if (byHand)
    await gateway.comment(pilot.id, `Pilot Pathway could not close everything after the kill. ${byHand}`);
  return outcome;
}
