import { kvs } from '@forge/kvs';
import { storageKeys } from './keys';

/**
 * What generation has created for a pilot and what it could not create. Written right after each
 * bulk create, so a retry never creates twice even before Jira's search index shows the new issues.
 */
export interface GenerationRecord {
  created: Record<string, { id: string; key: string }>;
  problems: GenerationProblem[];
  completedAt: string | null;
  /** Milestone targets the workstream due dates were last laid out on; a change moves them. */
  appliedTargets?: Record<string, string>;
}

export interface GenerationProblem {
  /** `row:<key>` or `review:<kind>`. */
  item: string;
  message: string;
  at: string;
}

/** A new, empty record each time: callers add to it, so it must never be a shared object. */
export function emptyGenerationRecord(): GenerationRecord {
  return { created: {}, problems: [], completedAt: null };
}

export async function readGenerationRecord(pilotId: string): Promise<GenerationRecord> {
  return (await kvs.get<GenerationRecord>(storageKeys.generationRecord(pilotId))) ?? emptyGenerationRecord();
}

export async function writeGenerationRecord(pilotId: string, record: GenerationRecord): Promise<void> {
  await kvs.set(storageKeys.generationRecord(pilotId), record);
}

/**
 * Remembers that these issues belong to the pilot, so their events need no Jira call to route. An
 * issue can belong to several pilots (a data-access ticket linked to two of them).
 */
export async function rememberIssueOwners(pilotId: string, issueIds: string[]): Promise<void> {
  const owners = await Promise.all(
    issueIds.map(async (issueId) => [issueId, await pilotsOwningIssue(issueId)] as const),
  );
  const changed = owners.filter(([, pilots]) => !pilots.includes(pilotId));
  for (let offset = 0; offset < changed.length; offset += 25) {
    const chunk = changed.slice(offset, offset + 25);
    await kvs.batchSet(
      chunk.map(([issueId, pilots]) => ({
        key: storageKeys.issueOwner(issueId),
        value: [...pilots, pilotId],
      })),
    );
  }
}

/** Forgets that an issue belongs to the pilot (e.g. its *Data access* link was removed). */
export async function forgetIssueOwner(pilotId: string, issueId: string): Promise<void> {
  const pilots = await pilotsOwningIssue(issueId);
  if (!pilots.includes(pilotId)) return;
  const rest = pilots.filter((id) => id !== pilotId);
  if (rest.length === 0) await kvs.delete(storageKeys.issueOwner(issueId));
  else await kvs.set(storageKeys.issueOwner(issueId), rest);
}

/**
 * Issues of the pilot's path that Jira no longer has (deleted): they leave the record, so the pilot
 * counts them as missing and generation lays them out again when asked to restore them, and their
 * events no longer reach the pilot. Answers the record as written.
 */
export async function forgetGeneratedIssues(pilotId: string, issueIds: readonly string[]): Promise<void> {
  const gone = new Set(issueIds);
  const record = await readGenerationRecord(pilotId);
  const created = Object.entries(record.created).filter(([, issue]) => !gone.has(issue.id));
  if (created.length !== Object.keys(record.created).length)
    await writeGenerationRecord(pilotId, { ...record, created: Object.fromEntries(created) });
  for (const issueId of gone) await forgetIssueOwner(pilotId, issueId);
}

/** The pilots an issue belongs to (stored before as one pilot id, now as a list). */
export async function pilotsOwningIssue(issueId: string): Promise<string[]> {
  const stored = await kvs.get<string | string[]>(storageKeys.issueOwner(issueId));
  if (stored === undefined) return [];
  return Array.isArray(stored) ? stored : [stored];
}
