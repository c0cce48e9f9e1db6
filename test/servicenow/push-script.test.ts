import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedPushScript } from '../../sandbox/servicenow/business-rule';
import { PUSH_BUSINESS_RULE_SCRIPT } from '../../src/servicenow/push-script';

test('the admin page shows the business rule script docs/servicenow.md documents (and the sandbox runs), to the character', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'servicenow.md'), 'utf8');
  expect(PUSH_BUSINESS_RULE_SCRIPT).toBe(documentedPushScript(doc));
  expect(PUSH_BUSINESS_RULE_SCRIPT).toContain("gs.getProperty('x_pilot_pathway.push_secret')");
});
