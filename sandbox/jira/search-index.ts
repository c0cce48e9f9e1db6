/**
 * The search index of the site: current at once, or lagging writes by `searchLagMs` (behaviour.ts).
 *
 * Around every request that may change something the site opens a write on the issue table
 * (`beforeWrite`) and closes it (`afterWrite`): the table indexes again the records the request was
 * handed (issue-table.ts). With lag on, the table also keeps those records as they were, and every
 * one the write changed, created or deleted is remembered here with the copy the index still holds
 * until the lag has passed; search then reads `indexedStore`, the site with those copies in place.
 */
import { deserialize, serialize } from 'node:v8';
import type { Attribute, IndexValue, IssueLookup, IssueTable } from './issue-table';
import type { IssueRecord } from './model';
import type { SiteStore } from './store';

interface StaleEntry {
  /** How the index still sees the issue: an older copy, or null when it does not know it yet. */
  copy: IssueRecord | null;
  /** Sandbox time (ms) at which the index catches up with the live issue. */
  until: number;
}

/** A write opened by `beforeWrite`, to hand to `afterWrite`. */
export interface WriteMark {
  issues: IssueTable;
}

/** What the lagging index stores, for a sandbox snapshot. */
export type SearchIndexState = [string, StaleEntry][];

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

  beforeWrite(store: SiteStore): WriteMark {
    store.issues.beginWrite({ preImages: this.lagMs > 0 });
    return { issues: store.issues };
  }

  afterWrite(store: SiteStore, mark: WriteMark | null, now: number): void {
    if (!mark) return;
    const written = mark.issues.endWrite();
    if (this.lagMs === 0) return;
    const until = now + this.lagMs;
    const note = (id: string, previous: Buffer | null): void => {
      const entry = this.stale.get(id);
      // The index still holds the copy from before the first of a run of quick writes.
      if (entry && entry.until > now) entry.until = until;
      else this.stale.set(id, { copy: previous ? (deserialize(previous) as IssueRecord) : null, until });
    };
    for (const [id, previous] of written) {
      if (previous === undefined) continue;
      const issue = store.issues.get(id);
      if (!issue) {
        if (previous) note(id, previous);
      } else if (!previous || !serialize(issue).equals(previous)) note(id, previous);
    }
  }

  /**
   * The site as the search index sees it at `now`: the live store, with every issue written less
   * than `searchLagMs` ago replaced by the index's copy, except those named in `reconcile`.
   */
  indexedStore(store: SiteStore, now: number, reconcile: ReadonlySet<string>): SiteStore {
    for (const [id, entry] of this.stale) if (entry.until <= now) this.stale.delete(id);
    const pending = [...this.stale].filter(([id]) => !reconcile.has(id));
    if (pending.length === 0) return store;
    const overlay = new Map(pending.map(([id, { copy }]) => [id, copy]));
    const indexed = Object.create(store) as SiteStore;
    // Read-only: search and rendering only read through IssueLookup's members.
    Object.defineProperty(indexed, 'issues', {
      value: new LaggingIssues(store.issues, overlay),
    });
    return indexed;
  }

  exportState(): SearchIndexState {
    return [...this.stale];
  }

  importState(state: SearchIndexState): void {
    this.stale.clear();
    for (const [id, entry] of state) this.stale.set(id, entry);
  }
}

/** The live issues with the index's older copies laid over them (null: the index has no copy yet). */
class LaggingIssues implements IssueLookup {
  constructor(
    private readonly live: IssueTable,
    private readonly overlay: ReadonlyMap<string, IssueRecord | null>,
  ) {}

  get(id: string): IssueRecord | undefined {
    return this.overlay.has(id) ? (this.overlay.get(id) ?? undefined) : this.live.get(id);
  }

  has(id: string): boolean {
    return this.overlay.has(id) ? this.overlay.get(id) !== null : this.live.has(id);
  }

  byKey(key: string): IssueRecord | undefined {
    const live = this.live.byKey(key);
    if (live && !this.overlay.has(live.id)) return live;
    for (const copy of this.overlay.values()) if (copy?.key === key) return copy;
    return undefined;
  }

  idsWith(attribute: Attribute, value: IndexValue): ReadonlySet<string> {
    const ids = new Set<string>();
    for (const id of this.live.idsWith(attribute, value)) if (!this.overlay.has(id)) ids.add(id);
    for (const [id, copy] of this.overlay) if (copy && this.live.holds(copy, attribute, value)) ids.add(id);
    return ids;
  }

  *values(): IterableIterator<IssueRecord> {
    for (const issue of this.live.values()) if (!this.overlay.has(issue.id)) yield issue;
    for (const copy of this.overlay.values()) if (copy) yield copy;
  }
}
