/**
 * The push from ServiceNow's business rule to the web trigger (product.md §12). Refused with 401 and
 * nothing changed: no signature, a wrong one, a stale timestamp (> 5 minutes), or a signature already
 * seen (a replay). Also refused: anything but a JSON POST, and bodies over 64 KiB.
 *
 * A push is a hint, never the truth: whoever holds the shared secret can sign any body. A valid push
 * names a record; when it is one the app filed, the app reads that record back from ServiceNow (one
 * call) and applies what ServiceNow says. The pushed state and `sys_mod_count` are never applied.
 */
import { z } from 'zod';
import {
  checkPushSignature,
  MAX_PUSH_AGE_SECONDS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../../servicenow/push-signature';
import { ServiceNowError } from '../../servicenow/errors';
import { filedRecordBySysId, markPushSeen, readConnection, readSecret } from '../../storage/servicenow';
import { clientFor } from './connection';
import { RECORD_FIELDS } from './filing';
import { applyVersions, versionOf } from './sync';

export const MAX_PUSH_BODY_BYTES = 64 * 1024;

export interface PushRequest {
  method: string;
  headers: Record<string, string[] | string | undefined>;
  body: string;
}

export interface PushResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const pushBodySchema = z.object({
  table: z.string(),
  sys_id: z.string().regex(/^[0-9a-f]{32}$/),
  /** `current.getValue` gives null for an empty field: the documented script sends it as it is. */
  number: z.string().nullish(),
  state: z.union([z.string(), z.number()]).transform(String),
  /** Required: it is how a version already seen (by the poll or an earlier push) is told apart. */
  sys_mod_count: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().min(0)),
  sys_updated_on: z.string().nullish(),
});

function answer(statusCode: number, body: Record<string, unknown>): PushResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

function header(request: PushRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

export async function receivePush(request: PushRequest, now: Date): Promise<PushResponse> {
  if (request.method.toUpperCase() !== 'POST') return answer(405, { error: 'POST a record change' });
  if (!(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json'))
    return answer(415, { error: 'Send the change as application/json' });
  const body = request.body ?? '';
  if (Buffer.byteLength(body, 'utf8') > MAX_PUSH_BODY_BYTES)
    return answer(413, { error: `The body is over ${MAX_PUSH_BODY_BYTES} bytes` });
  const [secret, connection] = await Promise.all([readSecret('serviceNowPushSecret'), readConnection()]);
  if (!secret || !connection) return answer(401, { error: 'Push is not set up in Pilot Pathway' });
  const check = checkPushSignature(
    secret,
    header(request, TIMESTAMP_HEADER),
    header(request, SIGNATURE_HEADER),
    body,
    Math.floor(now.getTime() / 1000),
  );
  if (!check.ok) return answer(401, { error: `Refused: ${check.reason}` });
  // Seen signatures are kept twice as long as a push stays fresh: a replay is either stale or seen.
  if (!(await markPushSeen(check.signatureHex, 2 * MAX_PUSH_AGE_SECONDS)))
    return answer(401, { error: 'Refused: replayed' });
  let parsed: z.infer<typeof pushBodySchema>;
  try {
    const result = pushBodySchema.safeParse(JSON.parse(body));
    if (!result.success) return answer(400, { error: 'The body is not a record change' });
    parsed = result.data;
  } catch {
    return answer(400, { error: 'The body is not JSON' });
  }
  const filed = await filedRecordBySysId(parsed.sys_id);
  // Not filed by the app, or filed on an instance no longer connected: nothing to read back.
  if (!filed || filed.instanceHost !== new URL(connection.instanceUrl).host)
    return answer(200, { applied: 0, ignored: 1 });
  let record;
  try {
    record = await (await clientFor(connection)).get(filed.table, filed.sysId, RECORD_FIELDS);
  } catch (error) {
    if (!(error instanceof ServiceNowError)) throw error;
    // Nothing applied: the poll reads the record when ServiceNow answers again.
    return answer(503, { error: `The record could not be read back from ServiceNow: ${error.message}` });
  }
  const version = versionOf(record);
  const outcome = await applyVersions(version ? [version] : [], connection, now);
  return answer(200, { applied: outcome.changed, ignored: 1 - outcome.changed });
}
