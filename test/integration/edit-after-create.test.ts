/**
 * Issue 12, due dates wrong for good: a pilot edited right after its creation, while generation is
 * still laying out its path (here held up by Jira's rate limit), must end with the due dates of the
 * edited pilot, without waiting for some later change to it.
 */
import { burstLimitedOnce, fieldId, generatedIssues, issueTypeId, jira, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

const dueDates = (pilotId: string) =>
  Object.fromEntries(
    generatedIssues(env.sandbox, pilotId).workstreams.map((issue) => [
      (issue.properties['pilot-pathway-origin'] as { row: string }).row,
      issue.dueDate,
    ]),
  );

test.each([
  ['without search lag', 0],
  ['while search lags', 1500],
])(
  'a kickoff moved while generation waits out a rate limit moves every due date (%s)',
  async (_label, lag) => {
    env.sandbox.jira.setBehaviour?.({ searchLagMs: lag });
    env.sandbox.runtime.setDeliveryMode({ duplicates: 3, concurrent: true });
    const kickoff = await fieldId(env.sandbox, 'Kickoff date');
    // The first bulk create waits 1 s for Jira's burst limit: the edit lands in between.
    site(env.sandbox).setFaults([burstLimitedOnce('/rest/api/3/issue/bulk')]);
    const created = await jira(env.sandbox, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        issuetype: { id: await issueTypeId(env.sandbox, 'AIP', 'AI Pilot') },
        summary: 'Claims triage assistant',
        [kickoff]: '2026-03-02',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await jira(env.sandbox, 'PUT', `/rest/api/3/issue/${created.key}`, {
      fields: { [kickoff]: '2026-03-16' },
    });
    await env.sandbox.idle();

    // Worked out from product.md §2 for kickoff 2026-03-16: week N starts on kickoff + (N−1) weeks.
    expect(dueDates(created.id)).toEqual({
      'model-validation': '2026-04-20',
      'data-access': '2026-06-01',
      'security-compliance': '2026-06-01',
      infrastructure: '2026-05-04',
      'legacy-integration': '2026-05-04',
      mlops: '2026-05-18',
      'change-management': '2026-05-25',
      monitoring: '2026-06-08',
    });
  },
);
