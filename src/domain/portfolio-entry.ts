/**
 * What the portfolio shows of one pilot (product.md §11, §15), whichever way it was read: from a Jira
 * search on the project page, or from the entry each recompute stores for the pages that list many
 * projects (the global page, the dashboard gadget). An entry keeps only what those pages show, so a
 * page of every pilot of a site stays a few storage reads.
 */
import type { GateEvidence } from './funnel';
import { trendOf, type ReadinessHistory, type Trend } from './history';
import { standingKillSummary } from './kill-clock';
import { recordedSuccessMetrics } from './success-metrics';
import type {
  GateBlocker,
  IsoDate,
  KillBudget,
  PilotSnapshot,
  ReadinessDocument,
  SuccessMetric,
} from './types';
import { storedValueReview } from './value-review';

/** What the portfolio reads of a readiness document. */
export type PortfolioReadiness = Pick<
  ReadinessDocument,
  | 'score'
  | 'band'
  | 'graduated'
  | 'gates'
  | 'diagnostic'
  | 'daysSinceDemo'
  | 'reviewRequired'
  | 'firstDataAccessRequest'
  | 'valueReview'
  | 'valueReviewDue'
>;

export interface PortfolioPilot {
  id: string;
  key: string;
  summary: string;
  projectKey: string;
  /** The pilot's kickoff date, else the day it was created (product.md §2). */
  kickoff: IsoDate;
  productionOwner: { accountId: string; displayName: string } | null;
  successMetrics: SuccessMetric[];
  /** Null before the pilot's first computation. */
  readiness: PortfolioReadiness | null;
  /** Milestone → the day its gate first passed (the funnel counts from kickoff to it). */
  gatesFirstPassed: Record<string, IsoDate>;
  /** Each gate's evidence (funnel.ts): when it passed and who held it up; absent for older entries. */
  evidence?: Record<string, GateEvidence>;
  trend: Trend;
  /** The kill that stands (product.md §14): its day and the budget it freed; null for a pilot under way. */
  kill: { decidedOn: IsoDate; budget: KillBudget } | null;
  /** The pilot has an issue security level: shown only to a viewer Jira shows it to. */
  restricted?: true;
}

/** A gate's blockers as the funnel counts them: one per owner team (the words stay on the pilot's panel). */
function blockingTeams(blocking: readonly GateBlocker[]): GateBlocker[] {
  const teams = [...new Set(blocking.flatMap((blocker) => (blocker.ownerTeam ? [blocker.ownerTeam] : [])))];
  return teams.map((ownerTeam) => ({
    criterion: blocking.find((blocker) => blocker.ownerTeam === ownerTeam)?.criterion ?? { type: 'reviews' },
    issueKeys: [],
    detail: '',
    ownerTeam,
  }));
}

/**
 * A readiness document as the portfolio reads it: each gate's blockers down to the teams that own them
 * and the diagnostic down to its yes and no (the words stay on the pilot's panel), so a page of every
 * pilot of a site stays small. A document stored before the value review existed reads as not live,
 * with no data-access request known.
 */
export function portfolioReadinessOf(
  document: Omit<PortfolioReadiness, 'valueReview' | 'valueReviewDue' | 'firstDataAccessRequest'> &
    Partial<Pick<PortfolioReadiness, 'valueReview' | 'valueReviewDue' | 'firstDataAccessRequest'>>,
): PortfolioReadiness {
  return {
    score: document.score,
    band: document.band,
    graduated: document.graduated,
    gates: document.gates.map((gate) => ({
      milestone: gate.milestone,
      passed: gate.passed,
      waived: gate.waived,
      blocking: blockingTeams(gate.blocking),
    })),
    diagnostic: {
      answers: document.diagnostic.answers.map((answer) => ({
        id: answer.id,
        yes: answer.yes,
        evidence: '',
      })),
      noCount: document.diagnostic.noCount,
    },
    daysSinceDemo: document.daysSinceDemo,
    reviewRequired: document.reviewRequired,
    firstDataAccessRequest: document.firstDataAccessRequest ?? null,
    valueReview: storedValueReview(document),
    valueReviewDue: document.valueReviewDue ?? false,
  };
}

/** The project a pilot belongs to: its key's prefix (`AIP-4` → `AIP`), as Jira keys issues. */
export function projectOfKey(issueKey: string): string {
  return issueKey.slice(0, Math.max(0, issueKey.lastIndexOf('-')));
}

/** The portfolio's entry of a pilot from its recompute: the snapshot, the readiness, names and history. */
export function portfolioEntryOf(
  snapshot: PilotSnapshot,
  readiness: ReadinessDocument,
  names: Readonly<Record<string, string>>,
  history: ReadinessHistory,
): PortfolioPilot {
  const owner = snapshot.productionOwnerAccountId;
  return {
    id: snapshot.id,
    key: snapshot.key,
    summary: snapshot.summary,
    projectKey: projectOfKey(snapshot.key),
    kickoff: snapshot.kickoffDate ?? snapshot.createdDate,
    productionOwner: owner ? { accountId: owner, displayName: names[owner] ?? owner } : null,
    successMetrics: recordedSuccessMetrics(snapshot.productionSpec.successMetrics),
    readiness: portfolioReadinessOf(readiness),
    gatesFirstPassed: { ...history.gatesFirstPassed },
    ...(history.evidence ? { evidence: history.evidence } : {}),
    trend: trendOf(history.points),
    kill: standingKillSummary(snapshot.decisions),
    ...(snapshot.restricted ? { restricted: true as const } : {}),
  };
}
