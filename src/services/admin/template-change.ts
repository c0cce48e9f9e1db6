import { createHash } from 'node:crypto';
import { planGeneration, type ExistingIssue } from '../../domain/generation-plan';
import { siteToday } from '../../domain/site-dates';
import { siteTimeZone } from '../../domain/site-provisioning';
import { standingKill } from '../../domain/kill-clock';
import { planMovesForMovedMilestones, type DueDateMove } from '../../domain/schedule';
import { parseTemplate, templateFieldErrors } from '../../domain/template';
import type { IsoDate, OwnershipTemplate } from '../../domain/types';
import type { JiraClient } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { PilotGateway } from '../../jira/pilots';
import type { Pilot } from '../../domain/pilot';
import { appendAudit } from '../../storage/audit';
import { readConfigReading, writeConfig } from '../../storage/config';
import { readGenerationRecord } from '../../storage/generation-record';
import { readGovernance } from '../../storage/governance';
import { readPathSummaries, readPilotView, readRecentPilots } from '../../storage/pilot-state';
import { type PathSummary, existingIssuesOfSnapshot } from '../../domain/path-summary';
import { assertJiraAdmin } from '../permissions';
import { generatePilotWork } from '../generation';
import { readPilotAndWork, recomputeSerialized, standingsOf, usableSchedule } from '../readiness';
import { ensureProvisioned } from '../provisioning';
import { UserFacingError } from '../errors';
import type { PilotTemplateChange, TemplateChangePreview } from '../../ui-contract';
import { assertLoadedRevision, loadedRevisionSchema } from './configuration';
import { startTemplateApply } from './template-apply';

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

/**
 * The pilots a template change touches (product.md §14, §15): the active ones. A killed pilot is an
 * end state and one whose status is in the done category is finished; both are left as they are.
 */
async function activePilots<T extends { id: string; key: string; statusCategory: string }>(
  pilots: T[],
  summaries: ReadonlyMap<string, PathSummary>,
): Promise<{ active: T[]; skipped: TemplateChangePreview['skipped'] }> {
  const unsummarized = pilots.filter((pilot) => !summaries.has(pilot.id));
  const standings = await standingsOf(unsummarized.map((pilot) => pilot.id));
  const isKilled = (pilot: T) => summaries.get(pilot.id)?.killed ?? Boolean(standings.get(pilot.id)?.kill);
  const killed = pilots.filter(isKilled);
  const closed = pilots.filter((pilot) => pilot.statusCategory === 'done' && !killed.includes(pilot));
  return {
    active: pilots.filter((pilot) => !killed.includes(pilot) && !closed.includes(pilot)),
    skipped: { killed: killed.map((pilot) => pilot.key), closed: closed.map((pilot) => pilot.key) },
  };
}

/**
 * Admin only. What the edit would add and move on each active pilot, listed by key before anything is
 * written; changes nothing.
 */
export async function previewTemplateChange(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
): Promise<TemplateChangePreview> {
  await assertJiraAdmin(asUser);
  const next = parsedTemplate(payload);
  const { config, revision } = await readConfigReading();
  const provisioning = await ensureProvisioned(now);
  const gateway = PilotGateway.asApp(provisioning);
  // Pilots generated a moment ago may not be in the search index yet: ask for them by id.
  const pilots = await gateway.searchPilots(undefined, await readRecentPilots());
  // What each pilot's last recompute stored, a page of 20 pilots a storage call (product.md §16).
  const summaries = await readPathSummaries();
  const { active, skipped } = await activePilots(pilots, summaries);
  const effects = await effectsOnPilots(gateway, active, summaries, next, config.ownerAssignees, now);
  const changes = effects.filter(
    (effect) =>
      effect.workstreamsToAdd.length + effect.reviewsToAdd.length + effect.dueDatesToMove.length > 0,
  );
  const total = (pick: (effect: PilotTemplateChange) => unknown[]) =>
    effects.reduce((sum, effect) => sum + pick(effect).length, 0);
  const preview = {
    fromVersion: config.template.version,
    toVersion: config.template.version + 1,
    revision,
    pilots: effects.length,
    pilotsChanged: changes.length,
    workstreamsToAdd: total((effect) => effect.workstreamsToAdd),
    reviewsToAdd: total((effect) => effect.reviewsToAdd),
    dueDatesToMove: total((effect) => effect.dueDatesToMove),
    confirmation: confirmationOf(config.template, next),
    changes,
    skipped,
  };
  return { ...preview, summary: describeEffects(preview, effects) };
}

/**
 * Admin only, and only with the confirmation of a preview of this very edit, made on the configuration
 * the page loaded: saves the template as a new version and re-syncs every active pilot in the queue
 * (missing workstreams and reviews created, due dates of moved milestones moved), each recorded in the
 * pilot's audit log. Answers at once: the re-syncs are queued page by page (template-apply.ts), and
 * the admin page shows how far they are. A save by someone else since refuses it ("changed by someone else meanwhile").
 */
