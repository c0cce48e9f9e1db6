/**
 * The portfolio's content from its pilots as the portfolio reads them (domain/portfolio-entry.ts),
 * however they were read: the table's rows, the diagnostic summary, the funnel per gate and past the
 * gates, the kill list and the value reviews that are open. Shared by the project page, the global
 * page and the dashboard gadget, so each shows a pilot the same way.
 */
import { BANDS_BY_URGENCY } from '../../domain/bands';
import { funnelOutcomes } from '../../domain/funnel-outcomes';
import { budgetFreed, diagnosticSummary, firstBlockingGate, gateFunnel } from '../../domain/portfolio';
import type { PortfolioPilot } from '../../domain/portfolio-entry';
import { seedsScorecard } from '../../domain/seeds-scorecard';
import type { IsoDate, OwnershipTemplate } from '../../domain/types';
import { valueReviewOpen } from '../../domain/value-review';
import type { PortfolioContent, PortfolioRow, PortfolioSummary, ValueReviewDueView } from '../../ui-contract';

export function portfolioRowOf(pilot: PortfolioPilot): PortfolioRow {
  const { readiness } = pilot;
  return {
    id: pilot.id,
    key: pilot.key,
    summary: pilot.summary,
    score: readiness?.score ?? null,
    band: readiness?.band ?? null,
    firstBlockingGate: readiness && !pilot.kill ? firstBlockingGate(readiness.gates) : null,
    daysSinceDemo: readiness?.daysSinceDemo ?? null,
    reviewRequired: readiness?.reviewRequired ?? false,
    productionOwner: pilot.productionOwner?.displayName ?? null,
    trend: pilot.trend,
    killedOn: pilot.kill?.decidedOn ?? null,
    scorecard: readiness ? seedsScorecard(readiness.diagnostic.answers) : null,
    valueReview: readiness?.valueReview ?? null,
    valueReviewDue: readiness?.valueReviewDue ?? false,
  };
}

/** Live pilots whose value review may be recorded today and has not been, oldest go-live first. */
function openValueReviews(pilots: readonly PortfolioPilot[], today: IsoDate): ValueReviewDueView[] {
  return pilots
    .flatMap((pilot): ValueReviewDueView[] => {
      const state = pilot.readiness?.valueReview;
      if (
        !state?.goLiveDate ||
        !state.opensOn ||
        state.status === 'reviewed' ||
        !valueReviewOpen(state, today)
      )
        return [];
      return [
        {
          key: pilot.key,
          summary: pilot.summary,
          goLiveDate: state.goLiveDate,
          opensOn: state.opensOn,
          overdue: state.status === 'due',
          successMetrics: pilot.successMetrics,
        },
      ];
    })
    .sort(
      (a, b) =>
        a.goLiveDate.localeCompare(b.goLiveDate) || a.key.localeCompare(b.key, 'en', { numeric: true }),
    );
}

/** Everything the portfolio shows of these pilots on `today`. */
export function portfolioContentOf(
  pilots: readonly PortfolioPilot[],
  template: Pick<OwnershipTemplate, 'milestones'>,
  today: IsoDate,
): PortfolioContent {
  const computed = pilots.flatMap((pilot) =>
    pilot.readiness ? [{ ...pilot, readiness: pilot.readiness }] : [],
  );
  // Killed pilots are an end state: in no band count, out of the diagnostic; the funnel counts them to their kill.
  const active = computed.filter((pilot) => !pilot.kill);
  return {
    rows: pilots.map(portfolioRowOf),
    notComputed: pilots.length - computed.length,
    countByBand: BANDS_BY_URGENCY.map((band) => ({
      band,
      pilots: active.filter((pilot) => pilot.readiness.band === band).length,
    })),
    milestones: template.milestones.map(({ key, name }) => ({ key, name })),
    budgetFreed: budgetFreed(pilots.flatMap((pilot) => (pilot.kill ? [pilot.kill.budget] : []))),
    diagnostic: diagnosticSummary(
      active.map((pilot) =>
        pilot.readiness.diagnostic.answers.filter((answer) => !answer.yes).map((answer) => answer.id),
      ),
    ),
    funnel: gateFunnel(
      pilots.map((pilot) => ({
        kickoff: pilot.kickoff,
        gatesFirstPassed: pilot.gatesFirstPassed,
        ...(pilot.evidence ? { evidence: pilot.evidence } : {}),
        killedOn: pilot.kill?.decidedOn ?? null,
      })),
      template.milestones.map((milestone) => milestone.key),
      today,
    ),
    outcomes: funnelOutcomes(
      computed.map((pilot) => ({ kickoff: pilot.kickoff, readiness: pilot.readiness })),
      today,
    ),
    valueReviews: openValueReviews(pilots, today),
    today,
  };
}

/** The same without the table: the kill list picked out, for the pages that list many projects. */
export function portfolioSummaryOf(
  pilots: readonly PortfolioPilot[],
  template: Pick<OwnershipTemplate, 'milestones'>,
  today: IsoDate,
): PortfolioSummary {
  const { rows, ...content } = portfolioContentOf(pilots, template, today);
  return {
    ...content,
    pilots: rows.length,
    killList: rows
      .filter((row) => row.reviewRequired)
      .map(({ key, summary, daysSinceDemo }) => ({ key, summary, daysSinceDemo })),
  };
}
