import { Queue } from '@forge/events';

/** Work on one pilot that a trigger, the daily schedule, an admin action or the queue consumer asks for. */
export type PilotJob =
  /** `waits`: how many times this job already found the pilot's generation running and came back later. */
  | { kind: 'generate'; pilotId: string; waits?: number }
  /**
   * `change`: the stored change (its key) the recompute was queued for; none: recompute the pilot as it
   * is. `waits`: how many times it already found another recompute of the pilot running.
   */
  | { kind: 'recompute'; pilotId: string; actorAccountId?: string; change?: string; waits?: number }
  /**
   * `published`: per pilot, what the daily search saw Jira publish (readiness/published-copy.ts);
   * `attached`: the keys of the issues hanging on each pilot as the same search saw them.
   */
  | {
      kind: 'daily';
      pilotIds: string[];
      published?: Record<string, { digest: string | null; score: number | null; done: boolean }>;
      attached?: Record<string, string[]>;
    }
  | { kind: 'resync'; pilotId: string; actorAccountId: string; templateVersion: number }
  /** The page of a template apply that starts at pilot `from` (domain/template-apply.ts). */
  | { kind: 'resync-page'; templateVersion: number; from: number };

export const PILOT_WORK_QUEUE = 'pilot-work';

/** The longest a job waits for a pilot's lease: a lease's time to live, when a dead holder's lease is gone. */
const LONGEST_WAIT_SECONDS = 120;

/**
 * How long a job that found its pilot's lease held (`waits` times already) waits before it comes back:
 * twice as long each time, so a lease that outlives its holder (it stands until it expires) costs a few
 * follow-ups, not one every few seconds until it expires.
 */
export function waitForLeaseSeconds(firstWaitSeconds: number, waits: number): number {
  return Math.min(firstWaitSeconds * 2 ** waits, LONGEST_WAIT_SECONDS);
}

/** Forge takes at most 50 events and 200 KB in one push; pushes stay well inside both. */
const EVENTS_PER_PUSH = 50;
const BYTES_PER_PUSH = 150 * 1024;

/** A generation job that finds the pilot's generation running first comes back this much later. */
const WAIT_FOR_GENERATION_SECONDS = 30;

/**
 * Queues the pilot's generation to come back once its lease may be free (`waits`: how often it waited
 * already). Another invocation holds the lease, or held it and died: the lease stands until it expires.
 */
export function generateAfterWaiting(pilotId: string, waits: number): Promise<void> {
  return handOff(
    [{ kind: 'generate', pilotId, waits: waits + 1 }],
    waitForLeaseSeconds(WAIT_FOR_GENERATION_SECONDS, waits),
  );
}

/**
 * Hands jobs to the queue consumer in one push, each after its own delay: all of them queued or none
 * (the push fails as a whole). At most one push's worth of events.
 */
export async function handOffTogether(
  jobs: Array<{ job: PilotJob; delayInSeconds?: number }>,
): Promise<void> {
  if (jobs.length > EVENTS_PER_PUSH)
    throw new RangeError(`One push holds at most ${EVENTS_PER_PUSH} jobs; ${jobs.length} were given`);
  if (jobs.length === 0) return;
  await new Queue({ key: PILOT_WORK_QUEUE }).push(
    jobs.map(({ job, delayInSeconds }) => ({
      body: { ...job },
      ...(delayInSeconds ? { delayInSeconds: Math.min(delayInSeconds, 900) } : {}),
    })),
  );
}

/** Hands jobs to the queue consumer (900 s of time instead of a trigger's 25 s), after an optional delay. */
export async function handOff(jobs: PilotJob[], delayInSeconds = 0): Promise<void> {
  await handOffEach(jobs.map((job) => ({ job, delayInSeconds })));
}

/**
 * Hands jobs on, each after its own delay (at most Forge's 15 minutes), in as few pushes as Forge's
 * limits allow: 50 events and 200 KB a push.
 */
export async function handOffEach(jobs: Array<{ job: PilotJob; delayInSeconds: number }>): Promise<void> {
  // (A job names its pilot, or for the daily job its batch of pilots.)
  if (jobs.length === 0) return;
  const queue = new Queue({ key: PILOT_WORK_QUEUE });
  const events = jobs.map(({ job, delayInSeconds }) => ({
    body: { ...job },
    ...(delayInSeconds > 0 ? { delayInSeconds: Math.min(delayInSeconds, 900) } : {}),
  }));
  let push: typeof events = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event), 'utf8');
    if (push.length > 0 && (push.length === EVENTS_PER_PUSH || bytes + size > BYTES_PER_PUSH)) {
      await queue.push(push);
      push = [];
      bytes = 0;
    }
    push.push(event);
    bytes += size;
  }
  await queue.push(push);
}
