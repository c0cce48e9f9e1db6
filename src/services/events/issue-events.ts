import type { WorkIssueChange } from '../../domain/work-change';
import { changeMatters, newParentIdsOf, type ChangelogItem } from '../../jira/changelog';
import { pilotsOwningIssue, readGenerationRecord } from '../../storage/generation-record';
import { noteDataAccessLink } from '../../storage/pilot-state';
import { isPilotIssueType, type Provisioning } from '../../domain/site-provisioning';
import { generatePilotWork } from '../generation';
import { ensureProvisioned } from '../provisioning';
import { PilotGateway } from '../../jira/pilots';
import { requestRecompute } from '../readiness';
import type { PilotJob } from '../queue';

export interface IssueChange {
  created: boolean;
  issueId: string;
  issueTypeId: string | undefined;
  actorAccountId?: string;
  /** What an update changed; absent when the event does not say. */
  changelog?: ChangelogItem[];
  /** The changed issue's new state as the event carries it, when it carries all of it. */
  workChange?: WorkIssueChange;
}

export type IssueWork = { job: PilotJob; run: () => Promise<unknown> };

/**
 * What an issue change means for the app: a new pilot gets its production path at once; a change to
 * a pilot, or to one of its sub-tasks, reviews or data-access tickets, that touches what readiness
 * reads asks for a (coalesced) recompute of each pilot concerned, and a pilot whose generation never
 * completed is finished first. Anything else costs no Jira call. Returns the work to run (and the job
 * to hand to the queue if it cannot finish now), or an empty list.
 */
export async function onIssueChange(
  change: IssueChange,
  now: Date,
  invocationId: string,
): Promise<IssueWork[]> {
  const provisioning = await ensureProvisioned(now);
  if (isPilotIssueType(provisioning, change.issueTypeId)) {
    const pilotId = change.issueId;
    if (change.created) {
      // Generation stores a fresh pilot's readiness itself (4 calls in all): no recompute after it.
      return [
        {
          job: { kind: 'generate', pilotId },
          run: () => generatePilotWork(pilotId, now, invocationId, { fresh: true }),
        },
      ];
    }
    const matters = changeMatters(change, true, provisioning);
    if ((await readGenerationRecord(pilotId)).completedAt === null) {
      // A generation still running may have read the pilot before this change: the change is
      // followed by a recompute after it, never dropped.
      const followUp = matters ? recomputeWork(pilotId, change, now) : null;
      return [
        {
          job: { kind: 'generate', pilotId },
          run: async () => {
            await generatePilotWork(pilotId, now, invocationId);
            await followUp?.run();
          },
        },
      ];
    }
    if (!matters) return [];
    return [recomputeWork(pilotId, change, now)];
  }
  const pilotIds = await pilotsOwningIssue(change.issueId);
  if (pilotIds.length === 0 || !changeMatters(change, false, provisioning)) return [];
  return pilotIds.map((pilotId) => recomputeWork(pilotId, change, now));
}

function recomputeWork(pilotId: string, change: IssueChange, now: Date): IssueWork {
  const actor = change.actorAccountId ? { actorAccountId: change.actorAccountId } : {};
  const newParents = newParentIdsOf(change.changelog);
  return {
    job: { kind: 'recompute', pilotId, ...actor },
    run: () =>
      requestRecompute(
        pilotId,
        {
          issueId: change.issueId,
          ...actor,
          ...(change.workChange ? { workChange: change.workChange } : {}),
          ...(newParents.length > 0 ? { newParentIds: newParents } : {}),
        },
        now,
      ),
  };
}

export interface LinkChange {
  created: boolean;
  linkTypeName: string;
  issueIds: [string, string];
}

/**
 * A *Data access* link joined or left a pilot: remember (or forget) the ticket as the pilot's, and
 * recompute the pilot. A ticket linked to two pilots belongs to both.
 */
export async function onDataAccessLinkChange(change: LinkChange, now: Date): Promise<IssueWork[]> {
  const provisioning = await ensureProvisioned(now);
  if (change.linkTypeName !== provisioning.dataAccessLinkType.name) return [];
  const pilots = await pilotsAmong(change.issueIds, provisioning);
  const work: IssueWork[] = [];
  for (const pilot of pilots) {
    const ticketId = change.issueIds.find((id) => id !== pilot.id);
    if (ticketId) await noteDataAccessLink(pilot.id, ticketId, change.created);
    work.push(
      recomputeWork(pilot.id, { created: false, issueId: ticketId ?? pilot.id, issueTypeId: undefined }, now),
    );
  }
  return work;
}

/** Which of these issues are pilots: those the app generated are known without a call; else one search. */
async function pilotsAmong(issueIds: string[], provisioning: Provisioning): Promise<Array<{ id: string }>> {
  const known = [];
  for (const id of issueIds) {
    if ((await readGenerationRecord(id)).completedAt !== null) known.push({ id });
  }
  if (known.length > 0) return known;
  const ends = await PilotGateway.asApp(provisioning).issueTypesOf(issueIds);
  return ends.filter((end) => isPilotIssueType(provisioning, end.issueTypeId));
}
