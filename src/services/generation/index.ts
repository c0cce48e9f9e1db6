/**
 * Laying out a pilot's production path (product.md §1–§3): one sub-task per template row and one review
 * ticket per kind, created once whatever the retries, and what could not be created reported on the pilot.
 */
export { generatePilotWork, type GenerationOutcome } from './generate-pilot';
