/**
 * The app's background work: one delivery of a job from the pilot-work queue (generation, a recompute,
 * a template re-sync, a batch of the daily job), and the daily schedule that queues the daily batches.
 */
export { runQueuedJob, type JobOutcome } from './pilot-jobs';
export { runDailySchedule } from './daily-schedule';
