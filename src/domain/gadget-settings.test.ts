import { ALL_PROJECTS, gadgetSettingsOf } from './gadget-settings';

describe("the gadget's setting, as Jira keeps it with the gadget", () => {
  test.each([
    ['never saved: every project', undefined, { ok: true, settings: { project: ALL_PROJECTS } }],
    ['every project', { project: 'all' }, { ok: true, settings: { project: 'all' } }],
    [
      'one project, with the gadget refresh Forge keeps beside it',
      { project: 'AIP', refresh: 15 },
      { ok: true, settings: { project: 'AIP' } },
    ],
  ])('%s', (_label, stored, expected) => {
    expect(gadgetSettingsOf(stored)).toEqual(expected);
  });

  test.each([
    ['a lower-case key', { project: 'aip' }],
    ['a JQL clause', { project: 'AIP OR project = SECRET' }],
    ['no project', { refresh: 15 }],
    ['not an object', 'AIP'],
  ])('refuses %s, saying how to fix it', (_label, stored) => {
    expect(gadgetSettingsOf(stored)).toEqual({
      ok: false,
      message: 'The gadget names no project: edit the gadget and choose a project, or every project',
    });
  });
});
