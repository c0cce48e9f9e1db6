import { changedFieldsOf } from '../domain/work-change';
import type { Provisioning } from '../domain/site-provisioning';
import {
  changeMatters,
  newParentIdsOf,
  workChangeOf,
  type ChangelogItem,
  type IssueEventBody,
} from './changelog';

const DONE = { id: '10002', name: 'Done', statusCategory: { key: 'done', name: 'Done' } };

function event(
  items: IssueEventBody['changelog'] extends infer C ? (C extends { items: infer I } ? I : never) : never,
  fields: Record<string, unknown> = {},
  id: string | number = '10500',
): IssueEventBody {
  return {
    issue: { id: '10100', key: 'AIP-7', fields: { updated: '2026-03-04T23:30:00.000+1300', ...fields } },
    changelog: { id, items },
  };
}

describe('a path issue change from its event', () => {
  it('takes the status category from the issue the event carries, and the resolution by name', () => {
    const change = workChangeOf(
      event(
        [
          {
            field: 'resolution',
            fieldId: 'resolution',
            from: null,
            to: '10000',
            fromString: null,
            toString: 'Done',
          },
          {
            field: 'status',
            fieldId: 'status',
            from: '10000',
            to: '10002',
            fromString: 'To Do',
            toString: 'Done',
          },
        ],
        { status: DONE },
      ),
    );
    expect(change).toEqual({
      issueId: '10100',
      key: 'AIP-7',
      version: 10500,
      at: '2026-03-04T23:30:00.000+1300',
      statusCategory: 'done',
      resolution: 'Done',
    });
    expect(changedFieldsOf(change!)).toEqual(['AIP-7/status', 'AIP-7/resolution']);
  });

  it('takes an assignee by account id with the name the changelog gives, and a cleared one as null', () => {
    expect(
      workChangeOf(
        event([{ field: 'assignee', fieldId: 'assignee', from: null, to: 'acc-1', toString: 'Pat Pathway' }]),
      ),
    ).toMatchObject({ assignee: { accountId: 'acc-1', displayName: 'Pat Pathway' } });
    expect(
      workChangeOf(
        event([{ field: 'assignee', fieldId: 'assignee', from: 'acc-1', to: null, toString: null }]),
      ),
    ).toMatchObject({ assignee: { accountId: null, displayName: null } });
  });

  it('takes a due date as a calendar date, also in the changelog timestamp form, and a cleared one', () => {
    expect(workChangeOf(event([{ field: 'duedate', to: '2026-05-01' }]))?.dueDate).toBe('2026-05-01');
    expect(workChangeOf(event([{ field: 'duedate', to: '2026-05-01 00:00:00.0' }]))?.dueDate).toBe(
      '2026-05-01',
    );
    expect(workChangeOf(event([{ field: 'duedate', to: null }]))?.dueDate).toBeNull();
    expect(workChangeOf(event([{ field: 'duedate', to: 'next week' }]))).toBeUndefined();
  });

  it('leaves fields readiness does not read out, and asks for a read when the event cannot settle it', () => {
    expect(workChangeOf(event([{ field: 'description', to: null }]))).toEqual({
      issueId: '10100',
      key: 'AIP-7',
      version: 10500,
      at: '2026-03-04T23:30:00.000+1300',
    });
    // A status without its category (an event that leaves the issue's fields out): read it.
    expect(
      workChangeOf(event([{ field: 'status', to: '10002' }], { status: { id: '10002' } })),
    ).toBeUndefined();
    expect(workChangeOf(event([{ field: 'status', to: '10002' }], { status: undefined }))).toBeUndefined();
    // Moved to another parent, or made another type: which pilot and which kind, only a read can tell.
    for (const field of ['parent', 'IssueParentAssociation', 'issuetype', 'project']) {
      expect(workChangeOf(event([{ field, to: '1' }]))).toBeUndefined();
    }
    // A resolution given by id alone.
    expect(workChangeOf(event([{ field: 'resolution', to: '10000' }]))).toBeUndefined();
  });

  it('does not trust values of another shape than Jira documents: it reads the issue instead', () => {
    for (const field of ['duedate', 'assignee', 'resolution']) {
      for (const to of [42, { id: '1' }, ['2026-05-01']]) {
        expect(workChangeOf(event([{ field, to } as unknown as ChangelogItem]))).toBeUndefined();
      }
    }
    expect(
      workChangeOf({ issue: { id: '1', key: 'AIP-1' }, changelog: { id: 7, items: 'status' as never } }),
    ).toBeUndefined();
  });

  it('needs a changelog with a numeric id to order changes by', () => {
    expect(workChangeOf({ issue: { id: '1', key: 'AIP-1' } })).toBeUndefined();
    expect(workChangeOf(event([{ field: 'duedate', to: null }], {}, 'abc'))).toBeUndefined();
    expect(workChangeOf(event([{ field: 'duedate', to: null }], {}, 0))).toBeUndefined();
  });
});

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
    expect(changeMatters({ created: true }, false, provisioning)).toBe(true);
    expect(changeMatters({ created: false }, false, provisioning)).toBe(true);
  });
});

describe('the new parent of a moved issue, from the event alone', () => {
  it('is the id a parent item moves to, by either name; a removed or non-id parent names none', () => {
    expect(
      newParentIdsOf([
        { field: 'IssueParentAssociation', fieldId: 'parent', from: '10001', to: '10042' },
        { field: 'labels', fieldId: 'labels', from: null, to: '10043' },
      ]),
    ).toEqual(['10042']);
    expect(newParentIdsOf([{ field: 'IssueParentAssociation', from: null, to: '10044' }])).toEqual(['10044']);
    expect(newParentIdsOf([{ field: 'IssueParentAssociation', from: '10001', to: null }])).toEqual([]);
    expect(newParentIdsOf([{ fieldId: 'parent', to: 'AIP-1' }])).toEqual([]);
    expect(newParentIdsOf(undefined)).toEqual([]);
  });
});
