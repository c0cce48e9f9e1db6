import { route } from '@forge/api';
import { daysOverdue } from '../domain/gates';
import { calendarDaysFromTo, utcCalendarDate } from '../domain/iso-date';
import { demoDate } from '../domain/kill-clock';
import { computeReadiness } from '../domain/readiness';
import { pilotSchedule } from '../domain/schedule';
import { reviewState, workstreamState } from '../domain/states';
import { activeWaivers } from '../domain/waivers';
import type { Band, OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../domain/types';
import type { JiraClient } from '../jira/client';
import type { JiraIssue } from '../jira/types';
import { readGenerationRecord } from '../storage/generation-record';
import type { Provisioning } from '../storage/provisioning';
import type { EpicPilotSummary, EpicView, PilotView } from '../ui-contract';
import { pilotScheduleInputs, READINESS_PROPERTY, readPilot } from './pilot-snapshot';

const BAND_MEANING: Record<Band, string> = {
  ready: 'Every graduation gate passes: this pilot is ready for production.',
  'on-track': 'On track: work is moving and nothing is overdue, but gates remain before production.',
  'at-risk': 'At risk: the score is below 50 or a workstream is past its due date.',
  purgatory:
    'In purgatory: three or more diagnostic answers are "no", or the pilot is past 90 days since its demo without a review decision.',
};

/** The pilot panel's data, read with the given client's permissions and computed live. */
export async function buildPilotView(
  jira: JiraClient,
  pilot: JiraIssue | string,
  provisioning: Provisioning,
  template: OwnershipTemplate,
  now: Date,
  viewer: { accountId: string; isAdmin: boolean },
): Promise<PilotView> {
  const reading = await readPilot(jira, pilot, provisioning, template);
  const { snapshot } = reading;
  const today = utcCalendarDate(now);
  const readiness = withDisplayNames(
    computeReadiness(snapshot, template, now),
    await displayNames(jira, snapshot),
  );
  const record = await readGenerationRecord(snapshot.id);
  const { targets } = pilotSchedule(template, snapshot);
  return {
    kind: 'pilot',
    id: snapshot.id,
    key: snapshot.key,
    summary: snapshot.summary,
    readiness,
    bandMeaning: BAND_MEANING[readiness.band],
    gates: readiness.gates,
    workstreams: template.rows.map((row) => {
      const issue = snapshot.workstreams.find((candidate) => candidate.row === row.key);
      const state = issue ? workstreamState(issue.statusCategory) : null;
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
    }),
    reviews: template.reviewKinds.map(({ kind }) => {
      const issue = snapshot.reviews.find((candidate) => candidate.kind === kind);
      return {
        kind,
        key: issue?.key ?? null,
        state: issue ? reviewState(issue, template.rejectedResolutions) : null,
      };
    }),
    dataAccess: snapshot.dataAccess.map((ticket) => ({
      ...ticket,
      ageDays: ticket.openedDate ? calendarDaysFromTo(ticket.openedDate, today) : null,
    })),
    productionSpec: snapshot.productionSpec,
    waivers: activeWaivers(snapshot.waivers, today),
    demoDate: demoDate(snapshot),
    generationProblems: record.problems.map((problem) => problem.message),
    generated: snapshot.workstreams.length > 0 || snapshot.reviews.length > 0,
    milestones: template.milestones.map((milestone) => ({
      key: milestone.key,
      name: milestone.name,
      target: targets[milestone.key] ?? '',
    })),
    canWaive: viewer.isAdmin || snapshot.productionOwnerAccountId === viewer.accountId,
    today,
    serviceNow: reading.serviceNow,
  };
}

/**
 * The issue context's compact view of a pilot, from the stored `pilot-readiness` (kept current by every
 * change) and the issue already read: no further Jira call. The lists the compact view does not show are
 * left empty. Returns undefined when nothing is stored yet (the caller computes the full view instead).
 */
export async function buildCompactPilotView(
  pilot: JiraIssue,
  provisioning: Provisioning,
  template: OwnershipTemplate,
  now: Date,
): Promise<PilotView | undefined> {
  const readiness = pilot.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined;
  if (!readiness) return undefined;
  const record = await readGenerationRecord(pilot.id);
  const schedule = pilotScheduleInputs(pilot, provisioning);
  const { targets } = pilotSchedule(template, schedule);
  return {
    kind: 'pilot',
    id: pilot.id,
    key: pilot.key,
    summary: pilot.fields.summary ?? '',
    readiness,
    bandMeaning: BAND_MEANING[readiness.band],
    gates: readiness.gates,
    workstreams: [],
    reviews: [],
    dataAccess: [],
    productionSpec: {},
    waivers: [],
    demoDate: null,
    generationProblems: record.problems.map((problem) => problem.message),
    generated: Object.keys(record.created).length > 0,
    milestones: template.milestones.map((milestone) => ({
      key: milestone.key,
      name: milestone.name,
      target: targets[milestone.key] ?? '',
    })),
    canWaive: false,
    today: utcCalendarDate(now),
  };
}

/** Display names of the people a pilot's evidence mentions (the domain knows only account ids). */
async function displayNames(jira: JiraClient, snapshot: PilotSnapshot): Promise<Map<string, string>> {
  const accountIds = [
    ...new Set(
      [
        snapshot.productionOwnerAccountId,
        ...snapshot.workstreams.map((issue) => issue.assigneeAccountId),
      ].filter((id): id is string => id !== null),
    ),
  ];
  if (accountIds.length === 0) return new Map();
  const query = new URLSearchParams(accountIds.map((accountId) => ['accountId', accountId]));
  const page = await jira
    .request<{ values: Array<{ accountId: string; displayName?: string }> }>(
      'GET',
      route`/rest/api/3/user/bulk?${query}`,
    )
    .catch(() => ({ values: [] }));
  return new Map(page.values.map((user) => [user.accountId, user.displayName ?? user.accountId]));
}

function withDisplayNames(readiness: ReadinessDocument, names: Map<string, string>): ReadinessDocument {
  const named = (text: string) =>
    [...names].reduce((result, [id, name]) => result.split(id).join(name), text);
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
 * An epic's roll-up (product.md §11), from the stored `pilot-readiness` of its child pilots in one
 * paged search: nothing is recomputed per pilot.
 */
export async function buildEpicView(
  jira: JiraClient,
  epic: JiraIssue,
  provisioning: Provisioning,
  template: OwnershipTemplate,
): Promise<EpicView> {
  const children = await jira.searchAll(
    `parent = ${epic.key} AND issuetype = ${provisioning.aiPilotIssueTypeId} ORDER BY key ASC`,
    ['summary'],
    [READINESS_PROPERTY],
  );
  const pilots = children.map((child) => pilotSummary(child));
  return rollUp(epic, pilots, template);
}

function pilotSummary(issue: JiraIssue): EpicPilotSummary & { gates: ReadinessDocument['gates'] } {
  const readiness = issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined;
  return {
    key: issue.key,
    summary: issue.fields.summary ?? '',
    score: readiness?.score ?? null,
    band: readiness?.band ?? null,
    firstBlockingGate: readiness?.gates.find((gate) => !gate.passed)?.milestone ?? null,
    reviewRequired: readiness?.reviewRequired ?? false,
    daysSinceDemo: readiness?.daysSinceDemo ?? null,
    gates: readiness?.gates ?? [],
  };
}

export function rollUp(
  epic: Pick<JiraIssue, 'key' | 'fields'>,
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
    summary: epic.fields.summary ?? '',
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
