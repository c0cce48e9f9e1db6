import { clearUnfinished } from '../../storage/unfinished-work';
import { runDailyBatch } from '../readiness/daily-readiness';
import { generatePilotWork } from '../generation/generate-pilot';
import { recomputeSerialized, runRequestedRecompute } from '../readiness/recompute-queue';
import { resyncPilot } from '../admin/template-change';
import type { PilotJob } from '../queue/work-queue';

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
