/**
 * What the app spends in Jira during one piece of work, as the sandbox counts it: calls, points and
 * operations from `GET /__sandbox/metrics` (only calls made through the Forge runtime, i.e. by the app
 * or by the naive baseline running as the app), after `POST /__sandbox/metrics/reset` and with the
 * sandbox idle on both sides. Beside the counts, a log of the same calls (method, path, body, status)
 * read at the Jira site's door, so a scenario can tell which issue a write touched; the sandbox's
 * metrics API itself is unchanged.
 */
import type { Sandbox } from '../../sandbox/server';
import { control as sandboxControl } from '../sandbox-control';

export interface AppCall {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  body: string | undefined;
  status: number;
}

export interface Cost {
  calls: number;
  points: number;
  /** By operation id of Jira's OpenAPI description, e.g. `setIssueProperty`. */
  byOperation: Record<string, number>;
  /** By `METHOD /path/template`. */
  byEndpoint: Record<string, number>;
  log: AppCall[];
  ms: number;
}

interface MetricsReply {
  jira: {
    calls: number;
    points: number;
    byOperation: Record<string, unknown>;
    byEndpoint: Record<string, unknown>;
  };
}

const counts = (record: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      typeof value === 'number' ? value : Number((value as { calls?: number }).calls ?? 0),
    ]),
  );

/** A control call that must succeed: its JSON body. */
async function control<T>(sandbox: Sandbox, method: 'GET' | 'POST', path: string): Promise<T> {
  const reply = await sandboxControl(sandbox, method, path);
  if (reply.status >= 400)
    throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.json)}`);
  return reply.json as T;
}

export class CostMeter {
  private log: AppCall[] = [];

  constructor(private readonly sandbox: Sandbox) {
    const jira = sandbox.jira;
    const handle = jira.handle.bind(jira);
    jira.handle = async (request, caller) => {
      const response = await handle(request, caller);
      if (caller.viaApp)
        this.log.push({
          method: request.method.toUpperCase(),
          path: request.path,
          body: request.body,
          status: response.status,
        });
      return response;
    };
  }

  /** Runs the work with the sandbox idle before and after, and answers what the app spent on it. */
  async measure(work: () => Promise<unknown>): Promise<Cost> {
    await this.sandbox.idle();
    await control(this.sandbox, 'POST', '/__sandbox/metrics/reset');
    this.log = [];
    const started = performance.now();
    await work();
    await this.sandbox.idle();
    const ms = performance.now() - started;
    const { jira } = await control<MetricsReply>(this.sandbox, 'GET', '/__sandbox/metrics');
    if (jira.calls !== this.log.length)
      throw new Error(`The metrics count ${jira.calls} calls, the log ${this.log.length}`);
    return {
      calls: jira.calls,
      points: jira.points,
      byOperation: counts(jira.byOperation),
      byEndpoint: counts(jira.byEndpoint),
      log: this.log,
      ms,
    };
  }
}

const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out;
};

export function sumCosts(costs: Cost[]): Cost {
  return costs.reduce(
    (total, cost) => ({
      calls: total.calls + cost.calls,
      points: total.points + cost.points,
      byOperation: addCounts(total.byOperation, cost.byOperation),
      byEndpoint: addCounts(total.byEndpoint, cost.byEndpoint),
      log: [...total.log, ...cost.log],
      ms: total.ms + cost.ms,
    }),
    { calls: 0, points: 0, byOperation: {}, byEndpoint: {}, log: [], ms: 0 },
  );
}

const isSearch = (call: AppCall) => /^\/rest\/api\/[23]\/search\//.test(call.path);
const isWrite = (call: AppCall) => call.method !== 'GET' && !isSearch(call);

/** JQL searches (`/rest/api/3/search/jql` and its siblings). */
export const searchCalls = (cost: Cost): number => cost.log.filter(isSearch).length;

/** Calls that change something (not GET, not a search). */
export const writeCalls = (cost: Cost): number => cost.log.filter(isWrite).length;

/** The issue ids a bulk body names (`issueIds`, `entityIds`, `issueID`), e.g. a custom field value update. */
function idsInBody(body: string | undefined): string[] {
  if (!body) return [];
  const ids: string[] = [];
  JSON.parse(body, (key, value: unknown) => {
    if (/^(issueIds|entityIds|issueID|issueId)$/.test(key))
      for (const id of Array.isArray(value) ? value : [value]) ids.push(String(id));
    return value;
  });
  return ids;
}

/** Writes that touch the issue: its own paths (`/issue/{id or key}/…`) or a bulk body naming it. */
export function writesOn(cost: Cost, issue: { id: string; key: string }): number {
  const own = new RegExp(`/issue/(${issue.id}|${issue.key})([/?]|$)`);
  return cost.log.filter(
    (call) =>
      isWrite(call) &&
      (own.test(call.path.split('?')[0] as string) || idsInBody(call.body).includes(issue.id)),
  ).length;
}
