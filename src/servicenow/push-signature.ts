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

/**
 * The MAC a signature header carries: `sha256=` then the HMAC as hex, or as base64 (what ServiceNow's
 * `GlideCertificateEncryption.generateMac` returns). Undefined when it is neither.
 */
function macBytes(signature: string): Buffer | undefined {
  const value = signature.trim().replace(/^sha256=/i, '');
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

/**
 * Checks presence, freshness and the HMAC (in constant time). Replays are checked by the caller
 * with `signatureHex`, the MAC as hex whichever way it was written.
 */
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
  const expected = createHmac('sha256', secret)
    .update(timestamp + body)
    .digest();
  const given = macBytes(signature);
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'wrong-signature' };
  return { ok: true, signatureHex: given.toString('hex') };
}
