/**
 * Concern: the outbound push. When a ServiceNow user changes a record, the business rule of
 * docs/servicenow.md runs as ServiceNow runs it: it reads its target URL and shared secret from the
 * instance's `sys_properties` (set there as the app's admin page instructs), signs the body and
 * POSTs it; the sandbox delivers it to the app's web trigger. Also `signPush`, the signature the
 * rule sends, for tests.
 */
import { documentedPushScript, generateMac, runPushBusinessRule } from './business-rule';
import { type RecordStore, type ServiceNowRecord, glideDateTime } from './records';

/** The business rule's switch; its URL and secret live in `sys_properties`. */
export interface PushConfig {
  enabled: boolean;
  secret: string;
  url: string;
}

export const PUSH_URL_PROPERTY = 'x_pilot_pathway.push_url';
export const PUSH_SECRET_PROPERTY = 'x_pilot_pathway.push_secret';

/** How the push reaches the app: the sandbox wires it to the web trigger behind `url`. */
export type PushDelivery = (request: {
  url: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<{ status: number; body: string }>;

export interface SentPush {
  at: string;
  table: string;
  sys_id: string;
  status: number;
}

/**
 * The signature header the documented business rule sends: `sha256=` and the HMAC-SHA256 over
 * `timestamp + body` (no separator) keyed with the secret, in Base64 as `generateMac` returns it.
 */
export function signPush(secret: string, timestamp: string, body: string): string {
  return `sha256=${generateMac(Buffer.from(secret, 'utf8').toString('base64'), 'HmacSHA256', timestamp + body)}`;
}

let documentedScript: string | undefined;
/** The business rule script of docs/servicenow.md, read once. */
function pushScript(): string {
  documentedScript ??= documentedPushScript();
  return documentedScript;
}

export class PushRule {
  private enabled = false;
  private delivery?: PushDelivery;
  /** The outbound pushes sent, newest last (for tests and demos). */
  readonly sent: SentPush[] = [];

  constructor(
    private readonly records: RecordStore,
    private readonly now: () => Date,
  ) {}

  /** The switch and the pushes sent, for a sandbox snapshot (the properties go with the records). */
  exportState(): { enabled: boolean; sent: SentPush[] } {
    return { enabled: this.enabled, sent: [...this.sent] };
  }

  importState(state: { enabled: boolean; sent: SentPush[] }): void {
    this.enabled = state.enabled;
    this.sent.splice(0, this.sent.length, ...state.sent);
  }

  /** Off, nothing sent yet (the properties go with the records' own reset). */
  reset(): void {
    this.enabled = false;
    this.sent.length = 0;
  }

  /** Switches the rule; `secret` and `url` are written to `sys_properties` as a ServiceNow admin would. */
  configure(config: Partial<PushConfig>): PushConfig {
    if (config.enabled !== undefined) this.enabled = config.enabled;
    if (config.secret !== undefined) this.records.setProperty(PUSH_SECRET_PROPERTY, config.secret);
    if (config.url !== undefined) this.records.setProperty(PUSH_URL_PROPERTY, config.url);
    return this.config();
  }

  config(): PushConfig {
    return {
      enabled: this.enabled,
      secret: this.records.property(PUSH_SECRET_PROPERTY),
      url: this.records.property(PUSH_URL_PROPERTY),
    };
  }

  setDelivery(deliver: PushDelivery | undefined): void {
    this.delivery = deliver;
  }

  /** Runs the rule after a user changed the record: the push's answer, or undefined when none was sent. */
  async afterUpdate(
    table: string,
    record: ServiceNowRecord,
  ): Promise<{ status: number; body: string } | undefined> {
    if (!this.enabled || !this.delivery) return undefined;
    // The documented script itself sends nothing without URL or secret.
    const request = runPushBusinessRule(pushScript(), {
      table,
      record,
      property: (name) => this.records.property(name),
      now: this.now(),
    });
    if (!request) return undefined;
    const answer = await this.delivery({
      url: request.url,
      method: request.method,
      path: '/',
      headers: { 'user-agent': 'ServiceNow/1.0', ...request.headers },
      body: request.body,
    });
    this.sent.push({
      at: glideDateTime(this.now()),
      table,
      sys_id: record.sys_id as string,
      status: answer.status,
    });
    return answer;
  }
}
