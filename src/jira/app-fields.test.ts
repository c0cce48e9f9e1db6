import { appFieldExtensionKey, appFieldIds } from './app-fields';
import type { FieldDetails } from './configuration';

const APP = {
  appId: '7c0d2f4e-5b1a-4e39-9a57-2f1c8e6d4b30',
  environmentId: '3f1d5b9e-8c2a-4d7f-9e6b-0a1c2d3e4f50',
};
const OTHER_APP = { appId: '11111111-2222-4333-8444-555555555555', environmentId: APP.environmentId };

const forgeField = (id: string, name: string, moduleKey: string, app = APP): FieldDetails => ({
  id,
  name,
  custom: true,
  schema: { type: 'number', custom: appFieldExtensionKey(app, moduleKey) },
});

describe('the app finds its own custom fields by module key', () => {
  it('skips a site field already named "Readiness", listed before the app’s', () => {
    const fields: FieldDetails[] = [
      {
        id: 'customfield_10020',
        name: 'Readiness',
        custom: true,
        schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
      },
      forgeField('customfield_10040', 'Readiness', 'readiness-field'),
      forgeField('customfield_10041', 'Production owner', 'production-owner-field'),
      forgeField('customfield_10042', 'Kickoff date', 'kickoff-date-field'),
      forgeField('customfield_10043', 'Demo sign-off date', 'demo-sign-off-date-field'),
    ];
    expect(appFieldIds(fields, APP)).toEqual({
      readiness: 'customfield_10040',
      productionOwner: 'customfield_10041',
      kickoffDate: 'customfield_10042',
      demoSignOffDate: 'customfield_10043',
    });
  });

  it('skips another app’s field with the same module key, and a renamed field is still the app’s', () => {
    const fields = [
      forgeField('customfield_10030', 'Readiness', 'readiness-field', OTHER_APP),
      forgeField('customfield_10044', 'Production readiness', 'readiness-field'),
    ];
    expect(appFieldIds(fields, APP)).toMatchObject({ readiness: 'customfield_10044', kickoffDate: null });
  });
});
