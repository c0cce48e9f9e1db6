/**
 * The messier parts of a real Jira Cloud site, off by default and switched on through the control
 * API (`POST /__sandbox/behaviour`, sandbox.md "Fidelity rules"):
 *
 * - `searchLagMs`: the search index lags writes. For that long after an issue is created, changed or
 *   deleted, JQL search answers from the index's older copy (a new issue is not found, a changed one
 *   matches and reads as it was, a deleted one is still found), while `GET /rest/api/3/issue/{key}`
 *   sees the write at once. Issues named in `reconcileIssues` are read fresh, as on Jira
 *   (search-index.ts).
 * - `resolutionOnDone: false`: the workflow reaches done without setting a resolution (many real
 *   workflows have no resolution screen or post function); `resolution` stays empty.
 * - `strictContentType`: a request with a body but without `Content-Type: application/json` is
 *   refused with 415, as Jira refuses it.
 * - `siteTimeZone`: the site's default user time zone (Jira's general configuration): the app's
 *   account and everyone without a zone of their own read timestamps in it; `Etc/UTC` by default.
 */
import { SITE_TIME_ZONE } from '../contracts';

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
