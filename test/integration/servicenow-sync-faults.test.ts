/**
 * Found by the soak (issue 12): a ServiceNow approval whose remote-link update failed (Jira answering
 * 503 while the push was handled) was recorded as applied all the same, so the poll skipped it and the
 * pilot never showed the approval. Either path must be enough on its own (product.md §12).
 */
import { createPilot, jira, ADMIN, site } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';
import {
  FILING,
  connectServiceNow,
  data,
  enablePush,
  panelCall,
  runPoll,
  stewardChanges,
} from '../support/servicenow-steps';

const env = useSandbox('empty', { clock: '2026-03-02T09:00:00.000Z' });

test('an approval pushed while Jira fails reaches the pilot with the next poll', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await connectServiceNow(env.sandbox);
    await enablePush(env.sandbox);
    const pilot = await createPilot(env.sandbox, 'ServiceNow pilot');
    data(await panelCall(env.sandbox, pilot, 'requestDataAccess', FILING));
    const [record] = env.sandbox.servicenow.records('sc_req_item');

    site(env.sandbox).setFaults([{ rate: 1, status: 503, match: '/remotelink' }]);
    await stewardChanges(env.sandbox, String(record?.sys_id), { state: '3' });
    site(env.sandbox).clearFaults();
    await runPoll(env.sandbox);

    const links = (await jira(
      env.sandbox,
      'GET',
      `/rest/api/3/issue/${pilot.key}/remotelink`,
      undefined,
      ADMIN,
    )) as Array<{
      object: { status?: { resolved?: boolean } };
    }>;
    expect(links).toHaveLength(1);
    expect(links[0]?.object.status?.resolved).toBe(true);
  } finally {
    logged.mockRestore();
  }
}, 60_000);
