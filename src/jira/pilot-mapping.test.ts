import type { Provisioning } from '../domain/site-provisioning';
import { pilotOf, workOf } from './pilot-mapping';
import type { JiraIssue } from './types';

const provisioning: Provisioning = {
  aiPilotIssueTypeId: '10005',
  dataAccessLinkType: { id: '10100', name: 'Data access' },
  reviewLinkTypeName: 'Relates',
  fields: {
    readiness: 'customfield_1',
    productionOwner: 'customfield_2',
    kickoffDate: 'customfield_3',
    demoSignOffDate: 'customfield_4',
  },
  projects: {
    TEAM: {
      projectId: '10001',
      style: 'team-managed',
      aiPilotAvailable: true,
      aiPilotIssueTypeId: '10006',
      subtaskIssueTypeId: '10007',
      instructions: [],
    },
  },
  siteTimeZone: 'Etc/UTC',
  provisionedAt: '2026-03-01T00:00:00.000Z',
};

const status = (key: 'new' | 'indeterminate' | 'done') => ({ name: key, statusCategory: { key } });

describe('a Jira issue as a pilot', () => {
  const issue = (fields: JiraIssue['fields'], properties: Record<string, unknown> = {}): JiraIssue => ({
    id: '10020',
    key: 'TEAM-1',
    fields: { summary: 'Pilot', project: { id: '10001', key: 'TEAM' }, ...fields },
    properties,
  });

  it("recognises a team-managed project's own AI Pilot type, and the global one", () => {
    expect(pilotOf(issue({ issuetype: { id: '10006', name: 'AI Pilot' } }), provisioning).isPilot).toBe(true);
    expect(pilotOf(issue({ issuetype: { id: '10005', name: 'AI Pilot' } }), provisioning).isPilot).toBe(true);
    expect(pilotOf(issue({ issuetype: { id: '10004', name: 'Task' } }), provisioning).isPilot).toBe(false);
  });

  it('takes the schedule with its overrides, the creation day in the site zone and the stored field value', () => {
    const pilot = pilotOf(
      issue(
        {
          issuetype: { id: '10006', name: 'AI Pilot' },
          created: '2026-03-02T12:30:00.000+1300',
          duedate: '2026-06-30',
          customfield_3: '2026-03-09',
          customfield_1: 44,
          customfield_2: { accountId: 'owner-1', displayName: 'Olive Owner' },
        },
        { 'pilot-milestones': { 'integration-testing': '2026-05-01', bogus: 'soon' } },
      ),
      provisioning,
    );
    expect(pilot.schedule).toEqual({
      createdDate: '2026-03-01',
      kickoffDate: '2026-03-09',
      dueDate: '2026-06-30',
      milestoneOverrides: { 'integration-testing': '2026-05-01' },
    });
    expect(pilot.publishedScore).toBe(44);
    expect(pilot.productionOwner).toEqual({ accountId: 'owner-1', displayName: 'Olive Owner' });
  });
});

describe("a pilot's production path from a search", () => {
  const origin = (row: string) => ({ 'pilot-pathway-origin': { pilot: '10020', row } });

  it('dates a done sub-task by its status category change, with or without a resolution', () => {
    const work = workOf(
      [
        {
          id: '10021',
          key: 'TEAM-2',
          fields: {
            status: status('done'),
            resolution: null,
            resolutiondate: null,
            statuscategorychangedate: '2026-03-10T23:30:00.000-0800',
            updated: '2026-03-10T23:45:00.000-0800',
          },
          properties: origin('model-validation'),
        },
      ],
      '10020',
      [],
      [],
      provisioning,
    );
    expect(work.workstreams[0]).toMatchObject({ row: 'model-validation', doneDate: '2026-03-11' });
    // What the read holds is known as of the issue's last change, for every field an event can carry.
    const updated = Date.parse('2026-03-11T07:45:00.000Z');
    expect(work.knownAt).toEqual({
      'TEAM-2/status': updated,
      'TEAM-2/resolution': updated,
      'TEAM-2/assignee': updated,
      'TEAM-2/duedate': updated,
    });
  });

  it('reads a status of Jira\'s "No category" (key `undefined`) as not started', () => {
    const work = workOf(
      [
        {
          id: '10021',
          key: 'TEAM-2',
          fields: { status: { name: 'Triage', statusCategory: { key: 'undefined' } } },
          properties: origin('model-validation'),
        },
      ],
      '10020',
      [],
      [],
      provisioning,
    );
    expect(work.workstreams[0]?.statusCategory).toBe('new');
    expect(work.existing[0]?.statusCategory).toBe('new');
  });

  it('counts a linked ticket by id as data access, and ignores issues of other pilots', () => {
    const work = workOf(
      [
        {
          id: '10030',
          key: 'AIP-30',
          fields: { status: status('indeterminate'), created: '2026-03-02T09:00:00.000+0000' },
        },
        {
          id: '10031',
          key: 'AIP-31',
          fields: { status: status('new') },
          properties: { 'pilot-pathway-origin': { pilot: '99999', row: 'mlops' } },
        },
      ],
      '10020',
      ['10030'],
      [],
      provisioning,
    );
    expect(work.dataAccess).toEqual([
      {
        source: 'jira',
        key: 'AIP-30',
        state: 'in-progress',
        openedDate: '2026-03-02',
        closedDate: null,
        url: null,
      },
    ]);
    expect(work.workstreams).toEqual([]);
  });
});
