/**
 * The faults injected through the control API (`POST /__sandbox/faults`), per sandbox and per
 * target: the rules are added one call at a time, and a reset or a restored snapshot clears them.
 */
import type { FaultRule } from './faults';
import type { Sandbox } from './sandbox';

export const FAULT_TARGETS = ['jira', 'servicenow'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

const injected = new WeakMap<Sandbox, Record<FaultTarget, FaultRule[]>>();

/** The rules in force, per target. */
export function injectedFaults(sandbox: Sandbox): Record<FaultTarget, FaultRule[]> {
  const state = injected.get(sandbox) ?? { jira: [], servicenow: [] };
  injected.set(sandbox, state);
  return state;
}

/** Replaces a target's rules (`seed`: the same seed gives the same faults). */
export function setInjectedFaults(
  sandbox: Sandbox,
  target: FaultTarget,
  rules: FaultRule[],
  seed?: number,
): void {
  injectedFaults(sandbox)[target] = rules;
  const options = seed === undefined ? {} : { seed };
  if (target === 'jira') sandbox.jira.setFaults(rules, options);
  else sandbox.servicenow.setFaults(rules, options);
}

export function clearFaults(sandbox: Sandbox): void {
  for (const target of FAULT_TARGETS) setInjectedFaults(sandbox, target, []);
}
