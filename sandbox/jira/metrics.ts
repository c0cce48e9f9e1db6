/** The app's own Jira calls (caller.viaApp), for /__sandbox/metrics and the benchmarks. */

export interface JiraMetrics {
  calls: number;
  points: number;
  /** By `METHOD /path/template`, e.g. `POST /rest/api/3/issue/bulk`. */
  byEndpoint: Record<string, number>;
  /** By operationId of the OpenAPI description, e.g. `createIssues`. */
  byOperation: Record<string, number>;
}

export class MetricsRecorder {
  private metrics: JiraMetrics = MetricsRecorder.empty();

  private static empty(): JiraMetrics {
    return { calls: 0, points: 0, byEndpoint: {}, byOperation: {} };
  }

  record(endpoint: string, operationId: string | undefined, points: number): void {
    this.metrics.calls += 1;
    this.metrics.points += points;
    this.metrics.byEndpoint[endpoint] = (this.metrics.byEndpoint[endpoint] ?? 0) + 1;
    if (operationId) this.metrics.byOperation[operationId] = (this.metrics.byOperation[operationId] ?? 0) + 1;
  }

  snapshot(): JiraMetrics {
    return {
      calls: this.metrics.calls,
      points: this.metrics.points,
      byEndpoint: { ...this.metrics.byEndpoint },
      byOperation: { ...this.metrics.byOperation },
    };
  }

  reset(): void {
    this.metrics = MetricsRecorder.empty();
  }
}
