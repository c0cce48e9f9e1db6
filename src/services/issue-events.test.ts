import type { Provisioning } from '../storage/provisioning';
import { changeMatters } from './issue-events';

const provisioning = {
  fields: {
    readiness: 'customfield_1',
    productionOwner: 'customfield_2',
    kickoffDate: 'customfield_3',
    demoSignOffDate: null,
  },
} as unknown as Provisioning;

const update = (...items: Array<{ field: string; fieldId: string }>) => ({
  created: false,
  issueId: '10021',
  issueTypeId: '10003',
  changelog: items,
});

describe('whether a change matters to readiness, from the event alone', () => {
  it('a label, a description or a summary edit does not', () => {
    expect(changeMatters(update({ field: 'labels', fieldId: 'labels' }), false, provisioning)).toBe(false);
    expect(changeMatters(update({ field: 'description', fieldId: 'description' }), true, provisioning)).toBe(
      false,
    );
    expect(changeMatters(update({ field: 'summary', fieldId: 'summary' }), false, provisioning)).toBe(false);
  });

  it("a sub-task's status, resolution, assignee or due date does", () => {
    for (const fieldId of ['status', 'resolution', 'assignee', 'duedate']) {
      expect(changeMatters(update({ field: fieldId, fieldId }), false, provisioning)).toBe(true);
    }
  });

  it("a pilot's dates, owner and epic do; the Readiness field the app writes does not", () => {
    expect(
      changeMatters(update({ field: 'Kickoff date', fieldId: 'customfield_3' }), true, provisioning),
    ).toBe(true);
    expect(
      changeMatters(update({ field: 'Production owner', fieldId: 'customfield_2' }), true, provisioning),
    ).toBe(true);
    expect(
      changeMatters(update({ field: 'IssueParentAssociation', fieldId: 'parent' }), true, provisioning),
    ).toBe(true);
    expect(changeMatters(update({ field: 'Readiness', fieldId: 'customfield_1' }), true, provisioning)).toBe(
      false,
    );
  });

  it('a creation, or an update that does not say what changed, does', () => {
    expect(changeMatters({ created: true, issueId: '1', issueTypeId: '2' }, false, provisioning)).toBe(true);
    expect(changeMatters({ created: false, issueId: '1', issueTypeId: '2' }, false, provisioning)).toBe(true);
  });
});
