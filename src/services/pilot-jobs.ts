import { Queue } from '@forge/events';
import { generatePilotWork } from './generate-pilot';
import { recomputeReadiness } from './recompute-readiness';

/** Work on one pilot that a trigger, the daily schedule or the queue consumer asks for. */
export type PilotJob =
  { kind: 'generate'; pilotId: string } | { kind: 'recompute'; pilotId: string; actorAccountId?: string };

export const PILOT_WORK_QUEUE = 'pilot-work';

export async function runPilotJob(job: PilotJob, now: Date, invocationId: string): Promise<void> {
  if (job.kind === 'generate') {
    await generatePilotWork(job.pilotId, now, invocationId);
    await recomputeReadiness(job.pilotId, now);
  } else {
    await recomputeReadiness(job.pilotId, now, job.actorAccountId);
  }
}

/** Hands jobs to the queue consumer (900 s of time instead of a trigger's 25 s), after an optional delay. */
export async function handOff(jobs: PilotJob[], delayInSeconds = 0): Promise<void> {
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
