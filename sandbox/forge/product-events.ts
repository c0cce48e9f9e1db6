/**
 * Product events (and the app's lifecycle events) reach every `trigger` function subscribed to
 * their event type after the change, asynchronously, at least once; `filter.ignoreSelf` drops the
 * events the app caused (`causedByApp`). Duplicates, concurrency and retries: delivery.ts.
 */
import type { ProductEvent } from '../contracts';
import type { EventDelivery } from './delivery';
import type { ForgeManifest } from './manifest';
import { SANDBOX_CLOUD_ID, newContextToken } from './sandbox-ids';

/** Delivers a product event to every subscribed trigger. */
export function deliverToTriggers(
  manifest: ForgeManifest,
  delivery: EventDelivery,
  event: ProductEvent,
): void {
  for (const trigger of manifest.triggers) {
    if (!trigger.events.includes(event.eventType)) continue;
    if (trigger.filter?.ignoreSelf && event.causedByApp) continue;
    const base = {
      context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: trigger.key },
      ...event.payload,
      eventType: event.eventType,
      ...(event.atlassianId !== undefined ? { atlassianId: event.atlassianId } : {}),
      contextToken: newContextToken(),
    };
    delivery.deliverCopies(() =>
      delivery.deliverWithRetries(
        {
          kind: 'trigger',
          functionKey: trigger.function,
          moduleKey: trigger.key,
          eventType: event.eventType,
        },
        base,
      ),
    );
  }
}
