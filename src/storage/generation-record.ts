import { storageKeys } from './keys';
import { UNCHANGED, readVersioned, updateVersioned, updateVersionedMany } from './versioned-record';

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

/** Stored before compare-and-set as a plain entry under the same key: moved on the first write. */
const legacy = (pilotId: string) => ({ legacyKey: storageKeys.generationRecord(pilotId) });

export async function readGenerationRecord(pilotId: string): Promise<GenerationRecord> {
  return (
    (await readVersioned<GenerationRecord>(storageKeys.generationRecord(pilotId), legacy(pilotId))).value ??
    emptyGenerationRecord()
  );
}

/**
 * Changes the record by compare-and-set: generation (what it created, its outcome), a recompute (the
 * targets it laid the dates on) and a given-up report each change their part, and a race lost to one
 * of the others re-applies the change to what it wrote, so none is lost.
 */
export async function updateGenerationRecord(
  pilotId: string,
  change: (current: GenerationRecord) => GenerationRecord | typeof UNCHANGED,
): Promise<GenerationRecord> {
  const updated = await updateVersioned<GenerationRecord>(
    storageKeys.generationRecord(pilotId),
    (current) => change(current ?? emptyGenerationRecord()),
    legacy(pilotId),
  );
  return updated.value ?? emptyGenerationRecord();
}

/** Adds issues generation created (by their item: `row:<key>`, `review:<kind>`) to the record. */
export function recordCreatedIssues(
  pilotId: string,
  created: Readonly<Record<string, { id: string; key: string }>>,
): Promise<GenerationRecord> {
  return updateGenerationRecord(pilotId, (current) => ({
    ...current,
    created: { ...current.created, ...created },
  }));
}

export { UNCHANGED };

/**
 * Remembers that these issues belong to the pilot, so their events need no Jira call to route. An
 * issue can belong to several pilots (a data-access ticket linked to two of them): each issue's list
 * is changed by compare-and-set, so two pilots adding the same ticket at once both stay.
 */
export async function rememberIssueOwners(pilotId: string, issueIds: string[]): Promise<void> {
  await updateVersionedMany<string[] | string>(
    issueIds.map((issueId) => storageKeys.issueOwner(issueId)),
    (_key, current) => {
      const pilots = ownersOf(current);
      return pilots.includes(pilotId) ? UNCHANGED : [...pilots, pilotId];
    },
    { legacy: true },
  );
}

/** Forgets that an issue belongs to the pilot (e.g. its *Data access* link was removed). */
export async function forgetIssueOwner(pilotId: string, issueId: string): Promise<void> {
  await updateVersioned<string[] | string>(
    storageKeys.issueOwner(issueId),
    (current) => {
      const pilots = ownersOf(current);
      return pilots.includes(pilotId) ? pilots.filter((id) => id !== pilotId) : UNCHANGED;
    },
    { legacyKey: storageKeys.issueOwner(issueId) },
  );
}

/**
 * Issues of the pilot's path that Jira no longer has (deleted): they leave the record, so the pilot
 * counts them as missing and generation lays them out again when asked to restore them, and their
 * events no longer reach the pilot. Answers the record as written.
 */
export async function forgetGeneratedIssues(pilotId: string, issueIds: readonly string[]): Promise<void> {
  const gone = new Set(issueIds);
  await updateGenerationRecord(pilotId, (record) => {
    const created = Object.entries(record.created).filter(([, issue]) => !gone.has(issue.id));
    return created.length === Object.keys(record.created).length
      ? UNCHANGED
      : { ...record, created: Object.fromEntries(created) };
  });
  for (const issueId of gone) await forgetIssueOwner(pilotId, issueId);
}

/** The pilots an issue belongs to (stored before as one pilot id, now as a list). */
export async function pilotsOwningIssue(issueId: string): Promise<string[]> {
  const key = storageKeys.issueOwner(issueId);
  return ownersOf((await readVersioned<string[] | string>(key, { legacyKey: key })).value);
}

function ownersOf(stored: string[] | string | undefined): string[] {
  if (stored === undefined) return [];
  return Array.isArray(stored) ? stored : [stored];
}
