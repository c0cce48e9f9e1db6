/**
 * The epic roll-up (product.md §11) in Debian's Chromium: an epic groups four pilots, one per band,
 * built by the project manager through the Jira REST API. The panel on `/browse/EPIC` must agree
 * with the pilots' own stored `pilot-readiness`: count per band, mean and lowest score, and each
 * pilot listed with its score and band.
 */
import type { FrameLocator } from 'playwright-core';
import { DEFAULT_TEMPLATE } from '../../src/domain/default-template';
import {
  type Json,
  TRANSITION,
  createEpic,
  createPilot,
  issueTypeId,
  jira,
  linkDataAccessTicket,
  meter,
  panelFrame,
  pilotIssues,
  specScore,
  storedReadiness,
  transition,
  useBrowserSandbox,
} from './helpers';

const BANDS = ['ready', 'on-track', 'at-risk', 'purgatory'] as const;
const BAND_LABEL: Record<string, string> = {
  ready: 'Ready',
  'on-track': 'On track',
  'at-risk': 'At risk',
  purgatory: 'Purgatory',
};

interface Pilot {
  key: string;
  /** What product.md §5 and §9 give for the state the test built. */
  score: number;
  band: (typeof BANDS)[number];
  stored?: Json;
}

let epic: string;
let otherChild: string;
let unparentedPilot: string;
const pilots: Pilot[] = [];

function inDays(days: number): string {
  return new Date(env.sandbox.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Due date set, a data-access ticket filed (requested), security/compliance/legal reviews in
 * progress: diagnostic questions 2, 3, 6 answer yes once the workstreams below move.
 */
async function engagedPilot(summary: string, moves: Record<string, string>): Promise<string> {
  const key = await createPilot(env.sandbox, summary, { parent: epic, fields: { duedate: inDays(90) } });
  const { workstreams, reviews } = await pilotIssues(env.sandbox, key);
  await linkDataAccessTicket(env.sandbox, key, `Data access: ${summary}`);
  for (const kind of ['security', 'compliance', 'legal'])
    await transition(env.sandbox, reviews[kind] as string, TRANSITION.inProgress);
  for (const [row, id] of Object.entries(moves))
    await transition(env.sandbox, workstreams[row] as string, id);
  return key;
}

const env = useBrowserSandbox({
  setup: async (sandbox) => {
    epic = await createEpic(sandbox, 'Customer operations AI pilots');

    // purgatory: nothing done, 7 of 7 diagnostic answers are no.
    pilots.push({
      key: await createPilot(sandbox, 'Fresh pilot', { parent: epic }),
      score: 0,
      band: 'purgatory',
    });

    // at-risk: 3 workstreams in progress (1.5), 3 reviews in progress (1.5), 1 ticket requested (0.25):
    // 9.375 + 7.5 + 6.25 = 23.125 → 23; only questions 1 and 4 answer no, so not purgatory.
    const { inProgress, done } = TRANSITION;
    pilots.push({
      key: await engagedPilot('Engaged pilot', {
        'data-access': inProgress,
        infrastructure: inProgress,
        'change-management': inProgress,
      }),
      score: specScore({ workstreamCredit: 1.5, reviewCredit: 1.5, dataCredits: [0.25] }),
      band: 'at-risk',
    });

    // on-track: every workstream done (8), 3 reviews in progress, 1 ticket requested: 63.75 → 64.
    const allDone = Object.fromEntries(DEFAULT_TEMPLATE.rows.map((row) => [row.key, done]));
    pilots.push({
      key: await engagedPilot('Building pilot', allDone),
      score: specScore({ workstreamCredit: 8, reviewCredit: 1.5, dataCredits: [0.25] }),
      band: 'on-track',
    });

    // ready: every workstream done, every review approved, the data-access ticket approved.
    const readyKey = await createPilot(sandbox, 'Graduating pilot', {
      parent: epic,
      fields: { duedate: inDays(90) },
    });
    const ready = await pilotIssues(sandbox, readyKey);
    for (const key of [...Object.values(ready.workstreams), ...Object.values(ready.reviews)])
      await transition(sandbox, key, done);
    await transition(sandbox, await linkDataAccessTicket(sandbox, readyKey, 'Data access: graduating'), done);
    pilots.push({ key: readyKey, score: 100, band: 'ready' });

    // Neither of these belongs in the roll-up: a plain task under the epic, a pilot under no epic.
    const task = await jira(sandbox, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AIP' },
        summary: 'Vendor shortlist',
        issuetype: { id: await issueTypeId(sandbox, 'Task') },
        parent: { key: epic },
      },
    });
    otherChild = String(task.key);
    unparentedPilot = await createPilot(sandbox, 'Pilot under no epic');
    await sandbox.idle();

    for (const pilot of pilots) pilot.stored = await storedReadiness(sandbox, pilot.key);
  },
});

