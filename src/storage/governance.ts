import { kvs } from '@forge/kvs';
import type { ClosureOutcome } from '../domain/closure';
import type { ReviewDecisionRecord, Waiver } from '../domain/types';
import { storageKeys } from './keys';

/** A pilot's waivers and review decisions (product.md §7, §9). */
export interface Governance {
  waivers: Waiver[];
  decisions: ReviewDecisionRecord[];
  /** After a kill: what the app closed and what someone must close by hand. */
  closure?: ClosureOutcome;
}

export async function readGovernance(pilotId: string): Promise<Governance> {
  return (await kvs.get<Governance>(storageKeys.governance(pilotId))) ?? { waivers: [], decisions: [] };
}

export async function writeGovernance(pilotId: string, governance: Governance): Promise<void> {
  await kvs.set(storageKeys.governance(pilotId), governance);
}
