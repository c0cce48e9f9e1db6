import { BAND_MEANING, BANDS_BY_URGENCY } from '../../domain/bands';
import { daysOverdue } from '../../domain/gates';
import { calendarDaysFromTo } from '../../domain/iso-date';
import { demoDate, killClockDecisions, standingKill, type ClockDecision } from '../../domain/kill-clock';
import { ownValue } from '../../domain/records';
import { describeBudget, describeDecision } from '../../domain/review-decision';
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
import type {
  ActiveBand,
  DataAccessTicket,
  IsoDate,
  OwnershipTemplate,
  PilotSnapshot,
  ReadinessDocument,
  Waiver,
} from '../../domain/types';
import { activeWaivers } from '../../domain/waivers';
import type { PilotGateway } from '../../jira/pilots';
import type { EpicMember, StoredPilotView } from '../../storage/pilot-state';
import { epicMemberOf, standingsOf } from '../readiness';
import type {
  DataAccessView,
  DecisionView,
  EpicPilotSummary,
  EpicView,
  KillView,
  PilotView,
  WaiverView,
  WorkstreamView,
} from '../../ui-contract';

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
  const workstreams = workstreamViews(snapshot, template, today);
  const reviews = template.reviewKinds.map(({ kind }) => ({
    kind,
    key: countingReviewIssue(snapshot.reviews, kind, template.rejectedResolutions)?.key ?? null,
    state: reviewKindState(reviewIssuesOfKind(snapshot.reviews, kind), template.rejectedResolutions),
  }));
  const generated = snapshot.workstreams.length > 0 || snapshot.reviews.length > 0;
  return {
    kind: 'pilot',
    id: snapshot.id,
    key: snapshot.key,
    summary: context.summary ?? snapshot.summary,
    readiness,
    bandMeaning: BAND_MEANING[readiness.band],
    scorecard: seedsScorecard(readiness.diagnostic.answers),
    gates: readiness.gates,
    workstreams: compact ? [] : workstreams,
    reviews: compact ? [] : reviews,
    dataAccess: compact ? [] : snapshot.dataAccess.map((ticket) => dataAccessViewOf(ticket, today)),
    productionSpec: compact ? {} : snapshot.productionSpec,
    dataSources: compact ? [] : dataSourceCoverage(snapshot),
    metricsDefinedAfterDemo: compact
      ? []
      : metricsDefinedAfterDemo(
          recordedSuccessMetrics(snapshot.productionSpec.successMetrics),
          demoDate(snapshot),
        ).map((metric) => metric.name),
    waivers: compact
      ? []
      : activeWaivers(snapshot.waivers, today).map((waiver) => waiverView(waiver, stored.names)),
    demoDate: compact ? null : demoDate(snapshot),
    generationProblems: context.generationProblems,
    generated,
    missing:
      compact || !generated
        ? { workstreams: [], reviews: [] }
        : {
            workstreams: workstreams.filter((row) => row.key === null).map((row) => row.row),
            reviews: reviews.filter((review) => review.key === null).map((review) => review.kind),
          },
    milestones: template.milestones.map((milestone) => ({
      key: milestone.key,
      name: milestone.name,
      target: ownValue(targets, milestone.key) ?? '',
    })),
    milestoneOverrides: compact ? {} : snapshot.milestoneOverrides,
    dateWarnings: stored.dateWarnings.map(({ field, message }) => ({ field, message })),
    canWaive: compact ? false : context.canWaive,
    today,
    kill: killView(snapshot, stored.names),
    ...(compact
      ? {}
      : {
          killClock: killClockView(snapshot, stored.names, today),
          closedByKill: snapshot.closedByKill ?? [],
          valueReview: {
            state: storedValueReview(stored.readiness),
            latest: latestValueReview(snapshot.valueReviews ?? []),
          },
        }),
  };
}

/** A person named by the name recorded with the entry, else as the stored view knows them. */
function nameOf(accountId: string, recorded: string | undefined, names: Record<string, string>): string {
  return recorded ?? names[accountId] ?? 'a decider (name not recorded)';
}

