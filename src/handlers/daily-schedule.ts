import { JiraClient } from '../jira/client';
import { handOff } from '../services/work-queue';
import { unfinishedGenerations } from '../storage/unfinished-generation';
import { ensureProvisioned } from '../services/provisioning-lookup';

/**
 * The daily scheduled trigger: time alone changes readiness (the kill clock, waivers expiring,
 * workstreams falling overdue), so every pilot is recomputed, each as its own queued job.
 */
export async function onDailySchedule(): Promise<void> {
  const provisioning = await ensureProvisioned(new Date());
  const pilots = await JiraClient.asApp().searchAll(
    `issuetype = ${provisioning.aiPilotIssueTypeId} ORDER BY key ASC`,
    ['summary'],
  );
  await handOff(pilots.map((pilot) => ({ kind: 'recompute' as const, pilotId: pilot.id })));
  // Pilots whose production path was given up after every retry get another chance each day.
  await handOff((await unfinishedGenerations()).map((pilotId) => ({ kind: 'generate' as const, pilotId })));
}
