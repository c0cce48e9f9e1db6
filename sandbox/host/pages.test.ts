/**
 * The issue view of the host pages against the Jira emulator: a pilot's sub-tasks, review tickets
 * and data-access tickets can all be moved through their workflow from the pilot's page, with the
 * resolution its done transition offers.
 */
import { SANDBOX_USERS } from '../contracts';
import { APP, call, createIssue, subtask, task, testSite } from '../jira/testing';
import { type PageContext, renderIssue, transitionFromForm } from './pages';

const { site } = testSite();

const ctx: PageContext = {
  jira: async (accountId, method, path, body) => {
    const reply = await call(site, { kind: 'user', accountId, viaApp: false }, method, path, body);
    return { status: reply.status, json: reply.json };
  },
  accountId: SANDBOX_USERS.projectManager.accountId,
  theme: 'light',
  uiModules: [],
  dynamicProperties: async () => undefined,
  resourceBuilt: () => false,
};

let pilot: { key: string };
let work: { key: string };
let review: { key: string };
let dataAccess: { key: string };

beforeAll(async () => {
  pilot = await createIssue(site, APP, task('Fraud model pilot'));
  work = await createIssue(site, APP, subtask('Model validation', pilot.key));
  review = await createIssue(site, APP, task('Security review', 'SEC'));
  dataAccess = await createIssue(site, APP, task('Claims warehouse access', 'TEAM'));
  for (const other of [review, dataAccess])
    await call(site, APP, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: other.key },
      outwardIssue: { key: pilot.key },
    });
});

/** The transition form of one issue on the page, or undefined. */
function formFor(html: string, key: string): string | undefined {
  return [...html.matchAll(/<form method="post" class="inline"[\s\S]*?<\/form>/g)]
    .map((match) => match[0])
    .find((form) => form.includes(`name="issue" value="${key}"`));
}

test("the pilot's page moves its sub-tasks, review tickets and data-access tickets", async () => {
  const page = await renderIssue(ctx, pilot.key);
  expect(page.status).toBe(200);
  for (const key of [work.key, review.key, dataAccess.key]) {
    const form = formFor(page.html, key);
    expect(form).toContain(`name="back" value="${pilot.key}"`);
    expect(form).toContain('>Done<');
  }
  // SEC's done offers a resolution; TEAM's (team-managed) does not.
  expect(formFor(page.html, review.key)).toMatch(/<select id="r-SEC-\d+" name="resolution">[\s\S]*Declined/);
  expect(formFor(page.html, dataAccess.key)).not.toContain('name="resolution"');
});

test('a review is decided from the pilot page with the resolution chosen', async () => {
  const transitions = await call(
    site,
    APP,
    'GET',
    `/rest/api/3/issue/${review.key}/transitions?expand=transitions.fields`,
  );
  const done = (
    transitions.body['transitions'] as {
      id: string;
      name: string;
      fields: Record<string, { allowedValues: { id: string; name: string }[] }>;
    }[]
  ).find((t) => t.name === 'Done');
  const declined =
    done?.fields['resolution']?.allowedValues.find((value) => value.name === 'Declined')?.id ?? '';
  expect(
    await transitionFromForm(
      ctx,
      new URLSearchParams({
        issue: review.key,
        transition: done?.id ?? '',
        resolution: declined,
        back: pilot.key,
      }),
    ),
  ).toEqual({});
  expect(site.issue(review.key)).toMatchObject({ status: 'Done', resolution: 'Declined' });
  // A resolution chosen for a transition that offers none is not sent (no 400 from Jira).
  expect(
    await transitionFromForm(
      ctx,
      new URLSearchParams({
        issue: dataAccess.key,
        transition: done?.id ?? '',
        resolution: declined,
        back: pilot.key,
      }),
    ),
  ).toEqual({});
  expect(site.issue(dataAccess.key)).toMatchObject({ status: 'Done', resolution: null });
});

test('a refused move comes back as the error Jira gave', async () => {
  const result = await transitionFromForm(
    ctx,
    new URLSearchParams({ issue: work.key, transition: '999', back: pilot.key }),
  );
  expect(result.error).toMatch(/Transition id '999' is not valid/);
});
