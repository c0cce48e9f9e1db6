import { pilotDateProblems, usableScheduleDates, type DateProblem } from '../../domain/site-dates';
import type { DataAccessTicket, IsoDate, PilotSnapshot } from '../../domain/types';
import type { Pilot, PilotWork } from '../../domain/pilot';
import type { Governance } from '../../storage/governance';

/**
 * What the readiness model gets about one pilot: the pilot and its production path as the gateway
 * read them, its waivers and decisions, and its ServiceNow tickets. Dates a person has to fix
 * (product.md §2) are reported and left out of the schedule, so they never break the dates.
 */
export function snapshotOf(
  pilot: Pilot,
  work: PilotWork,
  governance: Governance,
  serviceNow: DataAccessTicket[],
  today: IsoDate,
): { snapshot: PilotSnapshot; dateProblems: DateProblem[] } {
  const dateProblems = pilotDateProblems(pilot.schedule, today);
  return {
    dateProblems,
    snapshot: {
      id: pilot.id,
      key: pilot.key,
      summary: pilot.summary,
      ...usableScheduleDates(pilot.schedule, dateProblems),
      demoSignOffDate: pilot.demoSignOffDate,
      productionOwnerAccountId: pilot.productionOwner?.accountId ?? null,
      ...(pilot.restricted ? { restricted: true } : {}),
      productionSpec: pilot.productionSpec,
      workstreams: work.workstreams,
      reviews: work.reviews,
      dataAccess: [...work.dataAccess, ...serviceNow],
      waivers: governance.waivers,
      decisions: governance.decisions,
      ...closedByKillOf(pilot, governance),
    },
  };
}

/**
 * The issues a kill closed. A kill recorded before the app kept that list left its closure: what it
 * closed then, the pilot aside, is what it closed.
 */
function closedByKillOf(pilot: Pick<Pilot, 'key'>, governance: Governance): { closedByKill?: string[] } {
  const closed =
    governance.closedByKill ?? (governance.closure?.closed ?? []).filter((key) => key !== pilot.key);
  return closed.length > 0 ? { closedByKill: closed } : {};
}

/** The schedule of a pilot with the dates a person has to fix left out (generation, template preview). */
export function usableSchedule(pilot: Pilot, today: IsoDate): Pilot['schedule'] {
  return usableScheduleDates(pilot.schedule, pilotDateProblems(pilot.schedule, today));
}
