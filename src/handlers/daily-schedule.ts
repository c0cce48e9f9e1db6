import { queueDailyRecompute } from '../services/daily-readiness';
import { handOff } from '../services/work-queue';
import { unfinishedGenerations } from '../storage/unfinished-generation';

/** The daily scheduled trigger: readiness that time alone changes (see services/daily-readiness.ts). */
export async function onDailySchedule(): Promise<void> {
  await queueDailyRecompute(new Date());
  // Pilots whose production path was given up after every retry get another chance each day.
  await handOff((await unfinishedGenerations()).map((pilotId) => ({ kind: 'generate' as const, pilotId })));
}
