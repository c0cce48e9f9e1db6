/** The queue consumer: long pilot work handed over from triggers (generation, re-sync, recompute). */
export async function onPilotWork(_event: unknown): Promise<void> {}
