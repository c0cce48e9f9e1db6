/**
 * The portfolio's funnel past the gates (product.md §11, §15): how many pilots went live, how many of
 * those had their value review and how many deliver value (the funnel's last row), and the week-1
 * data-access figure, the seeds' single strongest predictor. Pure: every input was stored before.
 */
import { calendarDaysFromTo } from './iso-date';
import { deliveringValueCount } from './value-review';
import type { IsoDate, ReadinessDocument } from './types';

/** Week 1 is kickoff and the six days after it (product.md §2: week N starts at kickoff + (N−1) weeks). */
export const WEEK_ONE_DAYS = 7;

export interface FunnelOutcomes {
  /** Pilots whose production-go-live passed. */
  live: number;
  /** Live pilots with a value review recorded. */
  reviewed: number;
  /** Pilots whose latest value review says they deliver value: the funnel's last row. */
  deliveringValue: number;
  /**
   * Pilots whose first data-access request was filed in week 1 (or before kickoff), of the pilots that
   * filed in week 1 or whose week 1 is over; a pilot still in its first week and without a request is
   * not counted either way yet.
   */
  weekOneDataAccess: { withinWeekOne: number; pilots: number };
}

/** What the funnel's outcomes need of one pilot. */
export interface OutcomePilot {
  kickoff: IsoDate;
  readiness: Pick<ReadinessDocument, 'valueReview' | 'firstDataAccessRequest'>;
}

/** Whether the first request came in week 1; null while week 1 runs and no request came yet. */
export function filedInWeekOne(
  kickoff: IsoDate,
  firstRequest: IsoDate | null,
  today: IsoDate,
): boolean | null {
  if (firstRequest !== null && calendarDaysFromTo(kickoff, firstRequest) < WEEK_ONE_DAYS) return true;
  return calendarDaysFromTo(kickoff, today) >= WEEK_ONE_DAYS ? false : null;
}

export function funnelOutcomes(pilots: readonly OutcomePilot[], today: IsoDate): FunnelOutcomes {
  const states = pilots.map((pilot) => pilot.readiness.valueReview);
  const weekOne = pilots.map((pilot) =>
    filedInWeekOne(pilot.kickoff, pilot.readiness.firstDataAccessRequest, today),
  );
  return {
    live: states.filter((state) => state.goLiveDate !== null).length,
    reviewed: states.filter((state) => state.status === 'reviewed').length,
    deliveringValue: deliveringValueCount(states),
    weekOneDataAccess: {
      withinWeekOne: weekOne.filter((filed) => filed === true).length,
      pilots: weekOne.filter((filed) => filed !== null).length,
    },
  };
}