async function openEpicPanel(): Promise<FrameLocator> {
  await env.page.goto(`${env.sandbox.url}/browse/${epic}`);
  const frame = panelFrame(env.page);
  await frame.getByRole('list', { name: 'Pilots per band' }).waitFor();
  return frame;
}

async function text(frame: FrameLocator, selector: string): Promise<string> {
  return ((await frame.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

test('each pilot stores the score and band the spec gives for its state', () => {
  expect(pilots.map((p) => ({ key: p.key, score: p.stored?.score, band: p.stored?.band }))).toEqual(
    pilots.map((p) => ({ key: p.key, score: p.score, band: p.band })),
  );
});

test('the epic panel counts pilots per band, and shows the mean and the lowest score, as stored', async () => {
  const stored = pilots.map((p) => ({ key: p.key, score: p.stored?.score as number, band: p.stored?.band }));
  const frame = await openEpicPanel();
  // No gauge on an epic: the roll-up is counts and scores.
  expect(await meter(frame).count()).toBe(0);
  expect(await text(frame, 'h1')).toBe(`${stored.length} pilots under ${epic}`);

  const counts = frame.getByRole('list', { name: 'Pilots per band' });
  for (const band of BANDS) {
    const item = counts.locator(`[data-band="${band}"]`);
    const expected = stored.filter((p) => p.band === band).length;
    expect(await item.locator('.band-count-number').textContent()).toBe(String(expected));
    expect(await item.locator('.band-count-label').textContent()).toBe(BAND_LABEL[band]);
  }
  // One pilot per band: the counts above are not trivially all equal to the total.
  expect(new Set(stored.map((p) => p.band)).size).toBe(4);

  const mean = stored.reduce((sum, p) => sum + p.score, 0) / stored.length;
  const shownMean = Number(await text(frame, '[data-testid="mean-score"]'));
  expect(Math.abs(shownMean - mean)).toBeLessThanOrEqual(0.5);

  const lowest = Math.min(...stored.map((p) => p.score));
  const lowestKeys = stored.filter((p) => p.score === lowest).map((p) => p.key);
  const lowestCell = frame.locator('[data-testid="lowest-score"]');
  expect((await lowestCell.textContent())?.trim().split(/\s+/)[0]).toBe(String(lowest));
  expect(lowestKeys).toContain(((await lowestCell.getByRole('link').textContent()) ?? '').trim());
});

test('the epic panel lists each of its pilots with its stored score and band, and nothing else', async () => {
  const frame = await openEpicPanel();
  const rows = frame.locator('.pilot-row');
  expect(await rows.count()).toBe(pilots.length);
  for (const pilot of pilots) {
    const row = rows.filter({ has: frame.getByRole('link', { name: pilot.key, exact: true }) });
    expect(await row.count()).toBe(1);
    const meta = ((await row.locator('.meta').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(meta).toContain(`Score ${pilot.stored?.score}`);
    expect(await row.locator('.lozenge').first().textContent()).toBe(BAND_LABEL[pilot.stored?.band]);
  }
  const body = (await frame.locator('body').textContent()) ?? '';
  expect(body).not.toMatch(new RegExp(`\\b${otherChild}\\b`));
  expect(body).not.toMatch(new RegExp(`\\b${unparentedPilot}\\b`));
});

test("the epic's issue context agrees with its panel", async () => {
  await openEpicPanel();
  const side = env.page.frameLocator('iframe[data-module-key="readiness-context"]');
  await side.getByRole('list', { name: 'Pilots per band' }).waitFor();
  for (const band of BANDS) {
    const expected = pilots.filter((p) => p.stored?.band === band).length;
    expect(await side.locator(`[data-band="${band}"] .band-count-number`).textContent()).toBe(
      String(expected),
    );
  }
  const lowest = Math.min(...pilots.map((p) => p.stored?.score as number));
  expect((await side.locator('[data-testid="lowest-score"]').textContent())?.trim()).toMatch(
    new RegExp(`^${lowest}\\b`),
  );
});
