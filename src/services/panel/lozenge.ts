/**
 * The issue context's collapsed lozenge: a pilot's score and band, an epic's pilots' count and mean
 * score, from stored readiness (no recompute).
 */
import { BAND_LABELS } from '../../domain/bands';
import type { Band, ReadinessDocument } from '../../domain/types';
import { JiraClient } from '../../jira/client';
import { PilotGateway } from '../../jira/pilots';
import { readPilotViewOfIssue } from '../../storage/pilot-state';
import { readProvisioning } from '../../storage/provisioning';
import type { EpicView } from '../../ui-contract';
import { mostUrgentBand } from './panel-view';
import { readConfig } from '../../storage/config';
import { epicRollUpOf, storedEpicRollUp } from './pilot-panel';

type LozengeType = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';
export type Lozenge = { label: string; type: LozengeType };

const LOZENGE_TYPE_OF_BAND: Record<Band, LozengeType> = {
  ready: 'success',
  'on-track': 'inprogress',
  'at-risk': 'moved',
  purgatory: 'removed',
  killed: 'default',
};

/** What the lozenge shows when the issue cannot be read: the failure itself goes to the log. */
export const UNAVAILABLE: Lozenge = { label: 'unavailable', type: 'default' };

/** The lozenge of the issue the context names (none: not computed). */
export async function issueLozenge(issueIdOrKey: string | undefined): Promise<Lozenge> {
  if (issueIdOrKey === undefined) return lozengeOf(undefined);
  // A pilot with a stored view: no Jira call. Forge shows the issue context only on the issue view of
  // someone who can see the issue, and names the issue itself (see panelFor).
  const stored = await readPilotViewOfIssue(issueIdOrKey);
  if (stored) return lozengeOf(stored.readiness);
  const asUser = JiraClient.asUser();
  // An epic the app holds a roll-up of: one call, the viewer's permission check of its pilots.
  const rolledUp = await storedEpicRollUp(asUser, issueIdOrKey, issueIdOrKey, (await readConfig()).template);
  if (rolledUp) return epicLozengeOf(rolledUp);
  const provisioning = await readProvisioning();
  if (!provisioning) return lozengeOf(undefined);
  // Anything else: one call, as the viewer (an epic never rolled up, a pilot never recomputed). The
  // published property is never shown as the app's reading: a pilot without a stored view is not computed yet.
  const issue = await new PilotGateway(asUser, provisioning).readPilot(issueIdOrKey);
  if (issue.isEpic) return epicLozengeOf(await epicRollUpOf(asUser, issue, provisioning));
  return lozengeOf(undefined);
}

export function lozengeOf(readiness: ReadinessDocument | undefined): Lozenge {
  if (!readiness) return { label: 'not computed', type: 'default' };
  // A killed pilot keeps the score it had at the kill.
  const atKill = readiness.band === 'killed' ? ' at kill' : '';
  return {
    label: `${readiness.score}${atKill} · ${BAND_LABELS[readiness.band].words}`,
    type: LOZENGE_TYPE_OF_BAND[readiness.band],
  };
}

/** An epic: how many pilots, their mean score, coloured by the most urgent band among them. */
export function epicLozengeOf(epic: Pick<EpicView, 'pilots' | 'meanScore' | 'countByBand'>): Lozenge {
  if (epic.pilots.length === 0) return { label: 'no pilots', type: 'default' };
  const count = `${epic.pilots.length} pilot${epic.pilots.length === 1 ? '' : 's'}`;
  const urgent = mostUrgentBand(epic.countByBand);
  return {
    label: epic.meanScore === null ? count : `${count} · mean ${epic.meanScore}`,
    type: urgent ? LOZENGE_TYPE_OF_BAND[urgent] : 'default',
  };
}
