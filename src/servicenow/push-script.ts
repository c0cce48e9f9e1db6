/**
 * The business rule a ServiceNow admin installs so the instance pushes each change of a request the app
 * filed (docs/servicenow.md, "2. The push"): the admin page shows it with a copy button, so nobody needs
 * the project's documentation. Plain ES5, as global-scope business rules run in ES5 Standards mode. The
 * documentation's copy is checked against this one (test/servicenow/push-script.test.ts), and the sandbox
 * runs the documented script on every emulated change.
 */
export const PUSH_BUSINESS_RULE_SCRIPT = `(function executeRule(current, previous /*null when async*/) {
  var url = gs.getProperty('x_pilot_pathway.push_url');
  var secret = gs.getProperty('x_pilot_pathway.push_secret');
  if (!url || !secret) return;

  var body = JSON.stringify({
    table: current.getTableName(),
    sys_id: current.getUniqueValue(),
    number: current.getValue('number'),
    state: current.getValue('state'),
    sys_mod_count: parseInt(current.getValue('sys_mod_count'), 10),
    sys_updated_on: current.getValue('sys_updated_on'),
  });
  var timestamp = String(Math.floor(new GlideDateTime().getNumericValue() / 1000));

  // HMAC-SHA256 over timestamp + body, keyed with the shared secret: generateMac takes the key
  // Base64 encoded and returns the MAC in Base64 (the app accepts Base64 or hex after "sha256=").
  var key = GlideStringUtil.base64Encode(secret);
  var mac = new GlideCertificateEncryption().generateMac(key, 'HmacSHA256', timestamp + body);

  var request = new sn_ws.RESTMessageV2();
  request.setEndpoint(url);
  request.setHttpMethod('POST');
  request.setRequestHeader('Content-Type', 'application/json');
  request.setRequestHeader('X-Pilot-Pathway-Timestamp', timestamp);
  request.setRequestHeader('X-Pilot-Pathway-Signature', 'sha256=' + mac);
  request.setRequestBody(body);
  request.executeAsync();
})(current, previous);
`;
