import type { ReadinessHistory } from '../../domain/history';
import { siteToday } from '../../domain/site-dates';
import { milestoneOrderWarnings } from '../../domain/milestone-dates';
import { computeReadiness } from '../../domain/readiness';
import { pilotSchedule, planMovesForMovedMilestones, type DueDateMove } from '../../domain/schedule';
import type { DateProblem } from '../../domain/site-dates';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { versionsWith, workWithChanges, type WorkIssueChange } from '../../domain/work-change';
import type { FieldVersions, Pilot, PilotWork } from '../../domain/pilot';
import { PilotGateway } from '../../jira/pilots';
import { siteTimeZone, type Provisioning } from '../../domain/site-provisioning';
import { appendAudit } from '../../storage/audit';
import { readConfig } from '../../storage/config';
import {
  forgetGeneratedIssues,
  readGenerationRecord,
  updateGenerationRecord,
} from '../../storage/generation-record';
import { readGovernance } from '../../storage/governance';
import { storageKeys } from '../../storage/keys';
import { isLeaseHeld } from '../../storage/lock';
import {
  deleteEpicMember,
  readDataAccessLinks,
  pilotViewStoredSince,
  readFencedPilotView,
  writeEpicMember,
  writePilotStanding,
  writePilotView,
  type FencedPilotView,
  type StoredPilotView,
} from '../../storage/pilot-state';
import { ChangedMeanwhile } from '../../storage/versioned-record';
import { afterGoLiveInputs } from './after-go-live';
import { epicMemberOf, standingOf } from './epic-member';
import { followKill } from './kill-follow-up';
import { storePortfolioEntry } from './portfolio-entry-writer';
import { snapshotOf } from './pilot-snapshot';
import { ensureProvisioned } from '../provisioning';
import { storeReadiness } from './readiness-writer';
import { serviceNowTicketsOfPilot } from './servicenow-tickets';

export interface RecomputeOutcome {
  readiness: ReadinessDocument;
  dueDatesMoved: DueDateMove[];
  writes: number;
  view: StoredPilotView;
  /** Generation was laying out the pilot's dates meanwhile: the pilot is to be recomputed after it. */
  generationRunning: boolean;
}

export interface RecomputeOptions {
  actorAccountId?: string;
  /** Issues that changed since the last recompute: the search is asked for their current state. */
  changedIssueIds?: string[];
  /** Changes to issues of the pilot's path as their events carried them (recompute-queue.ts). */
  workChanges?: WorkIssueChange[];
  /**
   * The pilot's remote links changed (a ServiceNow record was filed or synced): read them. Otherwise
   * they are read only for pilots that have ServiceNow tickets already.
   */
  remoteLinksChanged?: boolean;
  /** The pilot and its path as the caller read them a moment ago (a template re-sync): not read again. */
  preread?: { pilot: Pilot; work: PilotWork };
  /**
   * Only issues of the pilot's path changed (queued change events): re-read just those, on top of the
   * stored reading, when every changed issue is one the app generated. Anything else reads it all.
   */
  changedWorkOnly?: boolean;
}

/**
 * Brings one pilot up to date: reads it and its production path (one search, see PilotGateway),
 * moves the due dates of not-done workstreams whose milestone moved, computes readiness with the
 * domain, stores it on the pilot only when it changed, and stores what the panel and the epic's
 * roll-up show (Forge storage, no Jira call). Callers serialize it per pilot (recompute-queue.ts).
 */
