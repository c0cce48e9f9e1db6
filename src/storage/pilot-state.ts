import { kvs } from '@forge/kvs';
import type {
  Band,
  GateResult,
  IsoDate,
  KillBudget,
  PilotSnapshot,
  ReadinessDocument,
} from '../domain/types';
import type { FieldVersions, Pilot, PilotWork } from '../domain/pilot';
import { type PathSummary, pathSummaryOf } from '../domain/path-summary';
import { forgetIssueOwner, rememberIssueOwners } from './generation-record';
import { storageKeys } from './keys';
import { readAllWithPrefix } from './query-all';
import { UNCHANGED, readVersioned, updateVersioned, writeVersioned } from './versioned-record';

/**
 * A pilot's last recompute, stored so views and the daily job need no recompute (product.md §13): the
 * readiness model's inputs as read then, the readiness stored on the pilot, people's names, and the
 * dates a person has to fix. What depends on the viewer or on today is worked out when it is shown.
 */
export interface StoredPilotView {
  id: string;
  snapshot: PilotSnapshot;
  readiness: ReadinessDocument;
  /** Display names of the people the evidence mentions, by account id. */
  names: Record<string, string>;
  /** Dates a person has to fix, naming the field (product.md §2). */
  dateWarnings: Array<{ field: string; value: IsoDate; message: string }>;
  /** Date problems already reported on the pilot in a comment, so each is commented once. */
  commentedDateProblems: string[];
  parent: { id: string; key: string } | null;
  /** The pilot and its path as last read, so a change to one of its issues re-reads only that issue. */
  read?: { pilot: Pilot; work: PilotWork; versions?: FieldVersions };
  /**
   * The milestone targets the due dates follow, as the recompute that stored the view recorded them on
   * the generation record (absent: it recorded none; the generation record holds the truth).
   */
  appliedTargets?: Record<string, string>;
}

export async function readPilotView(pilotId: string): Promise<StoredPilotView | undefined> {
  return kvs.get<StoredPilotView>(storageKeys.pilotView(pilotId));
}

/** The stored view of the issue a module's context names (by id; a key names no stored view). */
export async function readPilotViewOfIssue(issueIdOrKey: string): Promise<StoredPilotView | undefined> {
  return /^\d+$/.test(issueIdOrKey) ? readPilotView(issueIdOrKey) : undefined;
}

/** The stored view with the fence a store against this reading must still find (0: never stored). */
export interface FencedPilotView {
  view: StoredPilotView | undefined;
  fence: number;
}

/**
 * The view as a recompute reads it before it reads Jira. Holding the pilot's lease is not enough to
 * store what it computes: a lease expires after its time to live, and an invocation may run longer
 * (Retry-After waits, a 900-second queue consumer), so another recompute may have stored meanwhile.
 */
export async function readFencedPilotView(pilotId: string): Promise<FencedPilotView> {
  const [view, fence] = await Promise.all([
    readPilotView(pilotId),
    readVersioned<string>(storageKeys.pilotViewFence(pilotId)),
  ]);
  return { view, fence: fence.revision };
}

/** Whether a view was stored since `fence` was read. */
export async function pilotViewStoredSince(pilotId: string, fence: number): Promise<boolean> {
  return (await readVersioned<string>(storageKeys.pilotViewFence(pilotId))).revision !== fence;
}

/**
 * Stores the view, and the path summary a template change reads, only while no other store came after
 * the reading `fence` belongs to (one transaction); else throws `ChangedMeanwhile` and stores nothing.
 * Answers the new fence.
 */
export async function writePilotView(view: StoredPilotView, fence: number, at: Date): Promise<number> {
  return writeVersioned(storageKeys.pilotViewFence(view.id), at.toISOString(), fence, {
    alongside: [
      { key: storageKeys.pilotView(view.id), value: view },
      { key: storageKeys.pathSummary(view.id), value: pathSummaryOf(view.snapshot, view.appliedTargets) },
    ],
  });
}

