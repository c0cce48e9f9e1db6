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

/** Remembers which pilot an issue belongs to, so its events need no Jira call to route. */
export async function rememberIssueOwners(pilotId: string, issueIds: string[]): Promise<void> {
  for (let offset = 0; offset < issueIds.length; offset += 25) {
    const chunk = issueIds.slice(offset, offset + 25);
    await kvs.batchSet(chunk.map((issueId) => ({ key: storageKeys.issueOwner(issueId), value: pilotId })));
  }
}

export async function pilotOwningIssue(issueId: string): Promise<string | undefined> {
  return kvs.get<string>(storageKeys.issueOwner(issueId));
}
