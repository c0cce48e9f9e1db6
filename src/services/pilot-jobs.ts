import { clearGenerationUnfinished } from '../storage/unfinished-generation';
import { generatePilotWork } from './generate-pilot';
import { recomputeReadiness } from './recompute-readiness';
import { resyncPilot } from './template-change';
import type { PilotJob } from './work-queue';

/** Runs one queued job (see work-queue.ts for who queues what). */
export async function runPilotJob(job: PilotJob, now: Date, invocationId: string): Promise<void> {
  switch (job.kind) {
    case 'generate':
      if ((await generatePilotWork(job.pilotId, now, invocationId)).status !== 'already-running') {
        await clearGenerationUnfinished(job.pilotId);
      }
      await recomputeReadiness(job.pilotId, now);
      return;
    case 'recompute':
      await recomputeReadiness(job.pilotId, now, job.actorAccountId);
      return;
    case 'resync':
      await resyncPilot(job.pilotId, now, job.actorAccountId, job.templateVersion);
      return;
  }
}
