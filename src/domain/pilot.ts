/**
 * An AI Pilot and its production path as the readiness model takes them: what the Jira gateway reads
 * (src/jira/pilot-mapping.ts maps Jira's JSON to these), what storage keeps of the last reading, and
 * what issue events change in between (work-change.ts).
 */
import type { ExistingIssue } from './generation-plan';
import type { ScheduleInputs } from './schedule';
import type {
  DataAccessTicket,
  IsoDate,
  ProductionSpec,
  ReadinessDocument,
  ReviewIssue,
  StatusCategory,
  WorkstreamIssue,
} from './types';

/** An AI Pilot issue as the app sees it. */
export interface Pilot {
  id: string;
  key: string;
  summary: string;
  projectKey: string;
  issueTypeId: string | undefined;
  /** An AI Pilot of this site (the global type or a team-managed project's own). */
  isPilot: boolean;
  isEpic: boolean;
  /**
   * The pilot has an issue security level: only the level's members see it, so a list that shows it
   * from stored state asks Jira, as the viewer, whether they do (absent in readings stored before).
   */
  restricted?: boolean;
  /** The epic (or other parent) the pilot belongs to. */
  parent: { id: string; key: string } | null;
  /** Kickoff, created and Due dates and overrides as Jira holds them (unchecked; see site-dates.ts). */
  schedule: ScheduleInputs;
  demoSignOffDate: IsoDate | null;
  productionOwner: { accountId: string; displayName: string } | null;
  /** Who reported the pilot (told when it nears the kill list); absent in readings stored before. */
  reporter?: { accountId: string; displayName: string } | null;
  productionSpec: ProductionSpec;
  /** Issues linked to the pilot with the *Data access* link type. */
  dataAccessLinks: Array<{ id: string; key: string }>;
  linkCount: number;
  /** The pilot's own status category: a kill closes it, a reopening moves it out of done. */
  statusCategory: StatusCategory;
  /**
   * The `pilot-readiness` property as Jira holds it now: a published copy that anyone who can edit
   * the issue can overwrite, so it is only ever compared with the app's stored truth (rewritten when it
   * differs), never read as input to a decision, a roll-up, a list or the daily job (product.md §14).
   */
  publishedReadiness: ReadinessDocument | undefined;
  /** The read-only Readiness field as Jira holds it (null when empty or not provisioned): compared only. */
  publishedScore: number | null;
}

/** The issues of a pilot's production path, as the readiness model takes them. */
export interface PilotWork {
  workstreams: WorkstreamIssue[];
  reviews: ReviewIssue[];
  /** Jira data-access tickets (ServiceNow ones come from remote links). */
  dataAccess: DataAccessTicket[];
  /** The app's issues of this pilot, as generation plans with them. */
  existing: ExistingIssue[];
  /** Display names of the people the evidence mentions (assignees, production owner). */
  names: Record<string, string>;
  /**
   * For each `<issue key>/<field>` of the app's own issues, the instant Jira's value is known as of:
   * the issue's `updated` when it was read, the time of the app's own write. An event of a change made
   * before that is already in it.
   */
  knownAt?: FieldInstants;
}

/** For each `<issue key>/<field>` of a pilot's path, the changelog version its stored value is from. */
export type FieldVersions = Record<string, number>;
/** For each `<issue key>/<field>`, an instant in milliseconds since the epoch. */
export type FieldInstants = Record<string, number>;
