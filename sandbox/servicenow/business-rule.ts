/**
 * The push business rule as a ServiceNow admin installs it: the script is read from
 * docs/servicenow.md (section "2. The push") and run as ServiceNow runs an *after update* rule, with
 * the Glide APIs it calls emulated as ServiceNow documents them. So every push the sandbox sends is
 * the documented script's output, and a script in the docs that the app could not verify fails the
 * push tests.
 *
 * - `GlideCertificateEncryption.generateMac(key, algorithm, data)`: `key` must be Base64 encoded (its
 *   bytes are the HMAC key), `algorithm` one of HmacSHA256, HmacSHA1, HmacMD5; returns the MAC in
 *   Base64 (Server API reference, GlideCertificateEncryption - Global).
 * - `GlideStringUtil.base64Encode(text)`: the UTF-8 bytes of `text` in Base64.
 * - `gs.getProperty(name, alt)`: the `sys_properties` value, else `alt`, else null.
 * - `GlideRecord.getValue(field)`: the field's value as a string, null when empty.
 * - `new GlideDateTime().getNumericValue()`: now, in epoch milliseconds.
 * - `sn_ws.RESTMessageV2`: the outbound request; `execute`/`executeAsync` send it.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';

export const SERVICENOW_DOC = resolve(__dirname, '../../docs/servicenow.md');
const SECTION = '2. The push';

/** The business rule script of docs/servicenow.md (the `javascript` block of "2. The push"). */
export function documentedPushScript(markdown: string = readFileSync(SERVICENOW_DOC, 'utf8')): string {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(SECTION));
  const script = /```javascript\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  if (!script) throw new Error(`docs/servicenow.md has no javascript block under "## ${SECTION}"`);
  return script;
}

const MAC_ALGORITHMS: Record<string, string> = { HmacSHA256: 'sha256', HmacSHA1: 'sha1', HmacMD5: 'md5' };
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `GlideCertificateEncryption.generateMac` as documented: a Base64 key, the MAC in Base64. */
export function generateMac(key: string, algorithm: string, data: string): string {
  const hash = MAC_ALGORITHMS[algorithm];
  if (!hash) throw new Error(`generateMac: unsupported algorithm "${algorithm}"`);
  if (typeof key !== 'string' || key === '' || !BASE64.test(key))
    throw new Error('generateMac: the key must be Base64 encoded');
  return createHmac(hash, Buffer.from(key, 'base64')).update(String(data), 'utf8').digest('base64');
}

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface BusinessRuleRun {
  table: string;
  record: Record<string, string>;
  property: (name: string) => string;
  now: Date;
}

/** Runs the script for one updated record; the request it sent, if any (it sends none without URL or secret). */
export function runPushBusinessRule(script: string, run: BusinessRuleRun): OutboundRequest | undefined {
  let sent: OutboundRequest | undefined;
  class RESTMessageV2 {
    private url = '';
    private method = 'GET';
    private body = '';
    private readonly headers: Record<string, string> = {};
    setEndpoint(url: string) {
      this.url = String(url);
    }
    setHttpMethod(method: string) {
      this.method = String(method).toUpperCase();
    }
    setRequestHeader(name: string, value: string) {
      this.headers[String(name).toLowerCase()] = String(value);
    }
    setRequestBody(body: string) {
      this.body = String(body);
    }
    execute() {
      sent = { url: this.url, method: this.method, headers: { ...this.headers }, body: this.body };
      return {};
    }
    executeAsync() {
      return this.execute();
    }
  }
  class GlideDateTime {
    getNumericValue() {
      return run.now.getTime();
    }
  }
  class GlideCertificateEncryption {
    generateMac(key: string, algorithm: string, data: string) {
      return generateMac(key, algorithm, data);
    }
  }
  const current = {
    getTableName: () => run.table,
    getUniqueValue: () => run.record.sys_id ?? '',
    getValue: (field: string) => {
      const value = run.record[field] ?? '';
      return value === '' ? null : value;
    },
  };
  runInNewContext(script, {
    current,
    previous: null,
    gs: {
      getProperty: (name: string, alt?: unknown) => {
        const value = run.property(String(name));
        return value !== '' ? value : (alt ?? null);
      },
    },
    GlideDateTime,
    GlideCertificateEncryption,
    GlideStringUtil: { base64Encode: (text: string) => Buffer.from(String(text), 'utf8').toString('base64') },
    sn_ws: { RESTMessageV2 },
  });
  return sent;
}
