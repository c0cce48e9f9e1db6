import { queueDailyRecompute } from '../services/readiness/daily-readiness';
import { handOff } from '../services/queue/work-queue';
import { unfinishedPilots } from '../storage/unfinished-work';

/** The daily scheduled trigger: readiness that time alone changes (see services/daily-readiness.ts). */
export async function onDailySchedule(): Promise<void> {
  await queueDailyRecompute(new Date());
  // Pilots whose production path or readiness was given up after every retry get another chance each day.
  await handOff([
    ...(await unfinishedPilots('generation')).map((pilotId) => ({ kind: 'generate' as const, pilotId })),
    ...(await unfinishedPilots('recompute')).map((pilotId) => ({ kind: 'recompute' as const, pilotId })),
  ]);
}
