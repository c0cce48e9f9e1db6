import { goLiveMilestone } from '../../domain/value-review';
import type { OwnershipTemplate, PilotSnapshot, ReadinessDocument } from '../../domain/types';
import { readHistory } from '../../storage/history';
import { readValueReviews } from '../../storage/value-reviews';

/**
 * What a recompute needs to know after go-live (product.md §15): the day production-go-live first
 * passed and the value reviews since. The day comes from the pilot's last readiness, or from its
 * history for a readiness stored before it carried one (a pilot never computed has neither); reviews
 * are read only for a pilot that went live, so a pilot on its way to production costs no extra read.
 */
export async function afterGoLiveInputs(
  pilotId: string,
  previous: ReadinessDocument | undefined,
  template: Pick<OwnershipTemplate, 'milestones'>,
): Promise<Pick<PilotSnapshot, 'goLiveDate' | 'valueReviews'>> {
  const goLiveDate =
    previous === undefined
      ? null
      : previous.valueReview
        ? previous.valueReview.goLiveDate
        : firstPassedGoLive((await readHistory(pilotId)).gatesFirstPassed, template);
  return { goLiveDate, valueReviews: goLiveDate ? await readValueReviews(pilotId) : [] };
}

function firstPassedGoLive(
  gatesFirstPassed: Readonly<Record<string, string>>,
  template: Pick<OwnershipTemplate, 'milestones'>,
): string | null {
  const milestone = goLiveMilestone(template);
  return (milestone ? gatesFirstPassed[milestone] : undefined) ?? null;
}
