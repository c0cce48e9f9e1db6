/**
 * The messier parts of a real Jira Cloud site, off by default and switched on through the control
 * API (`POST /__sandbox/behaviour`, sandbox.md "Fidelity rules"):
 *
 * - `searchLagMs`: the search index lags writes. For that long after an issue is created, changed or
 *   deleted, JQL search answers from the index's older copy (a new issue is not found, a changed one
 *   matches and reads as it was, a deleted one is still found), while `GET /rest/api/3/issue/{key}`
 *   sees the write at once. Issues named in `reconcileIssues` are read fresh, as on Jira.
 * - `resolutionOnDone: false`: the workflow reaches done without setting a resolution (many real
 *   workflows have no resolution screen or post function); `resolution` stays empty.
 * - `strictContentType`: a request with a body but without `Content-Type: application/json` is
 *   refused with 415, as Jira refuses it.
 * - `siteTimeZone`: the site's default user time zone (Jira's general configuration): the app's
 *   account and everyone without a zone of their own read timestamps in it; `Etc/UTC` by default.
 */
import { deserialize, serialize } from 'node:v8';
import { SITE_TIME_ZONE } from '../contracts';
import type { IssueRecord } from './model';
import type { SiteStore } from './store';

export interface JiraBehaviour {
  searchLagMs: number;
  resolutionOnDone: boolean;
  strictContentType: boolean;
  siteTimeZone: string;
}

/** A tidy emulator: the index is always current, done sets a resolution, any body type is read. */
export const TIDY_BEHAVIOUR: JiraBehaviour = {
  searchLagMs: 0,
  resolutionOnDone: true,
  strictContentType: false,
  siteTimeZone: SITE_TIME_ZONE,
};

/** Every real-Jira behaviour on: what `SANDBOX_BEHAVIOUR=real` gives the integration tests. */
export const REAL_BEHAVIOUR: JiraBehaviour = {
  searchLagMs: 1500,
  resolutionOnDone: false,
  strictContentType: true,
  siteTimeZone: SITE_TIME_ZONE,
};

interface StaleEntry {
  /** How the index still sees the issue: an older copy, or null when it does not know it yet. */
  copy: IssueRecord | null;
  /** Sandbox time (ms) at which the index catches up with the live issue. */
  until: number;
}

/** The issues before a write, serialized, to tell afterwards which ones the write changed. */
export type WriteMark = Map<string, Buffer>;

/**
 * The search index of a site with `searchLagMs` > 0. Around every write the site marks the issues
 * before (`beforeWrite`) and records what changed (`afterWrite`); search reads `indexedStore`.
 */
export class SearchIndex {
  private lagMs = 0;
  private readonly stale = new Map<string, StaleEntry>();

  get lag(): number {
    return this.lagMs;
  }

  setLag(ms: number): void {
    this.lagMs = Math.max(0, ms);
    if (this.lagMs === 0) this.stale.clear();
  }

  clear(): void {
    this.stale.clear();
  }

  beforeWrite(store: SiteStore): WriteMark | null {
    if (this.lagMs === 0) return null;
    const mark: WriteMark = new Map();
    for (const [id, issue] of store.issues) mark.set(id, serialize(issue));
    return mark;
  }

  afterWrite(store: SiteStore, mark: WriteMark | null, now: number): void {
    if (!mark) return;
    const until = now + this.lagMs;
    const note = (id: string, previous: Buffer | undefined): void => {
      const entry = this.stale.get(id);
      // The index still holds the copy from before the first of a run of quick writes.
      if (entry && entry.until > now) entry.until = until;
      else this.stale.set(id, { copy: previous ? (deserialize(previous) as IssueRecord) : null, until });
    };
    for (const [id, issue] of store.issues) {
      const previous = mark.get(id);
      if (!previous || !serialize(issue).equals(previous)) note(id, previous);
    }
    for (const [id, previous] of mark) if (!store.issues.has(id)) note(id, previous);
  }

  /**
   * The site as the search index sees it at `now`: the live store, with every issue written less
   * than `searchLagMs` ago replaced by the index's copy, except those named in `reconcile`.
   */
  indexedStore(store: SiteStore, now: number, reconcile: ReadonlySet<string>): SiteStore {
    for (const [id, entry] of this.stale) if (entry.until <= now) this.stale.delete(id);
    const pending = [...this.stale].filter(([id]) => !reconcile.has(id));
    if (pending.length === 0) return store;
    const issues = new Map(store.issues);
    for (const [id, { copy }] of pending) {
      if (copy) issues.set(id, copy);
      else issues.delete(id);
    }
    const indexed = Object.create(store) as SiteStore;
    Object.defineProperty(indexed, 'issues', { value: issues });
    return indexed;
  }
}
