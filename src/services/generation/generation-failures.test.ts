import type { GenerationProblem } from '../../storage/generation-record';
import type { ReviewToCreate, WorkstreamToCreate } from '../../domain/generation-plan';
import { handleFailures, problemComment, unassignableKey, type PlannedItem } from './generation-failures';

const pilot = { key: 'AIP-1', projectKey: 'AIP' };
/** A planned sub-task (`row:`) or review in project AIP, assigned when `assigneeAccountId` is given. */
const item = (id: string, label: string, assigneeAccountId: string | null = null): PlannedItem => {
  const [kind, name = ''] = id.split(':');
  if (kind === 'review') {
    const review = { kind: name, summary: label, projectKey: 'AIP' } as ReviewToCreate;
    return { id, label, issue: { kind: 'review', review, pilot } };
  }
  const workstream = { row: name, summary: label, assigneeAccountId } as WorkstreamToCreate;
  return { id, label, issue: { kind: 'workstream', workstream, pilot, subtaskIssueTypeId: '10003' } };
};
const now = new Date('2026-03-02T09:00:00.000Z');

describe('sorting the failed elements of a bulk create', () => {
  const items = [
    item('row:mlops', 'MLOps pipeline setup'),
    item('row:model-validation', 'Model development & validation', 'gone'),
    item('row:monitoring', 'Monitoring & alerting setup'),
    item('review:compliance', 'Compliance review: Claims'),
  ];
  const result = {
    created: [],
    failed: [
      { index: 0, status: 503, message: 'Try again later' },
      { index: 1, status: 400, message: 'assignee: User is not active.' },
      { index: 2, status: 400, message: 'issuetype: The issue type selected is invalid.' },
      { index: 3, status: 400, message: 'project: valid project is required.' },
    ],
  };
  const problems = new Map<string, GenerationProblem>();
  const retryable = handleFailures(items, result, problems, now);

  it('retries transient failures and unassignable owners, and records the rest', () => {
    expect(retryable).toBe(2);
    expect([...problems.keys()].sort()).toEqual(
      [unassignableKey('row:model-validation'), 'row:monitoring', 'review:compliance'].sort(),
    );
  });

  it('says what to fix, in words', () => {
    expect(problems.get(unassignableKey('row:model-validation'))?.message).toMatch(/created unassigned/);
    expect(problems.get('row:monitoring')?.message).toMatch(
      /project AIP does not accept sub-tasks \(Jira said: issuetype: The issue type selected is invalid\)/,
    );
    expect(problems.get('review:compliance')?.message).toMatch(/its project does not exist/);
  });

  it('writes one comment listing every problem and how to retry', () => {
    const comment = problemComment([...problems.values()]);
    expect(comment.split('\n')).toHaveLength(problems.size + 2);
    expect(comment).toMatch(/Retry generation/);
  });
});
