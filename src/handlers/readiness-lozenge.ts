import type { Band, ReadinessDocument } from '../domain/types';
import { JiraClient } from '../jira/client';
import { buildEpicView } from '../services/panel-view';
import { READINESS_PROPERTY } from '../services/pilot-snapshot';
import { readConfig } from '../storage/config';
import { readProvisioning } from '../storage/provisioning';
import type { EpicView } from '../ui-contract';

type LozengeType = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';
type Lozenge = { label: string; type: LozengeType };

const LOZENGE_OF_BAND: Record<Band, Lozenge> = {
  ready: { label: 'ready', type: 'success' },
  'on-track': { label: 'on track', type: 'inprogress' },
  'at-risk': { label: 'at risk', type: 'moved' },
  purgatory: { label: 'purgatory', type: 'removed' },
};

type IssueRef = { id?: string | number; key?: string };
interface DynamicPropertiesRequest {
  extension?: { issue?: IssueRef };
  context?: { extension?: { issue?: IssueRef } };
}

/**
 * The issue context's dynamic properties: while collapsed, a pilot shows its score and band, an epic
 * its pilots' count and mean score. Read as the viewing user, from stored readiness (no recompute).
 */
export async function readinessLozenge(request: DynamicPropertiesRequest = {}) {
  const ref = request.extension?.issue ?? request.context?.extension?.issue;
  const issueIdOrKey = ref?.id ?? ref?.key;
  const value = issueIdOrKey === undefined ? lozengeOf(undefined) : await lozengeFor(String(issueIdOrKey));
  return { status: { type: 'lozenge' as const, value } };
}

async function lozengeFor(issueIdOrKey: string): Promise<Lozenge> {
  try {
    const jira = JiraClient.asUser();
    const issue = await jira.getIssue(issueIdOrKey, ['summary', 'issuetype'], [READINESS_PROPERTY]);
    const provisioning = await readProvisioning();
    if (issue.fields.issuetype?.hierarchyLevel === 1 && provisioning) {
      return epicLozengeOf(await buildEpicView(jira, issue, provisioning, (await readConfig()).template));
    }
    return lozengeOf(issue.properties?.[READINESS_PROPERTY] as ReadinessDocument | undefined);
  } catch {
    return { label: 'unavailable', type: 'default' };
  }
}

export function lozengeOf(readiness: ReadinessDocument | undefined): Lozenge {
  if (!readiness) return { label: 'not computed', type: 'default' };
  const band = LOZENGE_OF_BAND[readiness.band];
  return { label: `${readiness.score} · ${band.label}`, type: band.type };
}

/** An epic: how many pilots, their mean score, coloured by the most urgent band among them. */
export function epicLozengeOf(epic: Pick<EpicView, 'pilots' | 'meanScore' | 'countByBand'>): Lozenge {
  if (epic.pilots.length === 0) return { label: 'no pilots', type: 'default' };
  const count = `${epic.pilots.length} pilot${epic.pilots.length === 1 ? '' : 's'}`;
  const urgent = (['purgatory', 'at-risk', 'on-track', 'ready'] as const).find(
    (band) => epic.countByBand[band] > 0,
  );
  return {
    label: epic.meanScore === null ? count : `${count} · mean ${epic.meanScore}`,
    type: urgent ? LOZENGE_OF_BAND[urgent].type : 'default',
  };
}
