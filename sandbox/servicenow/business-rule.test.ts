/**
 * The push business rule of docs/servicenow.md, run with the Glide APIs as ServiceNow documents them,
 * against the app's own verifier: what a ServiceNow admin pastes is what the web trigger accepts.
 */
import { createHmac } from 'node:crypto';
import { Linter } from 'eslint';
import { checkPushSignature } from '../../src/servicenow/push-signature';
import { documentedPushScript, generateMac, runPushBusinessRule } from './business-rule';

const NOW = new Date('2026-03-01T09:00:00Z');
const SECRET = 'a3f1'.repeat(16); // the app generates 32 random bytes as hex
const RECORD = {
  sys_id: '0123456789abcdef0123456789abcdef',
  number: 'RITM0010001',
  state: '3',
  sys_mod_count: '2',
  sys_updated_on: '2026-03-01 08:59:58',
};
const PROPERTIES: Record<string, string> = {
  'x_pilot_pathway.push_url': 'https://example.invalid/x1/servicenow-webhook',
  'x_pilot_pathway.push_secret': SECRET,
};

function run(script = documentedPushScript(), properties = PROPERTIES) {
  return runPushBusinessRule(script, {
    table: 'sc_req_item',
    record: RECORD,
    property: (name) => properties[name] ?? '',
    now: NOW,
  });
}

test('generateMac as documented: the key Base64 encoded, the MAC in Base64', () => {
  // The documentation's own example: generateMac(GlideStringUtil.base64Encode("sample_key"), "HmacSHA256", "sample_data").
  const key = Buffer.from('sample_key').toString('base64');
  expect(generateMac(key, 'HmacSHA256', 'sample_data')).toBe(
    createHmac('sha256', 'sample_key').update('sample_data').digest('base64'),
  );
  expect(() => generateMac('not base64!', 'HmacSHA256', 'x')).toThrow(/Base64/);
  expect(() => generateMac(key, 'SHA256', 'x')).toThrow(/algorithm/);
});

test("the documented script's push is accepted by the app's verifier", () => {
  const sent = run();
  expect(sent).toMatchObject({ url: PROPERTIES['x_pilot_pathway.push_url'], method: 'POST' });
  expect(sent!.headers['content-type']).toBe('application/json');
  expect(JSON.parse(sent!.body)).toEqual({
    table: 'sc_req_item',
    sys_id: RECORD.sys_id,
    number: 'RITM0010001',
    state: '3',
    sys_mod_count: 2,
    sys_updated_on: '2026-03-01 08:59:58',
  });
  const timestamp = sent!.headers['x-pilot-pathway-timestamp'];
  expect(timestamp).toBe(String(NOW.getTime() / 1000));
  const signature = sent!.headers['x-pilot-pathway-signature'];
  expect(signature).toMatch(/^sha256=[A-Za-z0-9+/]{43}=$/);
  expect(checkPushSignature(SECRET, timestamp, signature, sent!.body, NOW.getTime() / 1000)).toEqual({
    ok: true,
    signatureHex: createHmac('sha256', SECRET)
      .update(timestamp + sent!.body)
      .digest('hex'),
  });
  expect(
    checkPushSignature('another secret', timestamp, signature, sent!.body, NOW.getTime() / 1000).ok,
  ).toBe(false);
});

test('a script that passed the secret to generateMac without Base64 would not be accepted', () => {
  const script = documentedPushScript();
  const raw = script.replace('var key = GlideStringUtil.base64Encode(secret);', 'var key = secret;');
  expect(raw).not.toBe(script);
  // The hex secret happens to be valid Base64: ServiceNow would sign with other key bytes.
  const sent = run(raw);
  const timestamp = sent!.headers['x-pilot-pathway-timestamp'];
  expect(
    checkPushSignature(
      SECRET,
      timestamp,
      sent!.headers['x-pilot-pathway-signature'],
      sent!.body,
      NOW.getTime() / 1000,
    ),
  ).toEqual({ ok: false, reason: 'wrong-signature' });
});

test('without the URL or the secret property the script sends nothing', () => {
  expect(run(undefined, { 'x_pilot_pathway.push_secret': SECRET })).toBeUndefined();
  expect(run(undefined, { 'x_pilot_pathway.push_url': 'https://example.invalid/x' })).toBeUndefined();
});

test('the script is found under "2. The push", and its absence is named', () => {
  expect(documentedPushScript()).toContain('new GlideCertificateEncryption().generateMac(');
  expect(() => documentedPushScript('# ServiceNow\n\n## 2. The push\n\nNo script.')).toThrow(/2\. The push/);
});

test('the script is ES5: a business rule in the global scope runs in ES5 Standards mode', () => {
  const es5 = [{ languageOptions: { ecmaVersion: 5, sourceType: 'script' } }] as Linter.Config[];
  expect(new Linter().verify(documentedPushScript(), es5)).toEqual([]);
  // The check bites: a trailing comma after the last argument is ES2017.
  expect(new Linter().verify('f(a,\n  b,\n);', es5)).toEqual([
    expect.objectContaining({ fatal: true, message: expect.stringMatching(/Parsing error/) }),
  ]);
});
