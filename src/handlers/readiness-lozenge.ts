import type { Band, ReadinessDocument } from '../domain/types';
import { JiraClient } from '../jira/client';
import { READINESS_PROPERTY } from '../services/pilot-snapshot';

type LozengeType = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

const LOZENGE_OF_BAND: Record<Band, { label: string; type: LozengeType }> = {
  ready: { label: 'ready', type: 'success' },
  'on-track': { label: 'on track', type: 'inprogress' },
  'at-risk': { label: 'at risk', type: 'moved' },
  purgatory: { label: 'purgatory', type: 'removed' },
};

interface DynamicPropertiesRequest {
  extension?: { issue?: { id?: string | number; key?: string } };
  context?: { extension?: { issue?: { id?: string | number; key?: string } } };
}

/** The issue context's dynamic properties: score and band as a lozenge while the panel is collapsed. */
export async function readinessLozenge(request: DynamicPropertiesRequest = {}) {
  const issue = request.extension?.issue ?? request.context?.extension?.issue;
  const issueIdOrKey = issue?.id ?? issue?.key;
  let readiness: ReadinessDocument | undefined;
  if (issueIdOrKey !== undefined) {
    readiness = await JiraClient.asUser()
      .getIssueProperty<ReadinessDocument>(String(issueIdOrKey), READINESS_PROPERTY)
      .catch(() => undefined);
  }
  return { status: { type: 'lozenge' as const, value: lozengeOf(readiness) } };
}

export function lozengeOf(readiness: ReadinessDocument | undefined): { label: string; type: LozengeType } {
  if (!readiness) return { label: 'not computed', type: 'default' };
  const band = LOZENGE_OF_BAND[readiness.band];
  return { label: `${readiness.score} · ${band.label}`, type: band.type };
}
