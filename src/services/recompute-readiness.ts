import { route } from '@forge/api';
import { computeReadiness } from '../domain/readiness';
import { pilotSchedule, planMovesForMovedMilestones, type DueDateMove } from '../domain/schedule';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../domain/types';
import { JiraClient } from '../jira/client';
import { appendAudit } from '../storage/audit';
import { readConfig } from '../storage/config';
import { readGenerationRecord, writeGenerationRecord } from '../storage/generation-record';
import { ensureProvisioned } from './provisioning-lookup';
import { readPilot } from './pilot-snapshot';
import { storeReadiness } from './readiness-writer';

export interface RecomputeOutcome {
  readiness: ReadinessDocument;
  dueDatesMoved: DueDateMove[];
  writes: number;
}

/**
 * Brings one pilot up to date: reads it (three calls), moves the due dates of not-done workstreams
 * whose milestone moved, computes readiness with the domain and stores it only when it changed.
 */
export async function recomputeReadiness(
  pilotIdOrKey: string,
  now: Date,
  actorAccountId = 'app',
): Promise<RecomputeOutcome> {
  const jira = JiraClient.asApp();
  const config = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const reading = await readPilot(jira, pilotIdOrKey, provisioning, config.template);
  const dueDatesMoved = await followMovedMilestones(
    jira,
    reading.snapshot,
    config.template,
    now,
    actorAccountId,
  );
  const readiness = computeReadiness(reading.snapshot, config.template, now);
  const writes =
    dueDatesMoved.length +
    (await storeReadiness(
      jira,
      reading.snapshot.id,
      readiness,
      reading.previousReadiness,
      provisioning.fields.readiness,
    ));
  return { readiness, dueDatesMoved, writes };
}

/**
 * product.md §2: when kickoff, the Due date or an override moves a milestone, the not-done workstreams
 * of that milestone move with it. Workstreams of unmoved milestones keep their (possibly hand-set) dates.
 */
async function followMovedMilestones(
  jira: JiraClient,
  snapshot: PilotSnapshot,
  template: OwnershipTemplate,
  now: Date,
  actorAccountId: string,
): Promise<DueDateMove[]> {
  const record = await readGenerationRecord(snapshot.id);
  const { targets } = pilotSchedule(template, snapshot);
  if (!record.appliedTargets) {
    if (snapshot.workstreams.length === 0) return [];
    await writeGenerationRecord(snapshot.id, { ...record, appliedTargets: targets });
    return [];
  }
  if (JSON.stringify(record.appliedTargets) === JSON.stringify(targets)) return [];
  const moves = planMovesForMovedMilestones(template, snapshot, snapshot.workstreams, record.appliedTargets);
  for (const move of moves) {
    await jira.request('PUT', route`/rest/api/3/issue/${move.key}?notifyUsers=false`, {
      fields: { duedate: move.to },
    });
    const workstream = snapshot.workstreams.find((candidate) => candidate.key === move.key);
    if (workstream) workstream.dueDate = move.to;
  }
  await writeGenerationRecord(snapshot.id, { ...record, appliedTargets: targets });
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
  return moves;
}
