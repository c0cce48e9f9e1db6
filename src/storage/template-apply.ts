/**
 * The latest template apply (domain/template-apply.ts): one compare-and-set record with its cursor,
 * and the pilot ids it re-syncs in chunks written once when it starts, so the record stays small
 * and a page reads one chunk, whatever the number of pilots.
 */
import { kvs } from '@forge/kvs';
import { PILOTS_PER_CHUNK, type TemplateApply } from '../domain/template-apply';
import { storageKeys } from './keys';
import { UNCHANGED, readVersioned, updateVersioned } from './versioned-record';

/** Forge storage takes at most 25 keys in one batch. */
const BATCH_LIMIT = 25;

export async function readTemplateApply(): Promise<TemplateApply | undefined> {
  return (await readVersioned<TemplateApply>(storageKeys.templateApply)).value;
}

/**
 * Applies `change` to the stored apply by compare-and-set (re-applied on a lost race); undefined from
 * the change leaves it as it is. Answers the apply written, or undefined when nothing was written.
 */
export async function changeTemplateApply(
  change: (current: TemplateApply | undefined) => TemplateApply | undefined,
): Promise<TemplateApply | undefined> {
  let written: TemplateApply | undefined;
  await updateVersioned<TemplateApply>(storageKeys.templateApply, (current) => {
    written = change(current);
    return written ?? UNCHANGED;
  });
  return written;
}

/** Stores the pilot ids of an apply before its record names them, in chunks of whole pages. */
export async function writeApplyPilots(version: number, pilotIds: readonly string[]): Promise<void> {
  const entries = [];
  for (let chunk = 0; chunk * PILOTS_PER_CHUNK < pilotIds.length; chunk += 1) {
    const ids = pilotIds.slice(chunk * PILOTS_PER_CHUNK, (chunk + 1) * PILOTS_PER_CHUNK);
    entries.push({ key: storageKeys.templateApplyPilots(version, chunk), value: ids });
  }
  for (let offset = 0; offset < entries.length; offset += BATCH_LIMIT)
    await kvs.batchSet(entries.slice(offset, offset + BATCH_LIMIT));
}

/** The pilot ids of one chunk of an apply (empty once the chunk is removed). */
export async function readApplyPilots(version: number, chunk: number): Promise<string[]> {
  return (await kvs.get<string[]>(storageKeys.templateApplyPilots(version, chunk))) ?? [];
}

/** Removes an apply's chunks of pilot ids (a newer apply replaced it, or it finished). */
export async function removeApplyPilots(apply: TemplateApply): Promise<void> {
  const keys = Array.from({ length: apply.chunks }, (_, chunk) => ({
    key: storageKeys.templateApplyPilots(apply.version, chunk),
  }));
  for (let offset = 0; offset < keys.length; offset += BATCH_LIMIT)
    await kvs.batchDelete(keys.slice(offset, offset + BATCH_LIMIT));
}