export async function recomputeReadiness(
  pilotIdOrKey: string,
  now: Date,
  options: RecomputeOptions = {},
): Promise<RecomputeOutcome> {
  const config = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const gateway = PilotGateway.asApp(provisioning);
  const pilotId = /^\d+$/.test(pilotIdOrKey) ? pilotIdOrKey : (await gateway.readPilot(pilotIdOrKey)).id;
  const previous = await readFencedPilotView(pilotId);
  const previousView = previous.view;
  // Changes issue events carried (work-change.ts): applied without reading, or superseded by a read.
  const pending = options.workChanges ?? [];
  const reread = options.changedWorkOnly
    ? await rereadChangedWork(gateway, pilotId, previousView, options, config.template, pending)
    : undefined;
  const { pilot, work, versions } = reread ??
    (options.preread
      ? prereadWithChanges(options.preread, previousView, pending, provisioning)
      : undefined) ?? {
      ...(await readPilotAndWork(gateway, pilotId, previousView, {
        ...options,
        changedIssueIds: [...(options.changedIssueIds ?? []), ...pending.map((change) => change.issueId)],
      })),
      versions: versionsAfterRead(previousView, pending),
    };
  // ServiceNow tickets come from the app's own record of what it filed; the links are read to spot look-alikes.
  const timeZone = siteTimeZone(provisioning);
  const serviceNow = await serviceNowTicketsOfPilot(
    pilotId,
    () => gateway.remoteLinksOf(pilotId),
    options.remoteLinksChanged === true || hasServiceNowTickets(previousView),
    timeZone,
  );
  const today = siteToday(now, timeZone);
  let governance = await readGovernance(pilotId);
  const read = snapshotOf(pilot, work, governance, serviceNow, today);
  governance = await followKill(pilot, governance, read.snapshot, {
    now,
    today,
    actorAccountId: options.actorAccountId ?? 'app',
    // The pilot's own status is known only when it was read now, not from the stored reading.
    pilotReadNow: !reread,
  });
  const reading = snapshotOf(pilot, work, governance, serviceNow, today);
  const snapshot = {
    ...reading.snapshot,
    ...(await afterGoLiveInputs(pilotId, previousView?.readiness, config.template)),
  };
  const { dateProblems } = reading;
  const followed = await followMovedMilestones(
    gateway,
    snapshot,
    config.template,
    now,
    options.actorAccountId ?? 'app',
  );
  const dueDatesMoved = followed === 'generation-running' ? [] : followed.moves;
  const appliedTargets = followed === 'generation-running' ? undefined : followed.appliedTargets;
  // The app's own writes send it no event: the moved dates are known as of now.
  const movedAt = Date.now();
  for (const move of dueDatesMoved) work.knownAt = { ...work.knownAt, [`${move.key}/duedate`]: movedAt };
  const readiness = computeReadiness(snapshot, config.template, now, timeZone);
  const stored = await storeReadiness(gateway, pilot, readiness, { snapshot, template: config.template });
  const writes = dueDatesMoved.length + stored.writes;
  const view = await storeView(
    gateway,
    { pilot, work, versions, snapshot, readiness, dateProblems, history: stored.history, appliedTargets },
    config.template,
    previous,
    { jiraWritten: writes > 0, now },
  );
  return { readiness, dueDatesMoved, writes, view, generationRunning: followed === 'generation-running' };
}

/**
 * The pilot as its caller read it a moment ago (a template re-sync), with the changes events carried
 * since applied on top; undefined when one of them needs a read.
 */
function prereadWithChanges(
  preread: { pilot: Pilot; work: PilotWork },
  previousView: StoredPilotView | undefined,
  pending: readonly WorkIssueChange[],
  provisioning: Provisioning,
): { pilot: Pilot; work: PilotWork; versions: FieldVersions } | undefined {
  const versions = previousView?.read?.versions ?? {};
  if (pending.length === 0) return { ...preread, versions };
  const applied = workWithChanges(preread.work, pending, versions, siteTimeZone(provisioning));
  return applied ? { pilot: preread.pilot, ...applied } : undefined;
}

/** After a read of the pilot's path, every pending change is in what was read. */
function versionsAfterRead(
  previousView: StoredPilotView | undefined,
  pending: readonly WorkIssueChange[],
): FieldVersions {
  return versionsWith(previousView?.read?.versions ?? {}, pending);
}

/**
 * The stored reading of the pilot with the changes to its path since: those the issue events carried
 * applied as they are (no call), the other changed issues read afresh (1 search of just those issues).
 * For changes to generated sub-tasks and reviews, which is what most changes are. Undefined when that
 * cannot be done (nothing stored, another issue changed, an issue is gone).
 */
