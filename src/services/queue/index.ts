/**
 * The pilot-work queue (@forge/events): handing jobs to the queue consumer, and the jobs it gave up on
 * after every retry (reported on the pilot, listed for the daily job, cleared once one succeeds).
 */
export {
  generateAfterWaiting,
  handOff,
  handOffEach,
  handOffTogether,
  waitForLeaseSeconds,
  type PilotJob,
} from './work-queue';
export { clearRecomputeGivenUp, reportGivenUp, reportStaleReadiness } from './given-up';