/** Every stored path summary by pilot id (a page of 20 a storage call; see domain/path-summary.ts). */
export async function readPathSummaries(): Promise<Map<string, PathSummary>> {
  const summaries = await readAllWithPrefix<PathSummary>(storageKeys.pathSummaryPrefix);
  return new Map(summaries.map((summary) => [summary.id, summary]));
}

/** What an epic's roll-up keeps of one of its pilots (product.md §11). */
export interface EpicMember {
  id: string;
  key: string;
  summary: string;
  /** Null while the pilot's readiness was never computed. */
  score: number | null;
  band: Band | null;
  gates: GateResult[];
  reviewRequired: boolean;
  daysSinceDemo: number | null;
}

/**
 * A pilot's standing: the app's own reading of its readiness, small enough to read many at once, for
 * every list and roll-up (the portfolio, its funnel and budget, the owner queues, template changes).
 * The published `pilot-readiness` property is a copy for JQL that anyone can overwrite: never read back
 * (product.md §14). Written with the stored view by each recompute that changes it.
 */
export interface PilotStanding extends EpicMember {
  /** Diagnostic questions answered *no*. */
  noAnswers: number[];
  /** Killed: the day of the kill and the budget it freed (null while no kill stands). */
  kill: { decidedOn: IsoDate; budget: KillBudget } | null;
}

export async function writePilotStanding(standing: PilotStanding): Promise<void> {
  await kvs.set(storageKeys.pilotStanding(standing.id), standing);
}

/** The standings of many pilots, 25 keys a storage call; a pilot without one is left out. */
export async function readPilotStandings(pilotIds: readonly string[]): Promise<Map<string, PilotStanding>> {
  const standings = new Map<string, PilotStanding>();
  const keys = [...new Set(pilotIds)].map((id) => storageKeys.pilotStanding(id));
  for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
    const batch = await kvs.batchGet<PilotStanding>(
      keys.slice(offset, offset + BATCH_GET_LIMIT).map((key) => ({ key })),
    );
    for (const found of batch.successfulKeys) standings.set(found.value.id, found.value);
  }
  return standings;
}

/** Forge storage reads at most this many keys in one batch. */
const BATCH_GET_LIMIT = 25;

export async function writeEpicMember(epicId: string, member: EpicMember): Promise<void> {
  await kvs.set(storageKeys.epicMember(epicId, member.id), member);
}

export async function deleteEpicMember(epicId: string, pilotId: string): Promise<void> {
  await kvs.delete(storageKeys.epicMember(epicId, pilotId));
}

