import { clearUnfinished } from '../storage/unfinished-work';
import { runDailyBatch } from './daily-readiness';
import { generatePilotWork } from './generate-pilot';
import { recomputeSerialized, runRequestedRecompute } from './recompute-queue';
import { resyncPilot } from './template-change';
import type { PilotJob } from './work-queue';

/** Runs one queued job (see work-queue.ts for who queues what). */
export async function runPilotJob(job: PilotJob, now: Date, invocationId: string): Promise<void> {
  switch (job.kind) {
    case 'generate':
      if ((await generatePilotWork(job.pilotId, now, invocationId)).status !== 'already-running') {
        await clearUnfinished('generation', job.pilotId);
      }
      await recomputeSerialized(job.pilotId, now, invocationId);
      return;
    case 'recompute':
      await runRequestedRecompute(job, now, invocationId);
      return;
    case 'resync':
      await resyncPilot(job.pilotId, now, job.actorAccountId, job.templateVersion);
      return;
    case 'daily':
      await runDailyBatch(job.pilotIds, now, invocationId);
      return;
  }
}
