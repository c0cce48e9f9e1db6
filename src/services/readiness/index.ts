/**
 * Bringing a pilot's readiness up to date (product.md §5–§10, §13): recomputes coalesced and serialized
 * per pilot, the recompute itself (read, follow moved milestones, compute, store on the pilot and in the
 * view), a fresh pilot's first readiness, and the daily job's batches from stored inputs.
 */
export { queueDailyRecompute, runDailyBatch } from './daily-readiness';
export { forgetDeletedPilot } from './deleted-pilot';
export { epicMemberOf, standingOf, standingsOf } from './epic-member';
export { usableSchedule } from './pilot-snapshot';
export {
  recomputeSerialized,
  requestRecompute,
  runRequestedRecompute,
  storeFirstReadiness,
} from './recompute-queue';
export { readPilotAndWork, storeFreshReadiness, type RecomputeOutcome } from './recompute-readiness';