/** Every stored member of an epic (read page by page: a storage query returns at most 20 a page). */
export async function readEpicMembers(epicId: string): Promise<EpicMember[]> {
  const members = await readAllWithPrefix<EpicMember>(storageKeys.epicMembersPrefix(epicId));
  return members.sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * True when the epic's stored roll-up lists every pilot: on a site installed with stored roll-ups
 * (every pilot's entry is written from its first recompute), or once the epic was read in full.
 */
export async function isEpicRollUpComplete(epicId: string): Promise<boolean> {
  if ((await kvs.get<boolean>(storageKeys.rollUpsComplete)) === true) return true;
  return (await kvs.get<boolean>(storageKeys.epicComplete(epicId))) === true;
}

/** A fresh install: roll-ups are complete by construction. */
export async function markRollUpsComplete(): Promise<void> {
  await kvs.set(storageKeys.rollUpsComplete, true);
}

/** Stores every member of an epic at once (read by one search) and marks its roll-up complete. */
export async function writeEpicRollUp(epicId: string, members: EpicMember[]): Promise<void> {
  for (let offset = 0; offset < members.length; offset += 25) {
    await kvs.batchSet(
      members
        .slice(offset, offset + 25)
        .map((member) => ({ key: storageKeys.epicMember(epicId, member.id), value: member })),
    );
  }
  await kvs.set(storageKeys.epicComplete(epicId), true);
}

/** `AIP-2` before `AIP-10`. */
function compareKeys(a: string, b: string): number {
  const [projectA = '', numberA = '0'] = a.split('-');
  const [projectB = '', numberB = '0'] = b.split('-');
  return projectA === projectB ? Number(numberA) - Number(numberB) : projectA.localeCompare(projectB);
}

const ADMIN_CHECK_SECONDS = 600;

/** A remembered answer to "does this account administer Jira?" (at most 10 minutes old). */
export async function readAdminCheck(accountId: string): Promise<boolean | undefined> {
  return (await kvs.get<{ isAdmin: boolean }>(storageKeys.adminCheck(accountId)))?.isAdmin;
}

export async function writeAdminCheck(accountId: string, isAdmin: boolean): Promise<void> {
  await kvs.set(
    storageKeys.adminCheck(accountId),
    { isAdmin },
    { ttl: { value: ADMIN_CHECK_SECONDS, unit: 'SECONDS' } },
  );
}

/**
 * A remembered answer to "does this account decide?" with this review board (null: none chosen), at
 * most 10 minutes old; a board chosen since is another question.
 */
export async function readDeciderCheck(
  accountId: string,
  groupId: string | null,
): Promise<boolean | undefined> {
  return (await kvs.get<{ decider: boolean }>(storageKeys.deciderCheck(accountId, groupId)))?.decider;
}

export async function writeDeciderCheck(
  accountId: string,
  groupId: string | null,
  decider: boolean,
): Promise<void> {
  await kvs.set(
    storageKeys.deciderCheck(accountId, groupId),
    { decider },
    { ttl: { value: ADMIN_CHECK_SECONDS, unit: 'SECONDS' } },
  );
}

/** Data-access links of a pilot as the app saw them made and removed (link events, the panel). */
export interface DataAccessLinks {
  linked: string[];
  unlinked: string[];
}

export async function readDataAccessLinks(pilotId: string): Promise<DataAccessLinks> {
  const key = storageKeys.pilotDataAccess(pilotId);
  return (
    (await readVersioned<DataAccessLinks>(key, { legacyKey: key })).value ?? { linked: [], unlinked: [] }
  );
}

const UNLINKED_KEPT = 200;

/**
 * Records a *Data access* link made (or removed) between the pilot and a ticket, by compare-and-set:
 * two links made at once (two events) both stay.
 */
export async function recordDataAccessLink(
  pilotId: string,
  ticketId: string,
  linked: boolean,
): Promise<void> {
  const key = storageKeys.pilotDataAccess(pilotId);
  const without = (ids: string[]) => ids.filter((id) => id !== ticketId);
  await updateVersioned<DataAccessLinks>(
    key,
    (current) => {
      const links = current ?? { linked: [], unlinked: [] };
      return linked
        ? { linked: [...without(links.linked), ticketId], unlinked: without(links.unlinked) }
        : // Unlinked ids only bridge the search index's lag: the latest ones are enough.
          {
            linked: without(links.linked),
            unlinked: [...without(links.unlinked), ticketId].slice(-UNLINKED_KEPT),
          };
    },
    { legacyKey: key },
  );
}

const RECENT_PILOTS = 50;

/** Stored before compare-and-set as a plain entry under the same key: moved on the first write. */
const RECENT_PILOTS_LEGACY = { legacyKey: storageKeys.recentPilots };

/**
 * Remembers a pilot as just generated, so searches ask the index for it (it may not be indexed yet),
 * by compare-and-set: generations that finish at once all stay.
 */
export async function rememberRecentPilot(pilotId: string): Promise<void> {
  await updateVersioned<string[]>(
    storageKeys.recentPilots,
    (current) =>
      current?.includes(pilotId) === true ? UNCHANGED : [...(current ?? []), pilotId].slice(-RECENT_PILOTS),
    RECENT_PILOTS_LEGACY,
  );
}

export async function readRecentPilots(): Promise<string[]> {
  return (await readVersioned<string[]>(storageKeys.recentPilots, RECENT_PILOTS_LEGACY)).value ?? [];
}

/** A *Data access* link made or removed: the ticket joins (or leaves) the pilot's tickets and owners. */
export async function noteDataAccessLink(pilotId: string, ticketId: string, linked: boolean): Promise<void> {
  await recordDataAccessLink(pilotId, ticketId, linked);
  if (linked) await rememberIssueOwners(pilotId, [ticketId]);
  else await forgetIssueOwner(pilotId, ticketId);
}
