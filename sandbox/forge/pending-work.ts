/**
 * The runtime's outstanding work: every delivery, retry, queued event and handler run is tracked so
 * that `idle()` can resolve once all of it has finished.
 */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = () => this.pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Resolves once every queued event, async event, retry and handler has finished. */
  async idle(): Promise<void> {
    for (;;) {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      await new Promise((r) => setImmediate(r));
      if (this.pending.size === 0) return;
    }
  }
}
