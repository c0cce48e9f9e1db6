/**
 * The modelled hour of product.md §16: every kind of change and every page, at the activity model's
 * rates, priced at what each costs in the sandbox (points of `GET /__sandbox/metrics`), as a share of
 * Atlassian's Tier 1 quota (65,000 points an hour).
 *
 * Rates per active pilot per 8-hour working day: 10 sub-task or review changes (taken as 5 of each),
 * 1 edit of the pilot's own fields, 0.5 data-access changes (half in Jira, half in ServiceNow; of each
 * request's changes one in three is its filing, two its state moving on), 20 pilot-page views (each
 * opens the panel, the issue context and the lozenge). Per 1,000 pilots per day: 20 portfolio or
 * global-page opens, 40 owner-queue opens, 100 epic-page views (the epic of 1,000 pilots, all three
 * surfaces), the daily job, the reminders. One template apply a month.
 * User activity falls in the 8 working hours; the daily job and reminders are spread over 24 hours
 * and the monthly template apply over 30 × 24 (the average hour, as bench/cost/report.ts counts).
 * Work that grows with the pilot count (the daily job, reminders, a portfolio open, a template
 * apply) measured on a smaller site is scaled linearly to the modelled count, and said so.
 */

export interface ChangeCosts {
  subtaskChange?: number;
  reviewChange?: number;
  pilotEdit?: number;
  dataAccessJiraFiled?: number;
  dataAccessJiraMoved?: number;
  dataAccessServiceNowFiled?: number;
  dataAccessServiceNowMoved?: number;
  pilotPageView?: number;
  portfolioOpen?: number;
  ownerQueueOpen?: number;
  epicPageView?: number;
  dailyJob?: number;
  reminders?: number;
  templateApply?: number;
}

type Kind = keyof ChangeCosts;

interface Rate {
  kind: Kind;
  what: string;
  /** Occurrences per hour for `pilots` pilots. */
  perHour: (pilots: number) => number;
  /** Its cost grows with the pilot count (scaled from the measured site). */
  grows?: boolean;
}

const WORKING_HOURS = 8;
const JOB_HOURS = 24;
const MONTH_HOURS = 30 * 24;
const perPilot = (perDay: number) => (pilots: number) => (pilots * perDay) / WORKING_HOURS;
const perThousand = (perDay: number) => (pilots: number) => ((pilots / 1000) * perDay) / WORKING_HOURS;

export const RATES: readonly Rate[] = [
  { kind: 'subtaskChange', what: 'sub-task change', perHour: perPilot(5) },
  { kind: 'reviewChange', what: 'review change', perHour: perPilot(5) },
  { kind: 'pilotEdit', what: 'edit of the pilot’s own fields', perHour: perPilot(1) },
  { kind: 'dataAccessJiraFiled', what: 'data-access ticket filed in Jira', perHour: perPilot(0.25 / 3) },
  {
    kind: 'dataAccessJiraMoved',
    what: 'Jira data-access ticket moves on',
    perHour: perPilot(0.25 * (2 / 3)),
  },
  {
    kind: 'dataAccessServiceNowFiled',
    what: 'data-access request filed in ServiceNow',
    perHour: perPilot(0.25 / 3),
  },
  {
    kind: 'dataAccessServiceNowMoved',
    what: 'ServiceNow request moves on',
    perHour: perPilot(0.25 * (2 / 3)),
  },
  { kind: 'pilotPageView', what: 'pilot page view (3 surfaces)', perHour: perPilot(20) },
  { kind: 'portfolioOpen', what: 'portfolio or global-page open', perHour: perThousand(20), grows: true },
  { kind: 'ownerQueueOpen', what: 'owner-queue open', perHour: perThousand(40) },
  { kind: 'epicPageView', what: 'epic page view (3 surfaces)', perHour: perThousand(100) },
  { kind: 'dailyJob', what: 'daily job', perHour: () => 1 / JOB_HOURS, grows: true },
  { kind: 'reminders', what: 'reminders', perHour: () => 1 / JOB_HOURS, grows: true },
  { kind: 'templateApply', what: 'template apply', perHour: () => 1 / MONTH_HOURS, grows: true },
];

export interface HourLine {
  kind: Kind;
  what: string;
  /** Points of one occurrence at the modelled count (scaled when it grows), or undefined: not measured. */
  points?: number;
  perHour: number;
  pointsPerHour?: number;
}

export interface ModelledHour {
  pilots: number;
  /** The pilot count of the site the costs were measured on. */
  measuredOn: number;
  lines: HourLine[];
  /** The kinds not measured: the hour is then incomplete and has no percentage. */
  missing: string[];
  pointsPerHour?: number;
  percentOfQuota?: number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function modelledHour(
  costs: ChangeCosts,
  measuredOn: number,
  pilots: number,
  quotaPerHour: number,
): ModelledHour {
  let total = 0;
  const lines = RATES.map((rate): HourLine => {
    const measured = costs[rate.kind];
    const points =
      measured === undefined ? undefined : rate.grows ? (measured * pilots) / measuredOn : measured;
    const perHour = rate.perHour(pilots);
    if (points !== undefined) total += points * perHour;
    return {
      kind: rate.kind,
      what: rate.what,
      ...(points === undefined ? {} : { points: round1(points), pointsPerHour: round1(points * perHour) }),
      perHour: Math.round(perHour * 1000) / 1000,
    };
  });
  const missing = lines.filter((line) => line.points === undefined).map((line) => line.what);
  if (missing.length > 0) return { pilots, measuredOn, lines, missing };
  const pointsPerHour = total;
  return {
    pilots,
    measuredOn,
    lines,
    missing,
    pointsPerHour: Math.round(pointsPerHour),
    percentOfQuota: round1((pointsPerHour / quotaPerHour) * 100),
  };
}
