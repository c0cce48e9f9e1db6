import { mergeOwnerAssignees, settingsProblems, type SettingsFacts } from './settings';

const facts: SettingsFacts = {
  existingProjectKeys: new Set(['AIP', 'TEAM']),
  users: new Map([
    ['active-1', true],
    ['gone-1', false],
  ]),
  ownerTeams: ['Data science team', 'Production pathway team'],
};

describe('mergeOwnerAssignees', () => {
  test('teams left out keep their mapping; named ones are set; null removes', () => {
    expect(mergeOwnerAssignees({ A: '1', B: '2', C: '3' }, { B: '20', C: null, D: '4' })).toEqual({
      A: '1',
      B: '20',
      D: '4',
    });
  });
  test('no patch: everything kept', () => {
    expect(mergeOwnerAssignees({ A: '1' }, undefined)).toEqual({ A: '1' });
  });
});

describe('settingsProblems', () => {
  test('a valid save has none', () => {
    expect(
      settingsProblems(
        { pilotProjects: ['AIP', 'TEAM'], ownerAssignees: { 'Data science team': 'active-1' } },
        facts,
      ),
    ).toEqual({});
  });
  test('each problem is keyed by the entry that caused it', () => {
    expect(
      settingsProblems(
        {
          pilotProjects: ['AIP', 'NOPE', 'AIP'],
          ownerAssignees: {
            'Data science team': 'gone-1',
            'Production pathway team': 'nobody',
            'Unknown team': 'active-1',
            // Removing a mapping needs no person.
          },
        },
        facts,
      ),
    ).toEqual({
      'pilotProjects.1': 'No project with key NOPE exists, or the app cannot see it',
      'pilotProjects.2': 'AIP is already listed (entry 1)',
      'ownerAssignees.Data science team': 'This person is deactivated: choose an active person',
      'ownerAssignees.Production pathway team': 'No Jira user has the account id nobody',
      'ownerAssignees.Unknown team': 'No row of the ownership template has the owner team "Unknown team"',
    });
  });
  test('removing a mapping of a known team is fine', () => {
    expect(settingsProblems({ ownerAssignees: { 'Data science team': null } }, facts)).toEqual({});
  });
  test('a review board must be a group Jira has; none at all is fine', () => {
    const board = { groupId: 'g-1', name: 'ai-review-board' };
    expect(settingsProblems({ reviewBoardGroupId: 'g-1' }, { ...facts, reviewBoard: board })).toEqual({});
    expect(settingsProblems({ reviewBoardGroupId: 'g-404' }, facts)).toEqual({
      reviewBoardGroupId: 'No Jira group has this id: choose the review board from the list',
    });
    expect(settingsProblems({ reviewBoardGroupId: null }, facts)).toEqual({});
  });
});
