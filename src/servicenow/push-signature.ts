/**
 * The push's signature (docs/servicenow.md): `X-Pilot-Pathway-Timestamp` (Unix seconds) and
 * `X-Pilot-Pathway-Signature: sha256=<hex HMAC-SHA256 of timestamp + body, keyed with the shared secret>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-pilot-pathway-timestamp';
export const SIGNATURE_HEADER = 'x-pilot-pathway-signature';
/** A push older (or further in the future) than this is stale. */
export const MAX_PUSH_AGE_SECONDS = 300;

export function pushSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('hex')}`;
}

export type PushCheck =
  { ok: true; signatureHex: string } | { ok: false; reason: 'unsigned' | 'stale' | 'wrong-signature' };

/** Checks presence, freshness and the HMAC (in constant time). Replays are checked by the caller. */
export function checkPushSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  nowSeconds: number,
): PushCheck {
  if (!timestamp || !signature) return { ok: false, reason: 'unsigned' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_PUSH_AGE_SECONDS)
    return { ok: false, reason: 'stale' };
  const expected = Buffer.from(pushSignature(secret, timestamp, body));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'wrong-signature' };
  return { ok: true, signatureHex: signature.trim().toLowerCase().slice('sha256='.length) };
}
