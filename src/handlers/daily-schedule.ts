import { runDailySchedule } from '../services/jobs';

/** The daily scheduled trigger (see services/jobs/daily-schedule.ts). */
export async function onDailySchedule(): Promise<void> {
  await runDailySchedule(new Date());
}