async function rereadChangedWork(
  gateway: PilotGateway,
  pilotId: string,
  previousView: StoredPilotView | undefined,
  options: RecomputeOptions,
  template: OwnershipTemplate,
  pending: readonly WorkIssueChange[],
): Promise<{ pilot: Pilot; work: PilotWork; versions: FieldVersions } | undefined> {
  const stored = previousView?.read;
  const toRead = new Set(options.changedIssueIds ?? []);
  if (!previousView || !stored || (toRead.size === 0 && pending.length === 0)) return undefined;
  const record = await readGenerationRecord(pilotId);
  if (datesMovedSince(previousView, record.appliedTargets, template)) return undefined;
  const fromEvents = workWithChanges(
    stored.work,
    pending,
    stored.versions ?? {},
    siteTimeZone(gateway.provisioning),
  );
  if (!fromEvents) for (const change of pending) toRead.add(change.issueId);
  let work = fromEvents?.work ?? stored.work;
  if (toRead.size > 0) {
    const changed = [...toRead];
    const generated = new Set(createdIssueIds(record));
    if (!changed.every((id) => generated.has(id))) return undefined;
    const fresh = await gateway.workIssuesById(pilotId, changed, template.rejectedResolutions);
    if (fresh.found !== changed.length) return undefined;
    work = withFreshIssues(work, fresh.work);
  }
  return {
    pilot: {
      ...stored.pilot,
      publishedReadiness: previousView.readiness,
      publishedScore: previousView.readiness.score,
    },
    work,
    versions:
      fromEvents && toRead.size === 0 ? fromEvents.versions : versionsAfterRead(previousView, pending),
  };
}

/**
 * Whether the app moved due dates after the stored reading: a recompute moved them and recorded the
 * targets they follow, then failed before storing its reading (the app's own writes send it no event),
 * so the stored path is older than Jira's. A view stored before it kept its targets is compared by the
 * targets of its own dates.
 */
function datesMovedSince(
  stored: StoredPilotView,
  applied: Record<string, string> | undefined,
  template: OwnershipTemplate,
): boolean {
  if (applied === undefined) return false;
  const storedTargets = stored.appliedTargets ?? pilotSchedule(template, stored.snapshot).targets;
  return JSON.stringify(applied) !== JSON.stringify(storedTargets);
}

/** The path with the issues just read in place of their stored state. */
function withFreshIssues(work: PilotWork, fresh: PilotWork): PilotWork {
  const keys = new Set([...fresh.workstreams, ...fresh.reviews, ...fresh.existing].map((issue) => issue.key));
  const kept = <T extends { key: string }>(items: readonly T[]) =>
    items.filter((item) => !keys.has(item.key));
  return {
    workstreams: [...kept(work.workstreams), ...fresh.workstreams],
    reviews: [...kept(work.reviews), ...fresh.reviews],
    dataAccess: work.dataAccess,
    existing: [...kept(work.existing), ...fresh.existing],
    names: { ...work.names, ...fresh.names },
    knownAt: { ...work.knownAt, ...fresh.knownAt },
  };
}

/** The pilot and its path (one search, see PilotGateway.readPilotWithWork). */
export async function readPilotAndWork(
  gateway: PilotGateway,
  pilotId: string,
  previousView: StoredPilotView | undefined,
  options: RecomputeOptions,
): Promise<{ pilot: Pilot; work: PilotWork }> {
  const links = await readDataAccessLinks(pilotId);
  const generated = createdIssueIds(await readGenerationRecord(pilotId));
  const { pilot, work, foundIds } = await gateway.readPilotWithWork(pilotId, {
    linkedTicketIds: links.linked,
    unlinkedTicketIds: links.unlinked,
    // The pilot's epic too: a search renders a parent the index does not have yet as no parent (a new
    // epic comes with the change that moved the pilot, among the changed issues).
    reconcileIssues: [
      ...(previousView?.parent ? [previousView.parent.id] : []),
      ...(options.changedIssueIds ?? []),
      ...generated,
    ],
    rejectedResolutions: (await readConfig()).template.rejectedResolutions,
  });
  // The app's issues were asked for by id, fresh (reconciled): one Jira no longer has was deleted
  // (product.md §14). It counts as missing from now on, and a restore lays it out again.
  const deleted = generated.filter((id) => !foundIds.has(id));
  if (deleted.length > 0) await forgetGeneratedIssues(pilotId, deleted);
  return { pilot, work };
}

