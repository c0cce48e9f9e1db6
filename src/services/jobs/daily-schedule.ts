import { unfinishedPilots } from '../../storage/unfinished-work';
import { refreshSiteTimeZone } from '../provisioning';
import { handOff } from '../queue';
import { queueDailyRecompute } from '../readiness';

/**
 * The daily scheduled trigger: the site's time zone read again (today is the site's day), readiness
 * that time alone changes (see readiness/daily-readiness.ts), and another chance for pilots whose
 * production path or readiness was given up after every retry.
 */
export async function runDailySchedule(now: Date): Promise<void> {
  await refreshSiteTimeZone(now);
  await queueDailyRecompute(now);
  await handOff([
    ...(await unfinishedPilots('generation')).map((pilotId) => ({ kind: 'generate' as const, pilotId })),
    ...(await unfinishedPilots('recompute')).map((pilotId) => ({ kind: 'recompute' as const, pilotId })),
  ]);
}
