import { createHash } from 'node:crypto';
import { planGeneration, type ExistingIssue } from '../../domain/generation-plan';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { planMovesForMovedMilestones } from '../../domain/schedule';
import { parseTemplate, templateFieldErrors } from '../../domain/template';
import type { IsoDate, OwnershipTemplate, PilotSnapshot } from '../../domain/types';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { appendAudit } from '../../storage/audit';
import { readConfig, writeConfig } from '../../storage/config';
import { readGenerationRecord } from '../../storage/generation-record';
import { readPilotView, readRecentPilots } from '../../storage/pilot-state';
import { assertJiraAdmin } from '../permissions';
import { generatePilotWork } from '../generation';
import { handOff } from '../queue';
import { usableSchedule } from '../readiness';
import { ensureProvisioned } from '../provisioning';
import { recomputeSerialized } from '../readiness';
import { readPilotAndWork } from '../readiness';
import { UserFacingError } from '../errors';
import type { TemplateChangePreview } from '../../ui-contract';

export type { TemplateChangePreview };

function parsedTemplate(payload: unknown): OwnershipTemplate {
  const template = (payload as { template?: unknown } | null)?.template;
  const parsed = parseTemplate(template);
  if (!parsed.ok) {
    throw new UserFacingError('invalid-input', `The template was not changed: ${parsed.errors.join('; ')}`, {
      template: parsed.errors.join('\n'),
      ...Object.fromEntries(
        Object.entries(templateFieldErrors(template)).map(([path, message]) => [`template.${path}`, message]),
      ),
    });
  }
  return parsed.template;
}

/** A fingerprint of the edit: the new template against the version it replaces. */
function confirmationOf(current: OwnershipTemplate, next: OwnershipTemplate): string {
  return createHash('sha256')
    .update(JSON.stringify({ from: current.version, template: { ...next, version: 0 } }))
    .digest('hex')
    .slice(0, 16);
}

/** Admin only. Counts what the edit would add and move across every pilot; changes nothing. */
export async function previewTemplateChange(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
): Promise<TemplateChangePreview> {
  await assertJiraAdmin(asUser);
  const next = parsedTemplate(payload);
  const config = await readConfig();
  const provisioning = await ensureProvisioned(now);
  const effects = await effectsOnPilots(PilotGateway.asApp(provisioning), next, config.ownerAssignees, now);
  const pilotsChanged = effects.filter(
    (effect) => effect.workstreams + effect.reviews + effect.moves > 0,
  ).length;
  const total = (pick: (effect: PilotEffect) => number) =>
    effects.reduce((sum, effect) => sum + pick(effect), 0);
  const preview = {
    fromVersion: config.template.version,
    toVersion: config.template.version + 1,
    pilots: effects.length,
    pilotsChanged,
    workstreamsToAdd: total((effect) => effect.workstreams),
    reviewsToAdd: total((effect) => effect.reviews),
    dueDatesToMove: total((effect) => effect.moves),
    confirmation: confirmationOf(config.template, next),
  };
  return { ...preview, summary: describeEffects(preview, effects) };
}

/**
 * Admin only, and only with the confirmation of a preview of this very edit: saves the template as a
 * new version and re-syncs every pilot in the queue (missing workstreams and reviews created, due dates
 * of moved milestones moved), each recorded in the pilot's audit log.
 */
export async function applyTemplateChange(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
  actorAccountId: string,
): Promise<{ version: number; pilotsQueued: number }> {
  await assertJiraAdmin(asUser);
  const next = parsedTemplate(payload);
  const config = await readConfig();
  const confirmation = (payload as { confirmation?: unknown }).confirmation;
  if (confirmation !== confirmationOf(config.template, next)) {
    throw new UserFacingError(
      'invalid-input',
      'The template changed since the preview, or it was not previewed: preview it again, then confirm.',
    );
  }
  const version = config.template.version + 1;
  await writeConfig({ ...config, template: { ...next, version } });
  const provisioning = await ensureProvisioned(now);
  const pilots = await PilotGateway.asApp(provisioning).storedReadinessOf(
    undefined,
    await readRecentPilots(),
  );
  await handOff(
    pilots.map((pilot) => ({
      kind: 'resync' as const,
      pilotId: pilot.id,
      actorAccountId,
      templateVersion: version,
    })),
  );
  return { version, pilotsQueued: pilots.length };
}

