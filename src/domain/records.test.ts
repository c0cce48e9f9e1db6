/**
 * Keys a person typed (an owner team, a milestone, a table) that are also names Object.prototype
 * carries (`constructor`, `toString`, `__proto__`): a record holds a value under one only when it was
 * stored there (product.md §14, prototype keys).
 */
import { DEFAULT_TEMPLATE } from './default-template';
import { planGeneration } from './generation-plan';
import { milestoneTargets } from './schedule';
import { serviceNowTickets } from './servicenow-tickets';
import { mergeOwnerAssignees } from './settings';
import type { OwnershipTemplate } from './types';

const PROTOTYPE_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

const pilot = {
  id: '10042',
  key: 'AIP-7',
  projectKey: 'AIP',
  summary: 'Claims triage assistant',
  createdDate: '2026-02-20',
  kickoffDate: '2026-03-02',
  dueDate: null,
  milestoneOverrides: {},
};

describe.each(PROTOTYPE_KEYS)('the key %s', (key) => {
  it('as an owner team with no mapping leaves the sub-task unassigned', () => {
    const template: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      rows: DEFAULT_TEMPLATE.rows.map((row) => ({ ...row, ownerTeam: key })),
    };
    const plan = planGeneration({ template, pilot, existing: [], ownerAssignees: {} });
    expect(plan.workstreamsToCreate.map((workstream) => workstream.assigneeAccountId)).toEqual(
      template.rows.map(() => null),
    );
  });

  it('as an owner team with a mapping assigns its person', () => {
    const template: OwnershipTemplate = {
      ...DEFAULT_TEMPLATE,
      rows: [{ ...(DEFAULT_TEMPLATE.rows[0] as OwnershipTemplate['rows'][number]), ownerTeam: key }],
    };
    const ownerAssignees = mergeOwnerAssignees(
      {},
      JSON.parse(`{"${key}": "acc-1"}`) as Record<string, string>,
    );
    expect(Object.getPrototypeOf(ownerAssignees)).toBe(Object.prototype);
    const plan = planGeneration({ template, pilot, existing: [], ownerAssignees });
    expect(plan.workstreamsToCreate[0]?.assigneeAccountId).toBe('acc-1');
  });

  it('as a milestone without an override is dated by its week', () => {
    const targets = milestoneTargets({ milestones: [{ key, name: 'Odd', week: 2 }] }, '2026-03-02', {}, null);
    expect(Object.entries(targets)).toEqual([[key, '2026-03-09']]);
  });

  it('as a table without a state map shows the state as unknown, never a guess', () => {
    const { tickets } = serviceNowTickets(
      [
        {
          globalId: `pilot-pathway:servicenow:x.service-now.com:t:1`,
          table: key,
          number: 'RITM1',
          dataSource: 'Claims warehouse',
          stateCode: '3',
          filedAt: '2026-03-02T09:00:00.000Z',
          syncedAt: '2026-03-02T09:00:00.000Z',
          url: 'https://x.service-now.com',
        },
      ],
      [],
      {},
      null,
      'Etc/UTC',
    );
    expect(tickets[0]).toMatchObject({ state: 'requested', unknownState: '3' });
  });
});
