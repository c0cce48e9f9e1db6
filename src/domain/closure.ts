/**
 * Closing a killed pilot through its workflows (product.md §9, §14): each issue moves by a transition
 * that its workflow offers into the done status category, with the resolution Won't Do where that
 * transition's screen offers it; an issue whose workflow offers no way to done is named, so someone
 * closes it by hand, instead of being forced or skipped silently.
 */
import { KILL_RESOLUTION } from './kill';
import { isRejectedResolution } from './states';
import type { StatusCategory } from './types';

/**
 * A workflow transition as GET /rest/api/3/issue/{key}/transitions?expand=transitions.fields
 * describes it: `fields` are those on its screen, the resolution among them with its allowed values.
 */
export interface TransitionOption {
  id: string;
  name: string;
  to?: { name?: string; statusCategory?: { key?: string } };
  fields?: Record<string, { allowedValues?: Array<{ id?: string; name?: string }> } | undefined>;
}

/**
 * The resolution a kill sets on this transition: Won't Do as the screen spells it, when the screen
 * offers the resolution with that value; null when it does not (the issue closes without one).
 */
export function killResolutionOf(transition: TransitionOption): { name: string } | null {
  const offered = transition.fields?.['resolution']?.allowedValues ?? [];
  const wontDo = offered.find(
    (value) => value.name !== undefined && isRejectedResolution(value.name, [KILL_RESOLUTION]),
  );
  return wontDo?.name ? { name: wontDo.name } : null;
}

/** The transition into the done category, preferring one named like "Done"/"Close"; null when none. */
export function doneTransition(transitions: readonly TransitionOption[]): TransitionOption | null {
  const toDone = transitions.filter((transition) => transition.to?.statusCategory?.key === 'done');
  const plain = toDone.find((transition) => /^(done|close|closed|resolve)/i.test(transition.name));
  return plain ?? toDone[0] ?? null;
}

export interface ClosureOutcome {
  closed: string[];
  /** Issues to close by hand, each with why. */
  byHand: Array<{ key: string; reason: string }>;
}

/** Issues of a pilot still to close: everything not already in the done category. */
export function stillOpen<T extends { statusCategory: StatusCategory }>(issues: readonly T[]): T[] {
  return issues.filter((issue) => issue.statusCategory !== 'done');
}

/** The sentence a kill leaves on the pilot when some issues could not be closed automatically. */
export function byHandMessage(byHand: ClosureOutcome['byHand']): string | null {
  if (byHand.length === 0) return null;
  return `Close by hand: ${byHand.map((item) => `${item.key} (${item.reason})`).join('; ')}.`;
}