/** The queued half of applying a template: one pilot brought onto the new version, with an audit entry. */
export async function resyncPilot(
  pilotId: string,
  now: Date,
  actorAccountId: string,
  templateVersion: number,
): Promise<void> {
  const invocationId = `resync-${pilotId}-${templateVersion}`;
  // Read once (one search), then lay out what is missing and recompute from that reading.
  const gateway = PilotGateway.asApp(await ensureProvisioned(now));
  const read = await readPilotAndWork(gateway, pilotId, await readPilotView(pilotId), {}).catch(
    (error: unknown) => {
      // A pilot deleted since the template was applied has nothing to re-sync.
      if (error instanceof JiraError && error.status === 404) return undefined;
      throw error;
    },
  );
  if (!read) return;
  const generation = await generatePilotWork(pilotId, now, invocationId, { preread: read });
  if (generation.status === 'already-running')
    throw new Error(`Generation of pilot ${pilotId} is running; retry`);
  if (generation.status === 'not-a-pilot') return;
  const recomputed = await recomputeSerialized(pilotId, now, invocationId, {
    actorAccountId,
    preread: { pilot: read.pilot, work: generation.work ?? read.work },
  });
  if (!recomputed) throw new Error(`Readiness of pilot ${pilotId} is being recomputed; retry`);
  const { dueDatesMoved } = recomputed;
  const created = generation.status === 'generated' ? generation.created : 0;
  await appendAudit(
    pilotId,
    {
      at: now.toISOString(),
      actorAccountId,
      action: 'template-resync',
      summary: `Moved to template version ${templateVersion}: ${created} issue${created === 1 ? '' : 's'} added, ${dueDatesMoved.length} due date${dueDatesMoved.length === 1 ? '' : 's'} moved`,
      details: { templateVersion, created, dueDatesMoved },
    },
    `template-${templateVersion}`,
  );
}

interface PilotEffect {
  key: string;
  workstreams: number;
  reviews: number;
  moves: number;
}

async function effectsOnPilots(
  gateway: PilotGateway,
  template: OwnershipTemplate,
  ownerAssignees: Record<string, string>,
  now: Date,
): Promise<PilotEffect[]> {
  // Pilots generated a moment ago may not be in the search index yet: ask for them by id.
  const pilots = await gateway.searchPilots(undefined, await readRecentPilots());
  // Each pilot's issues as its last recompute stored them (no Jira call); a search for the others.
  const existing = new Map<string, ExistingIssue[]>();
  const unknown: string[] = [];
  for (const pilot of pilots) {
    const stored = await readPilotView(pilot.id);
    if (stored) existing.set(pilot.id, existingIssuesOfSnapshot(stored.snapshot));
    else unknown.push(pilot.id);
  }
  for (const [pilotId, issues] of await gateway.existingIssuesOf(unknown)) existing.set(pilotId, issues);
  const effects: PilotEffect[] = [];
  const today = siteToday(now, siteTimeZone(gateway.provisioning));
  for (const pilot of pilots) {
    effects.push(await effectOn(pilot, existing.get(pilot.id) ?? [], template, ownerAssignees, today));
  }
  return effects;
}

/** The app's issues of a pilot as its stored snapshot holds them. */
function existingIssuesOfSnapshot(snapshot: PilotSnapshot): ExistingIssue[] {
  return [
    ...snapshot.workstreams.map((issue) => ({
      key: issue.key,
      origin: { pilot: snapshot.id, row: issue.row },
      statusCategory: issue.statusCategory,
      dueDate: issue.dueDate,
    })),
    ...snapshot.reviews.map((issue) => ({
      key: issue.key,
      origin: { pilot: snapshot.id, review: issue.kind },
      statusCategory: issue.statusCategory,
      dueDate: null,
    })),
  ];
}

async function effectOn(
  pilot: Pilot,
  existing: ExistingIssue[],
  template: OwnershipTemplate,
  ownerAssignees: Record<string, string>,
  today: IsoDate,
): Promise<PilotEffect> {
  const schedule = usableSchedule(pilot, today);
  const plan = planGeneration({
    template,
    pilot: {
      ...schedule,
      id: pilot.id,
      key: pilot.key,
      projectKey: pilot.projectKey,
      summary: pilot.summary,
    },
    existing,
    ownerAssignees,
  });
  const record = await readGenerationRecord(pilot.id);
  const workstreams = existing.flatMap((issue) =>
    'row' in issue.origin
      ? [
          {
            key: issue.key,
            row: issue.origin.row,
            statusCategory: issue.statusCategory,
            dueDate: issue.dueDate,
          },
        ]
      : [],
  );
  return {
    key: pilot.key,
    workstreams: plan.workstreamsToCreate.length,
    reviews: plan.reviewsToCreate.length,
    moves: planMovesForMovedMilestones(template, schedule, workstreams, record.appliedTargets).length,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeEffects(preview: Omit<TemplateChangePreview, 'summary'>, effects: PilotEffect[]): string {
  const gaining = (pick: (effect: PilotEffect) => number) =>
    effects.filter((effect) => pick(effect) > 0).length;
  const parts: string[] = [];
  if (preview.workstreamsToAdd > 0) {
    const perPilot = preview.workstreamsToAdd / gaining((effect) => effect.workstreams);
    parts.push(
      Number.isInteger(perPilot)
        ? `adds ${plural(perPilot, 'workstream')} to ${plural(
            gaining((effect) => effect.workstreams),
            'pilot',
          )}`
        : `adds ${plural(preview.workstreamsToAdd, 'workstream')} across ${plural(
            gaining((effect) => effect.workstreams),
            'pilot',
          )}`,
    );
  }
  if (preview.reviewsToAdd > 0) {
    parts.push(
      `adds ${plural(preview.reviewsToAdd, 'review')} across ${plural(
        gaining((effect) => effect.reviews),
        'pilot',
      )}`,
    );
  }
  if (preview.dueDatesToMove > 0) parts.push(`moves ${plural(preview.dueDatesToMove, 'due date')}`);
  return parts.length === 0 ? `changes nothing on the ${plural(preview.pilots, 'pilot')}` : parts.join(', ');
}
