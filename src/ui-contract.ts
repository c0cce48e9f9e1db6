/**
 * What the Custom UI asks the `ui-resolver` function and what it gets back. Shared by the resolver
 * (src/handlers/ui-resolver.ts) and the panels (static/app); type-only, so the browser bundle stays small.
 */
import type {
  Band,
  DataAccessState,
  GateResult,
  IsoDate,
  ProductionSpec,
  ReadinessDocument,
  ReviewState,
  Waiver,
  WorkstreamState,
} from './domain/types';

/** Every resolver answer: data, or an error in plain words the panel shows as it is. */
export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export interface ResolverError {
  code:
    | 'no-permission'
    | 'not-found'
    | 'not-a-pilot'
    | 'not-generated'
    | 'invalid-input'
    | 'servicenow-unreachable'
    | 'rate-limited'
    | 'internal';
  /** A sentence for the user, e.g. "You don't have permission to see AIP-4." */
  message: string;
  /** Field-level messages for forms (field name → message). */
  fieldErrors?: Record<string, string>;
  /** For servicenow-unreachable: since when (ISO timestamp). */
  since?: string;
}

export interface WorkstreamView {
  row: string;
  workstream: string;
  ownerTeam: string;
  milestone: string;
  /** Null when the sub-task is missing (generation problem). */
  key: string | null;
  state: WorkstreamState | null;
  assigneeAccountId: string | null;
  dueDate: IsoDate | null;
  daysOverdue: number;
}

export interface ReviewView {
  kind: string;
  key: string | null;
  state: ReviewState | null;
}

export interface DataAccessView {
  source: 'jira' | 'servicenow';
  key: string;
  state: DataAccessState;
  openedDate: IsoDate | null;
  ageDays: number | null;
  url: string | null;
}

export interface PilotView {
  kind: 'pilot';
  id: string;
  key: string;
  summary: string;
  readiness: ReadinessDocument;
  /** One sentence saying what the band means for this pilot. */
  bandMeaning: string;
  gates: GateResult[];
  workstreams: WorkstreamView[];
  reviews: ReviewView[];
  dataAccess: DataAccessView[];
  productionSpec: ProductionSpec;
  waivers: Waiver[];
  demoDate: IsoDate | null;
  /** Problems generation could not solve on its own (missing sub-tasks or reviews, and why). */
  generationProblems: string[];
  generated: boolean;
  milestones: Array<{ key: string; name: string; target: IsoDate }>;
  /** Dates on the pilot a person has to fix, naming the field (product.md §2). */
  dateWarnings: Array<{ field: string; message: string }>;
  /** The viewer may grant waivers (admin or the pilot's production owner). */
  canWaive: boolean;
  today: IsoDate;
}

export interface EpicPilotSummary {
  key: string;
  summary: string;
  score: number | null;
  band: Band | null;
  firstBlockingGate: string | null;
  reviewRequired: boolean;
  daysSinceDemo: number | null;
}

export interface EpicView {
  kind: 'epic';
  key: string;
  summary: string;
  pilots: EpicPilotSummary[];
  countByBand: Record<Band, number>;
  /** Pilots without a stored readiness yet. */
  notComputed: number;
  meanScore: number | null;
  lowest: { key: string; score: number } | null;
  /** The template's milestones, in order, with their names. */
  milestones: Array<{ key: string; name: string }>;
  blockedByGate: Array<{ milestone: string; pilots: string[] }>;
  killList: string[];
}

export type PanelView = PilotView | EpicView;

export interface DataAccessRequestInput {
  target: 'jira';
  dataSource: string;
  stewardAccountId: string;
  justification: string;
}

/** A person a people picker offers (GET /rest/api/3/user/search, as the viewer). */
export interface PersonOption {
  accountId: string;
  displayName: string;
  /** False for a deactivated account: shown, but not choosable. */
  active: boolean;
}

export interface WaiverInput {
  milestone: string;
  criterion: { type: 'workstream'; row: string } | { type: 'data-access' } | { type: 'reviews' };
  reason: string;
  expires: IsoDate;
}

/** Resolver function keys and their payloads (the issue comes from the Forge context, never the payload). */
export interface ResolverCalls {
  /** `compact`: the issue context's view, from stored readiness (lists left empty). */
  getPanel: { payload: { compact?: boolean }; result: PanelView };
  saveProductionSpec: { payload: ProductionSpec; result: PilotView };
  requestDataAccess: { payload: DataAccessRequestInput; result: { key: string; view: PilotView } };
  grantWaiver: { payload: WaiverInput; result: PilotView };
  retryGeneration: { payload: Record<string, never>; result: PilotView };
  /** Up to 10 people whose name starts with the query (1–100 characters), deactivated people last. */
  findPeople: { payload: { query: string }; result: PersonOption[] };
}
