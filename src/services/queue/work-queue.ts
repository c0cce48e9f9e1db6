import { Queue } from '@forge/events';

/** Work on one pilot that a trigger, the daily schedule, an admin action or the queue consumer asks for. */
export type PilotJob =
  | { kind: 'generate'; pilotId: string }
  /** `change`: the stored change (its key) the recompute was queued for; none: recompute the pilot as it is. */
  | { kind: 'recompute'; pilotId: string; actorAccountId?: string; change?: string }
  /** `published`: per pilot, what the daily search saw Jira publish (readiness/published-copy.ts). */
  | {
      kind: 'daily';
      pilotIds: string[];
      published?: Record<string, { digest: string | null; score: number | null; done: boolean }>;
    }
  | { kind: 'resync'; pilotId: string; actorAccountId: string; templateVersion: number };

export const PILOT_WORK_QUEUE = 'pilot-work';

/** Hands jobs to the queue consumer (900 s of time instead of a trigger's 25 s), after an optional delay. */
export async function handOff(jobs: PilotJob[], delayInSeconds = 0): Promise<void> {
  // (A job names its pilot, or for the daily job its batch of pilots.)
  if (jobs.length === 0) return;
  const queue = new Queue({ key: PILOT_WORK_QUEUE });
  for (let offset = 0; offset < jobs.length; offset += 50) {
    await queue.push(
      jobs.slice(offset, offset + 50).map((job) => ({
        body: { ...job },
        ...(delayInSeconds > 0 ? { delayInSeconds: Math.min(delayInSeconds, 900) } : {}),
      })),
    );
  }
}
