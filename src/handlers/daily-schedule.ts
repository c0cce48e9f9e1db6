import { queueDailyRecompute } from '../services/daily-readiness';

/** The daily scheduled trigger: readiness that time alone changes (see services/daily-readiness.ts). */
export async function onDailySchedule(): Promise<void> {
  await queueDailyRecompute(new Date());
}
