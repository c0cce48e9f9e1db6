import { GadgetSettings, SANDBOX_GADGET } from './dashboards';

describe('the settings Jira keeps with a gadget', () => {
  it('are saved by the edit view and given to the gadget by the platform, never taken from the browser', () => {
    const settings = new GadgetSettings();
    const named = {
      type: 'jira:dashboardGadget',
      gadget: { id: SANDBOX_GADGET.id },
      dashboard: { id: '10100' },
    };
    expect(settings.extensionFor({ ...named, gadgetConfiguration: { project: 'SECRET' } })).toEqual(named);
    expect(settings.submit(SANDBOX_GADGET.id, { project: 'AIP', refresh: 15 })).toEqual({ ok: true });
    expect(settings.extensionFor({ ...named, gadgetConfiguration: { project: 'SECRET' } })).toEqual({
      ...named,
      gadgetConfiguration: { project: 'AIP', refresh: 15 },
    });
    settings.clear();
    expect(settings.get(SANDBOX_GADGET.id)).toBeUndefined();
  });

  test.each([
    ['a list', ['AIP']],
    ['text', 'AIP'],
    ['a refresh that is not whole minutes', { project: 'AIP', refresh: 0.5 }],
    ['a refresh of zero', { project: 'AIP', refresh: 0 }],
  ])('refuse %s', (_label, payload) => {
    const settings = new GadgetSettings();
    expect(settings.submit(SANDBOX_GADGET.id, payload)).toMatchObject({ ok: false });
    expect(settings.get(SANDBOX_GADGET.id)).toBeUndefined();
  });
});