/**
 * A freshly generated pilot's readiness and view, from what generation just created: no further read.
 */
export async function storeFreshReadiness(
  gateway: PilotGateway,
  pilot: Pilot,
  work: PilotWork,
  template: OwnershipTemplate,
  now: Date,
  appliedTargets?: Record<string, string>,
): Promise<ReadinessDocument> {
  const { snapshot, dateProblems } = snapshotOf(
    pilot,
    work,
    { waivers: [], decisions: [] },
    [],
    siteToday(now, siteTimeZone(gateway.provisioning)),
  );
  const readiness = computeReadiness(snapshot, template, now, siteTimeZone(gateway.provisioning));
  const previous = await readFencedPilotView(pilot.id);
  const stored = await storeReadiness(gateway, pilot, readiness, { snapshot, template });
  await storeView(
    gateway,
    { pilot, work, snapshot, readiness, dateProblems, history: stored.history, appliedTargets },
    template,
    previous,
    { jiraWritten: stored.writes > 0, now },
  );
  return readiness;
}

interface Computed {
  pilot: Pilot;
  work: PilotWork;
  versions?: FieldVersions;
  snapshot: PilotSnapshot;
  readiness: ReadinessDocument;
  dateProblems: DateProblem[];
  /** The history as the readiness writer recorded it (null when the readiness did not change). */
  history?: ReadinessHistory | null;
  /** The milestone targets the due dates now follow, when this recompute knows them. */
  appliedTargets?: Record<string, string>;
}

/**
 * Stores the panel's view and the epic roll-up entry of the pilot (Forge storage), and comments once
 * on each date a person has to fix (product.md §2).
 */
async function storeView(
  gateway: PilotGateway,
  computed: Computed,
  template: OwnershipTemplate,
  fenced: FencedPilotView,
  store: { jiraWritten: boolean; now: Date },
): Promise<StoredPilotView> {
  const { pilot, work, versions, snapshot, readiness, dateProblems, history, appliedTargets } = computed;
  const previous = fenced.view;
  const alreadyCommented = new Set(previous?.commentedDateProblems ?? []);
  const toComment = dateProblems.filter((problem) => !alreadyCommented.has(dateProblemId(problem)));
  if (toComment.length > 0) {
    await gateway.comment(
      pilot.id,
      [
        'Pilot Pathway cannot use a date on this pilot:',
        ...toComment.map((problem) => `${problem.field}: ${problem.message}`),
        'Fix the field named above; the production path follows once it is fixed.',
      ].join('\n'),
    );
  }
  const view: StoredPilotView = {
    id: pilot.id,
    snapshot,
    readiness,
    names: work.names,
    // Milestones out of order are shown, not commented: the dates are still used as they are.
    dateWarnings: [...dateProblems, ...milestoneOrderWarnings(template, snapshot)],
    // Remember only the problems still there: a date fixed and broken again is reported again.
    commentedDateProblems: dateProblems.map(dateProblemId),
    parent: pilot.parent,
    read: { pilot, work, ...(versions && Object.keys(versions).length > 0 ? { versions } : {}) },
    ...(appliedTargets ? { appliedTargets } : {}),
  };
  if (!sameView(view, previous)) {
    // Throws ChangedMeanwhile when another recompute stored since this one read: nothing more is stored.
    await writePilotView(view, fenced.fence, store.now);
    await writePilotStanding(standingOf(snapshot, readiness));
    await storePortfolioEntry({ snapshot, readiness, names: work.names }, previous, history);
  } else if (store.jiraWritten && (await pilotViewStoredSince(pilot.id, fenced.fence))) {
    // What this recompute published may be older than what the later one stored: it reads again.
    throw new ChangedMeanwhile(storageKeys.pilotView(pilot.id));
  }
  if (previous?.parent && previous.parent.id !== pilot.parent?.id)
    await deleteEpicMember(previous.parent.id, pilot.id);
  if (pilot.parent) await writeEpicMember(pilot.parent.id, epicMemberOf(pilot, readiness));
  return view;
}

