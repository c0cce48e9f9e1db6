import { route } from '@forge/api';
import type { TransitionOption } from '../domain/closure';
import type { JiraClient } from './client';

/** Workflow calls: the transitions an issue offers now (with their screens' fields), and taking one. */

export async function getTransitions(jira: JiraClient, issueIdOrKey: string): Promise<TransitionOption[]> {
  const answer = await jira.request<{ transitions: TransitionOption[] }>(
    'GET',
    route`/rest/api/3/issue/${issueIdOrKey}/transitions?expand=transitions.fields`,
  );
  return answer.transitions;
}

export function doTransition(
  jira: JiraClient,
  issueIdOrKey: string,
  transitionId: string,
  resolution: { name: string } | null = null,
): Promise<void> {
  return jira.request('POST', route`/rest/api/3/issue/${issueIdOrKey}/transitions`, {
    transition: { id: transitionId },
    ...(resolution ? { fields: { resolution } } : {}),
  });
}
