import { pickerOptions, type JiraUser } from './people';

const user = (accountId: string, active: boolean, accountType = 'atlassian'): JiraUser => ({
  accountId,
  accountType,
  displayName: `Person ${accountId}`,
  active,
});

describe('the people picker options', () => {
  it('lists deactivated people after the active ones, each in Jira’s order', () => {
    expect(
      pickerOptions([user('a', false), user('b', true), user('c', false), user('d', true)]).map((person) => [
        person.accountId,
        person.active,
      ]),
    ).toEqual([
      ['b', true],
      ['d', true],
      ['a', false],
      ['c', false],
    ]);
  });

  it('leaves out app and customer accounts and keeps at most ten', () => {
    const many = Array.from({ length: 12 }, (_, index) => user(`p${index}`, true));
    const options = pickerOptions([user('bot', true, 'app'), user('cust', true, 'customer'), ...many]);
    expect(options).toHaveLength(10);
    expect(options[0]).toEqual({ accountId: 'p0', displayName: 'Person p0', active: true });
    expect(options.map((person) => person.accountId)).not.toContain('bot');
  });
});