/** Equal but for when readiness was computed. */
function sameView(view: StoredPilotView, previous: StoredPilotView | undefined): boolean {
  if (!previous) return false;
  const timeless = (stored: StoredPilotView) =>
    JSON.stringify({ ...stored, readiness: { ...stored.readiness, computedAt: null } });
  return timeless(view) === timeless(previous);
}

function dateProblemId(problem: DateProblem): string {
  return `${problem.field}=${problem.value}`;
}

function hasServiceNowTickets(view: StoredPilotView | undefined): boolean {
  return view === undefined || view.snapshot.dataAccess.some((ticket) => ticket.source === 'servicenow');
}

function createdIssueIds(record: { created: Record<string, { id: string }> }): string[] {
  return Object.values(record.created).map((issue) => issue.id);
}

/**
 * Records the targets the due dates now follow, on the record as it is now: generation may have
 * written it meanwhile (created issues, completion), and that must not be overwritten by an older copy.
 */
async function recordAppliedTargets(pilotId: string, targets: Record<string, string>): Promise<void> {
  await updateGenerationRecord(pilotId, (current) => ({ ...current, appliedTargets: targets }));
}

function isGenerationRunning(pilotId: string): Promise<boolean> {
  return isLeaseHeld(storageKeys.generationLock(pilotId));
}

/**
 * product.md §2: when kickoff, the Due date or an override moves a milestone, the not-done workstreams
 * of that milestone move with it. Workstreams of unmoved milestones keep their (possibly hand-set) dates.
 * `generation-running`: nothing moved, and the pilot is to be looked at again after generation.
 */
async function followMovedMilestones(
  gateway: PilotGateway,
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  now: Date,
  actorAccountId: string,
): Promise<{ moves: DueDateMove[]; appliedTargets?: Record<string, string> } | 'generation-running'> {
  const record = await readGenerationRecord(snapshot.id);
  const { targets } = pilotSchedule(template, snapshot);
  if (!record.appliedTargets) {
    if (record.completedAt === null) {
      // Generation is laying the dates out from its own reading of the pilot and records what it used;
      // taking today's targets as applied would leave its dates wrong for good. Look again after it.
      return (await isGenerationRunning(snapshot.id)) ? 'generation-running' : { moves: [] };
    }
    if (snapshot.workstreams.length === 0) return { moves: [] };
    await recordAppliedTargets(snapshot.id, targets);
    return { moves: [], appliedTargets: targets };
  }
  if (JSON.stringify(record.appliedTargets) === JSON.stringify(targets))
    return { moves: [], appliedTargets: targets };
  const moves = planMovesForMovedMilestones(template, snapshot, snapshot.workstreams, record.appliedTargets);
  for (const move of moves) {
    await gateway.moveDueDate(move.key, move.to);
    const workstream = snapshot.workstreams.find((candidate) => candidate.key === move.key);
    if (workstream) workstream.dueDate = move.to;
  }
  await recordAppliedTargets(snapshot.id, targets);
  if (moves.length > 0) {
    await appendAudit(
      snapshot.id,
      {
        at: now.toISOString(),
        actorAccountId,
        action: 'due-dates-moved',
        summary: `Moved ${moves.length} due date${moves.length === 1 ? '' : 's'}: ${moves.map((move) => `${move.key} ${move.from ?? 'none'} → ${move.to}`).join(', ')}`,
        details: moves,
      },
      `${snapshot.id}-${now.getTime()}`,
    );
  }
  return { moves, appliedTargets: targets };
}