function waiverView(waiver: Waiver, names: Record<string, string>): WaiverView {
  return { ...waiver, grantedByName: nameOf(waiver.grantedBy, waiver.grantedByName, names) };
}

function decisionView(shown: ClockDecision, names: Record<string, string>): DecisionView {
  const { record } = shown;
  return {
    outcome: record.decision.outcome,
    summary: describeDecision(record.decision, new Map(Object.entries(names))),
    decidedOn: record.decidedOn,
    decidedBy: nameOf(record.decidedBy, record.decidedByName, names),
    lapsesOn: shown.lapsesOn,
  };
}

/** The decision that stands, or the last one since the demo that lapsed (product.md §9). */
function killClockView(snapshot: PilotSnapshot, names: Record<string, string>, today: IsoDate) {
  const { standing, lapsed } = killClockDecisions(snapshot.decisions, demoDate(snapshot), today);
  return {
    standing: standing ? decisionView(standing, names) : null,
    lapsed: lapsed ? decisionView(lapsed, names) : null,
  };
}

function killView(snapshot: PilotSnapshot, names: Record<string, string>): KillView | null {
  const kill = standingKill(snapshot.decisions);
  if (!kill || kill.decision.outcome !== 'kill') return null;
  return {
    decidedOn: kill.decidedOn,
    decidedBy: nameOf(kill.decidedBy, kill.decidedByName, names),
    reason: kill.decision.reason,
    scoreAtKill: kill.scoreAtKill ?? null,
    budgetFreed: describeBudget(kill.decision),
  };
}

/**
 * A data-access ticket as the panel lists it: "open for N days" counts from filing to its approval or
 * rejection, then stops (product.md §4); an open one counts to today.
 */
export function dataAccessViewOf(ticket: DataAccessTicket, today: IsoDate): DataAccessView {
  const { closedDate, ...shown } = ticket;
  return {
    ...shown,
    ageDays: ticket.openedDate ? calendarDaysFromTo(ticket.openedDate, closedDate ?? today) : null,
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
  // The search says which pilots the epic has; their readiness is the app's stored one, never the property.
  const children = await gateway.publishedPilotsOf(`parent = ${epic.id}`, [epic.id]);
  const standings = await standingsOf(children.map((child) => child.id));
  return children.map((child) => {
    const standing = standings.get(child.id);
    if (!standing) return epicMemberOf(child, undefined);
    const { noAnswers: _noAnswers, kill: _kill, ...member } = standing;
    return { ...member, key: child.key, summary: child.summary };
  });
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

/**
 * An epic's roll-up (product.md §11): counts per band, the mean and lowest score, who blocks each gate
 * and the kill list, over the pilots under way; killed pilots are listed apart and counted in none.
 */
export function rollUp(
  epic: { key: string },
  members: Array<EpicPilotSummary & { gates: ReadinessDocument['gates'] }>,
  template: OwnershipTemplate,
): EpicView {
  const countByBand: Record<ActiveBand, number> = { ready: 0, 'on-track': 0, 'at-risk': 0, purgatory: 0 };
  const pilots = members.filter((pilot) => pilot.band !== 'killed');
  const killed = members.filter((pilot) => pilot.band === 'killed');
  const scored = pilots.filter((pilot): pilot is typeof pilot & { score: number } => pilot.score !== null);
  for (const pilot of pilots) if (pilot.band && pilot.band !== 'killed') countByBand[pilot.band]++;
  const lowest = scored.reduce<{ key: string; score: number } | null>(
    (low, pilot) => (low === null || pilot.score < low.score ? { key: pilot.key, score: pilot.score } : low),
    null,
  );
  return {
    kind: 'epic',
    key: epic.key,
    pilots: pilots.map(({ gates: _gates, ...summary }) => summary),
    killed: killed.map(({ gates: _gates, ...summary }) => summary),
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
export function mostUrgentBand(countByBand: Record<ActiveBand, number>): ActiveBand | undefined {
  return BANDS_BY_URGENCY.find((band) => countByBand[band] > 0);
}
