import { BAND_MEANING, BANDS_BY_URGENCY } from '../../domain/bands';
import { daysOverdue } from '../../domain/gates';
import { calendarDaysFromTo } from '../../domain/iso-date';
import { demoDate } from '../../domain/kill-clock';
import { pilotSchedule } from '../../domain/schedule';
import { listedDataSources, sourcesWithoutRequest } from '../../domain/data-sources';
import { seedsScorecard } from '../../domain/seeds-scorecard';
import { metricsDefinedAfterDemo, recordedSuccessMetrics } from '../../domain/success-metrics';
import { latestValueReview, storedValueReview } from '../../domain/value-review';
import {
  countingReviewIssue,
  countingWorkstreamIssue,
  reviewKindState,
  reviewIssuesOfKind,
  rowState,
  workstreamIssuesOfRow,
} from '../../domain/states';
import type { Band, OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { activeWaivers } from '../../domain/waivers';
import type { PilotGateway } from '../../jira/pilots';
import type { EpicMember, StoredPilotView } from '../../storage/pilot-state';
import { epicMemberOf } from '../readiness';
import type { EpicPilotSummary, EpicView, PilotView, WorkstreamView } from '../../ui-contract';

/** The panel's data, worked out from the pilot's stored recompute: no Jira call. */
export function pilotViewFrom(
  stored: StoredPilotView,
  template: OwnershipTemplate,
  context: {
    summary?: string;
    generationProblems: string[];
    canWaive: boolean;
    today: string;
    compact?: boolean;
  },
): PilotView {
  const { today } = context;
  const { snapshot } = stored;
  const compact = context.compact === true;
  const { targets } = pilotSchedule(template, snapshot);
  const readiness = withDisplayNames(stored.readiness, stored.names);
  return {
    kind: 'pilot',
    id: snapshot.id,
    key: snapshot.key,
    summary: context.summary ?? snapshot.summary,
    readiness,
    bandMeaning: BAND_MEANING[readiness.band],
    scorecard: seedsScorecard(readiness.diagnostic.answers),
    gates: readiness.gates,
    workstreams: compact ? [] : workstreamViews(snapshot, template, today),
    reviews: compact
      ? []
      : template.reviewKinds.map(({ kind }) => ({
          kind,
          key: countingReviewIssue(snapshot.reviews, kind, template.rejectedResolutions)?.key ?? null,
          state: reviewKindState(reviewIssuesOfKind(snapshot.reviews, kind), template.rejectedResolutions),
        })),
    dataAccess: compact
      ? []
      : snapshot.dataAccess.map((ticket) => ({
          ...ticket,
          ageDays: ticket.openedDate ? calendarDaysFromTo(ticket.openedDate, today) : null,
        })),
    productionSpec: compact ? {} : snapshot.productionSpec,
    dataSources: compact ? [] : dataSourceCoverage(snapshot),
    metricsDefinedAfterDemo: compact
      ? []
      : metricsDefinedAfterDemo(
          recordedSuccessMetrics(snapshot.productionSpec.successMetrics),
          demoDate(snapshot),
        ).map((metric) => metric.name),
    waivers: compact ? [] : activeWaivers(snapshot.waivers, today),
    demoDate: compact ? null : demoDate(snapshot),
    generationProblems: context.generationProblems,
    generated: snapshot.workstreams.length > 0 || snapshot.reviews.length > 0,
    milestones: template.milestones.map((milestone) => ({
      key: milestone.key,
      name: milestone.name,
      target: targets[milestone.key] ?? '',
    })),
    dateWarnings: stored.dateWarnings.map(({ field, message }) => ({ field, message })),
    canWaive: compact ? false : context.canWaive,
    today,
    ...(compact
      ? {}
      : {
          valueReview: {
            state: storedValueReview(stored.readiness),
            latest: latestValueReview(snapshot.valueReviews ?? []),
          },
        }),
  };
}

/** Each data source the spec lists, and whether a data-access request names it (diagnostic question 2). */
function dataSourceCoverage(snapshot: PilotSnapshot): PilotView['dataSources'] {
  const listed = listedDataSources(snapshot.productionSpec.dataSources);
  const missing = new Set(sourcesWithoutRequest(listed, snapshot.dataAccess));
  return listed.map((name) => ({ name, requested: !missing.has(name) }));
}

/** One line per template row, showing the sub-task the score counts (its least advanced one). */
function workstreamViews(
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  today: string,
): WorkstreamView[] {
  return template.rows.map((row) => {
    const issue = countingWorkstreamIssue(snapshot.workstreams, row.key);
    const state = rowState(workstreamIssuesOfRow(snapshot.workstreams, row.key));
    return {
      row: row.key,
      workstream: row.workstream,
      ownerTeam: row.ownerTeam,
      milestone: row.milestone,
      key: issue?.key ?? null,
      state,
      assigneeAccountId: issue?.assigneeAccountId ?? null,
      dueDate: issue?.dueDate ?? null,
      daysOverdue: issue?.dueDate && state !== 'done' ? daysOverdue(issue.dueDate, today) : 0,
    };
  });
}

function withDisplayNames(readiness: ReadinessDocument, names: Record<string, string>): ReadinessDocument {
  const named = (text: string) =>
    Object.entries(names).reduce((result, [id, name]) => result.split(id).join(name), text);
  return {
    ...readiness,
    diagnostic: {
      ...readiness.diagnostic,
      answers: readiness.diagnostic.answers.map((answer) => ({
        ...answer,
        evidence: named(answer.evidence),
      })),
    },
  };
}

/**
 * The pilots of an epic with their stored readiness, from one paged search: for an epic whose roll-up
 * was never stored (its pilots' readiness predates stored roll-ups).
 */
export async function searchEpicMembers(gateway: PilotGateway, epic: { id: string }): Promise<EpicMember[]> {
  const children = await gateway.storedReadinessOf(`parent = ${epic.id}`, [epic.id]);
  return children.map((child) => epicMemberOf(child, child.readiness));
}

export function summaryOfMember(
  member: EpicMember,
): EpicPilotSummary & { gates: ReadinessDocument['gates'] } {
  return {
    key: member.key,
    summary: member.summary,
    score: member.score,
    band: member.band,
    firstBlockingGate: member.gates.find((gate) => !gate.passed)?.milestone ?? null,
    reviewRequired: member.reviewRequired,
    daysSinceDemo: member.daysSinceDemo,
    gates: member.gates,
  };
}

export function rollUp(
  epic: { key: string; summary: string },
  pilots: Array<EpicPilotSummary & { gates: ReadinessDocument['gates'] }>,
  template: OwnershipTemplate,
): EpicView {
  const countByBand: Record<Band, number> = { ready: 0, 'on-track': 0, 'at-risk': 0, purgatory: 0 };
  const scored = pilots.filter((pilot): pilot is typeof pilot & { score: number } => pilot.score !== null);
  for (const pilot of pilots) if (pilot.band) countByBand[pilot.band]++;
  const lowest = scored.reduce<{ key: string; score: number } | null>(
    (low, pilot) => (low === null || pilot.score < low.score ? { key: pilot.key, score: pilot.score } : low),
    null,
  );
  return {
    kind: 'epic',
    key: epic.key,
    summary: epic.summary,
    pilots: pilots.map(({ gates: _gates, ...summary }) => summary),
    countByBand,
    notComputed: pilots.length - scored.length,
    meanScore:
      scored.length === 0
        ? null
        : Math.round(scored.reduce((sum, pilot) => sum + pilot.score, 0) / scored.length),
    lowest,
    milestones: template.milestones.map(({ key, name }) => ({ key, name })),
    blockedByGate: template.milestones.map((milestone) => ({
      milestone: milestone.key,
      pilots: pilots
        .filter((pilot) => pilot.gates.some((gate) => gate.milestone === milestone.key && !gate.passed))
        .map((pilot) => pilot.key),
    })),
    killList: pilots.filter((pilot) => pilot.reviewRequired).map((pilot) => pilot.key),
  };
}

/** The most urgent band among an epic's pilots, for the colour of its lozenge. */
export function mostUrgentBand(countByBand: Record<Band, number>): Band | undefined {
  return BANDS_BY_URGENCY.find((band) => countByBand[band] > 0);
}