export async function applyTemplateChange(
  asUser: JiraClient,
  payload: unknown,
  now: Date,
  actorAccountId: string,
): Promise<{ version: number; pilotsQueued: number }> {
  await assertJiraAdmin(asUser);
  const next = parsedTemplate(payload);
  const loaded = loadedRevisionSchema.safeParse((payload as { revision?: unknown }).revision);
  if (!loaded.success) {
    throw new UserFacingError(
      'invalid-input',
      `The template was not changed: ${loaded.error.issues[0]?.message}.`,
    );
  }
  const { config, revision } = await readConfigReading();
  assertLoadedRevision(loaded.data, revision);
  const confirmation = (payload as { confirmation?: unknown }).confirmation;
  if (confirmation !== confirmationOf(config.template, next)) {
    throw new UserFacingError(
      'invalid-input',
      'The template changed since the preview, or it was not previewed: preview it again, then confirm.',
    );
  }
  const version = config.template.version + 1;
  // Refused, writing nothing, when someone saved the settings since this reading.
  await writeConfig({ ...config, template: { ...next, version } }, revision);
  const provisioning = await ensureProvisioned(now);
  const { active } = await activePilots(
    await PilotGateway.asApp(provisioning).publishedPilotsOf(undefined, await readRecentPilots()),
    await readPathSummaries(),
  );
  // The re-syncs go out as a paced chain of pages (Forge takes 500 queue events a minute).
  await startTemplateApply(
    version,
    active.map((pilot) => pilot.id),
    actorAccountId,
    now,
  );
  return { version, pilotsQueued: active.length };
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
  // Killed or finished since the change was applied: a template change touches active pilots only.
  if (read.pilot.statusCategory === 'done' || standingKill((await readGovernance(pilotId)).decisions)) return;
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

/**
 * Pilots whose stored values the preview reads at once: one after another, 1,000 pilots' reads
 * alone would take most of a resolver's 25 s at storage's latency.
 */
const READ_TOGETHER = 20;

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let offset = 0; offset < items.length; offset += size) chunks.push(items.slice(offset, offset + size));
  return chunks;
}

async function effectsOnPilots(
  gateway: PilotGateway,
  pilots: Pilot[],
  summaries: ReadonlyMap<string, PathSummary>,
  template: OwnershipTemplate,
  ownerAssignees: Record<string, string>,
  now: Date,
): Promise<PilotTemplateChange[]> {
  // Each pilot's issues as its last recompute stored them (no Jira call); else its stored view, else a search.
  const existing = new Map<string, ExistingIssue[]>();
  for (const [pilotId, summary] of summaries) existing.set(pilotId, summary.issues);
  const unknown: string[] = [];
  for (const chunk of chunksOf(
    pilots.filter((pilot) => !existing.has(pilot.id)),
    READ_TOGETHER,
  )) {
    const views = await Promise.all(chunk.map((pilot) => readPilotView(pilot.id)));
    chunk.forEach((pilot, index) => {
      const stored = views[index];
      if (stored) existing.set(pilot.id, existingIssuesOfSnapshot(stored.snapshot));
      else unknown.push(pilot.id);
    });
  }
  for (const [pilotId, issues] of await gateway.existingIssuesOf(unknown)) existing.set(pilotId, issues);
  const effects: PilotTemplateChange[] = [];
  const today = siteToday(now, siteTimeZone(gateway.provisioning));
  for (const chunk of chunksOf(pilots, READ_TOGETHER)) {
    effects.push(
      ...(await Promise.all(
        chunk.map(async (pilot) => {
          // The targets the last recompute recorded; the generation record when it recorded none.
          const appliedTargets =
            summaries.get(pilot.id)?.appliedTargets ?? (await readGenerationRecord(pilot.id)).appliedTargets;
          return effectOn(
            pilot,
            existing.get(pilot.id) ?? [],
            appliedTargets,
            template,
            ownerAssignees,
            today,
          );
        }),
      )),
    );
  }
  return effects;
}

function effectOn(
  pilot: Pilot,
  existing: ExistingIssue[],
  appliedTargets: Record<string, string> | undefined,
  template: OwnershipTemplate,
  ownerAssignees: Record<string, string>,
  today: IsoDate,
): PilotTemplateChange {
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
  const moves: DueDateMove[] = planMovesForMovedMilestones(template, schedule, workstreams, appliedTargets);
  return {
    key: pilot.key,
    summary: pilot.summary,
    workstreamsToAdd: plan.workstreamsToCreate.map((row) => row.summary),
    reviewsToAdd: plan.reviewsToCreate.map((review) => review.kind),
    dueDatesToMove: moves.map(({ key, from, to }) => ({ key, from, to })),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeEffects(
  preview: Omit<TemplateChangePreview, 'summary'>,
  effects: PilotTemplateChange[],
): string {
  const gaining = (pick: (effect: PilotTemplateChange) => unknown[]) =>
    effects.filter((effect) => pick(effect).length > 0).length;
  const parts: string[] = [];
  if (preview.workstreamsToAdd > 0) {
    const pilots = gaining((effect) => effect.workstreamsToAdd);
    const perPilot = preview.workstreamsToAdd / pilots;
    parts.push(
      Number.isInteger(perPilot)
        ? `adds ${plural(perPilot, 'workstream')} to ${plural(pilots, 'pilot')}`
        : `adds ${plural(preview.workstreamsToAdd, 'workstream')} across ${plural(pilots, 'pilot')}`,
    );
  }
  if (preview.reviewsToAdd > 0) {
    parts.push(
      `adds ${plural(preview.reviewsToAdd, 'review')} across ${plural(
        gaining((effect) => effect.reviewsToAdd),
        'pilot',
      )}`,
    );
  }
  if (preview.dueDatesToMove > 0) parts.push(`moves ${plural(preview.dueDatesToMove, 'due date')}`);
  const changes =
    parts.length === 0
      ? `changes nothing on the ${plural(preview.pilots, 'active pilot')}`
      : parts.join(', ');
  const { killed, closed } = preview.skipped;
  const left = [
    ...(killed.length > 0 ? [plural(killed.length, 'killed pilot')] : []),
    ...(closed.length > 0 ? [plural(closed.length, 'closed pilot')] : []),
  ];
  return left.length === 0 ? changes : `${changes}; leaves ${left.join(' and ')} as they are`;
}
