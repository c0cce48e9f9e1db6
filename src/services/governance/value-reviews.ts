/**
 * A value review (product.md §15): 90 days after go-live, a decider records on the portfolio whether
 * the pilot delivers the value its success metrics promised, with each metric's measured value. The
 * pilot's stored readiness (the app's own, never the published property) says whether the review is
 * open; the review is kept under compare-and-set, audited, commented on the pilot, and the pilot is
 * recomputed so the flag and the funnel follow.
 */
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { readConfig } from '../../storage/config';
import type { Pilot } from '../../domain/pilot';
import { recordedSuccessMetrics } from '../../domain/success-metrics';
import type { SuccessMetric, ValueReviewRecord } from '../../domain/types';
import {
  VALUE_OUTCOME_LABELS,
  storedValueReview,
  valueReviewRecord,
  valueReviewRefusal,
  valueReviewSchemaFor,
  withValueReview,
} from '../../domain/value-review';
import type { JiraClient } from '../../jira/client';
import { getUsersByAccountIds } from '../../jira/configuration';
import { PilotGateway } from '../../jira/pilots';
import { appendAudit } from '../../storage/audit';
import { readPilotView } from '../../storage/pilot-state';
import { changeValueReviews } from '../../storage/value-reviews';
import type { ValueReviewResult } from '../../ui-contract';
import { UserFacingError } from '../errors';
import { assertDecider } from '../permissions';
import { ensureProvisioned } from '../provisioning';
import { recomputeSerialized } from '../readiness';

export interface ValueReviewRequest {
  pilotKey: string;
  /** The portfolio's project: the pilot must belong to it. */
  projectKey: string;
  accountId: string;
  asUser: JiraClient;
  now: Date;
}

/** Each field's problems in one sentence, so a form shows all of them at once. */
function fieldErrorsOf(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): Record<string, string> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  return Object.fromEntries([...byField].map(([field, messages]) => [field, messages.join('; ')]));
}

async function openPilot(request: ValueReviewRequest): Promise<Pilot> {
  // Read as the viewer: someone who cannot see the pilot cannot review it.
  const pilot = await new PilotGateway(request.asUser, await ensureProvisioned(request.now)).readPilot(
    request.pilotKey,
  );
  if (!pilot.isPilot)
    throw new UserFacingError('not-a-pilot', `${pilot.key} is not an AI Pilot: there is no value to review.`);
  if (pilot.projectKey !== request.projectKey)
    throw new UserFacingError('not-found', `${pilot.key} is not a pilot of ${request.projectKey}.`);
  return pilot;
}

function describeReview(record: ValueReviewRecord): string {
  const measured = record.measured.map(
    (value) =>
      `${value.metric} ${value.measured} (target ${value.target}${value.unit ? ` ${value.unit}` : ''})`,
  );
  return [
    `Value review: ${VALUE_OUTCOME_LABELS[record.outcome]}.`,
    ...(measured.length > 0 ? [`Measured: ${measured.join('; ')}.`] : []),
    ...(record.note ? [`Note: ${record.note}`] : []),
  ].join(' ');
}

/** Records a value review on a live pilot of the portfolio's project; validated and checked on the server. */
export async function recordValueReview(
  request: ValueReviewRequest,
  payload: unknown,
): Promise<ValueReviewResult> {
  const today = siteToday(request.now, siteTimeZone(await ensureProvisioned(request.now)));
  const pilot = await openPilot(request);
  await assertDecider(
    request.asUser,
    request.accountId,
    (await readConfig()).reviewBoard,
    'record a value review',
  );
  const stored = await readPilotView(pilot.id);
  if (!stored)
    throw new UserFacingError(
      'not-generated',
      `Readiness of ${pilot.key} is being computed; try again in a moment.`,
    );
  const refusal = valueReviewRefusal(pilot.key, storedValueReview(stored.readiness), today);
  if (refusal) throw new UserFacingError('invalid-input', refusal);
  const metrics: SuccessMetric[] = recordedSuccessMetrics(pilot.productionSpec.successMetrics);
  const parsed = valueReviewSchemaFor(metrics).safeParse(
    (payload as { review?: unknown } | null)?.review ?? {},
  );
  if (!parsed.success)
    throw new UserFacingError(
      'invalid-input',
      'The value review was not recorded: fix the marked entries.',
      fieldErrorsOf(parsed.error.issues),
    );
  const [reviewer] = await getUsersByAccountIds(request.asUser, [request.accountId]);
  const record = valueReviewRecord(
    parsed.data,
    metrics,
    { accountId: request.accountId, ...(reviewer?.displayName ? { displayName: reviewer.displayName } : {}) },
    today,
  );
  if (await changeValueReviews(pilot.id, (reviews) => withValueReview(reviews, record))) {
    const summary = describeReview(record);
    await appendAudit(
      pilot.id,
      {
        at: request.now.toISOString(),
        actorAccountId: request.accountId,
        actorName: record.reviewedByName,
        action: 'value-review',
        summary,
        details: record,
      },
      `${request.now.getTime()}-value-review`,
    );
    await PilotGateway.asApp(await ensureProvisioned(request.now)).comment(
      pilot.id,
      `${summary}\nReviewed by ${record.reviewedByName ?? request.accountId} on ${today} (recorded by Pilot Pathway).`,
    );
  }
  const recomputed = await recomputeSerialized(
    pilot.id,
    request.now,
    `value-review-${pilot.id}-${request.now.getTime()}`,
    {
      actorAccountId: request.accountId,
    },
  );
  return {
    key: pilot.key,
    summary: pilot.summary,
    readiness: recomputed?.readiness ?? stored.readiness,
    review: record,
  };
}
