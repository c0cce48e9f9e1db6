import { createHmac } from 'node:crypto';
import { checkPushSignature, pushSignature } from './push-signature';

const NOW = 1_772_355_600;
const body = '{"sys_id":"x","state":"3"}';

test('a signature in hex or in base64 (as ServiceNow computes it) is accepted, with one replay key', () => {
  const ts = String(NOW);
  const hex = checkPushSignature('s3cret', ts, pushSignature('s3cret', ts, body), body, NOW);
  const base64 = createHmac('sha256', 's3cret')
    .update(ts + body)
    .digest('base64');
  const b64 = checkPushSignature('s3cret', ts, `sha256=${base64}`, body, NOW);
  expect(hex).toEqual({ ok: true, signatureHex: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(b64).toEqual(hex);
});

test('missing, stale, future, malformed and wrong signatures are refused with the reason', () => {
  const ts = String(NOW);
  const good = pushSignature('s3cret', ts, body);
  expect(checkPushSignature('s3cret', undefined, good, body, NOW)).toEqual({ ok: false, reason: 'unsigned' });
  expect(checkPushSignature('s3cret', ts, undefined, body, NOW)).toEqual({ ok: false, reason: 'unsigned' });
  const old = String(NOW - 301);
  expect(checkPushSignature('s3cret', old, pushSignature('s3cret', old, body), body, NOW).ok).toBe(false);
  const future = String(NOW + 301);
  expect(checkPushSignature('s3cret', future, pushSignature('s3cret', future, body), body, NOW)).toEqual({
    ok: false,
    reason: 'stale',
  });
  expect(checkPushSignature('s3cret', ts, 'sha256=zz', body, NOW)).toEqual({
    ok: false,
    reason: 'wrong-signature',
  });
  expect(checkPushSignature('other', ts, good, body, NOW)).toEqual({ ok: false, reason: 'wrong-signature' });
  expect(checkPushSignature('s3cret', ts, good, `${body} `, NOW)).toEqual({
    ok: false,
    reason: 'wrong-signature',
  });
});
