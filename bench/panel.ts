/**
 * The panel benchmark (`npx tsx bench/panel.ts`, after `node scripts/build.js`): prints, with the
 * budget and PASS/FAIL per line,
 *
 *  - the gzip size of the built Custom UI (every file of static/app/dist) and of the JS + CSS the
 *    panel page actually loads in the sandbox (budget: under 150 KB gzip);
 *  - the panel's time to first render in Debian's Chromium: from navigation start of /browse/KEY to
 *    the gauge (`role="meter"`) in the panel iframe, median of 5 runs after one warm-up
 *    (budget: under 1 s on this machine);
 *  - the Jira calls the app makes to render the panel once (GET /__sandbox/metrics after
 *    POST /__sandbox/metrics/reset), for the whole issue page and for the panel alone.
 *
 * A benchmark prints; it asserts nothing. The last line is a JSON summary. CHROMIUM_PATH overrides
 * /usr/bin/chromium; RUNS overrides the 5 measured runs.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/server';
import {
  TRANSITION,
  createEpicWithPilot,
  meter,
  panelFrame,
  startBrowserSandbox,
} from '../test/browser/helpers';
import { filesUnder, gzipSize } from './bundle-size';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'static', 'app', 'dist');
const BUNDLE_BUDGET = 150 * 1024;
const RENDER_BUDGET_MS = 1000;
const RUNS = Number(process.env.RUNS ?? 5);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const line = (text = '') => process.stdout.write(`${text}\n`);

interface Sizes {
  allFiles: number;
  loaded: number;
  loadedFiles: string[];
}

function printBundle(loadedFiles: string[]): Sizes {
  const rows = filesUnder(DIST)
    .map((path) => ({
      file: relative(DIST, path),
      raw: statSync(path).size,
      gzip: gzipSize(path),
      loaded: loadedFiles.includes(relative(DIST, path)),
    }))
    .sort((a, b) => b.gzip - a.gzip);
  const width = Math.max(...rows.map((r) => r.file.length), 24);
  line('Panel bundle (static/app/dist), gzip -9');
  for (const row of rows)
    line(
      `  ${row.file.padEnd(width)} ${kb(row.raw).padStart(9)} raw ${kb(row.gzip).padStart(9)} gzip${row.loaded ? '  (loaded by the panel page)' : ''}`,
    );
  const allFiles = rows.reduce((sum, r) => sum + r.gzip, 0);
  const loaded = rows
    .filter((r) => r.loaded && /\.(js|css)$/.test(r.file))
    .reduce((sum, r) => sum + r.gzip, 0);
  line(
    `  ${'all files'.padEnd(width)} ${kb(allFiles).padStart(23)} gzip  budget < ${kb(BUNDLE_BUDGET)}  ${verdict(allFiles < BUNDLE_BUDGET)}`,
  );
  line(
    `  ${'JS + CSS the panel loads'.padEnd(width)} ${kb(loaded).padStart(23)} gzip  budget < ${kb(BUNDLE_BUDGET)}  ${verdict(loaded < BUNDLE_BUDGET)}`,
  );
  return { allFiles, loaded, loadedFiles };
}

/** Records, inside the panel iframe, when the gauge first appears (epoch ms, high resolution). */
const MARK_METER = `(() => {
  if (!location.pathname.startsWith('/__app/static/') || !location.search.includes('moduleKey=readiness-panel')) return;
  const mark = () => {
    if (window.__meterAt === undefined && document.querySelector('[role="meter"]'))
      window.__meterAt = performance.timeOrigin + performance.now();
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true });
})();`;

interface RenderRun {
  /** Navigation start of /browse/KEY → the meter in the DOM of the panel iframe (in-page clocks). */
  inPageMs: number;
  /** page.goto() called → Playwright saw the meter visible (includes Playwright's own overhead). */
  wallMs: number;
}

async function renderOnce(browser: Browser, url: string): Promise<RenderRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(MARK_METER);
  const page = await context.newPage();
  try {
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    const frame = panelFrame(page);
    await meter(frame).waitFor({ state: 'visible' });
    const wallMs = performance.now() - started;
    const navigationStart = await page.evaluate(() => performance.timeOrigin);
    const panel = page.frames().find((f) => f.url().includes('moduleKey=readiness-panel'));
    const meterAt = await panel?.evaluate(() => (window as { __meterAt?: number }).__meterAt);
    if (meterAt === undefined) throw new Error('The panel iframe recorded no meter');
    return { inPageMs: meterAt - navigationStart, wallMs };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function loadedAssets(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = new Set<string>();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/__app/static/app/'))
      seen.add(path.slice('/__app/static/app/'.length) || 'index.html');
  });
  await page.goto(url);
  await meter(panelFrame(page)).waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  return [...seen].sort();
}

interface CallCount {
  calls: number;
  points: number;
  byOperation: Record<string, number>;
}

async function jiraCallsFor(sandbox: Sandbox, render: () => Promise<void>): Promise<CallCount> {
  await sandbox.idle();
  await fetch(`${sandbox.url}/__sandbox/metrics/reset`, { method: 'POST' });
  await render();
  await sandbox.idle();
  const metrics = (await (await fetch(`${sandbox.url}/__sandbox/metrics`)).json()) as {
    jira: { calls: number; points: number; byOperation?: Record<string, unknown> };
  };
  const byOperation = Object.fromEntries(
    Object.entries(metrics.jira.byOperation ?? {}).map(([op, value]) => [
      op,
      typeof value === 'number' ? value : Number((value as { calls?: number }).calls ?? 0),
    ]),
  );
  return { calls: metrics.jira.calls, points: metrics.jira.points, byOperation };
}

async function openAndWait(
  browser: Browser,
  url: string,
  selector: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await selector(page);
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    process.stderr.write('No build in static/app/dist: run `node scripts/build.js` first.\n');
    process.exit(1);
  }
  const { sandbox, browser } = await startBrowserSandbox(() => undefined);
  try {
    // A pilot with something in every section, under an epic, made as a project manager would.
    const { epic, pilot: key } = await createEpicWithPilot(sandbox, {
      epic: 'Benchmark pilots',
      pilot: 'Claims summarisation copilot',
      workstreams: { 'model-validation': TRANSITION.done, 'data-access': TRANSITION.inProgress },
      reviews: { security: TRANSITION.inProgress },
      dataAccess: 'Data access: claims history',
    });
    const url = `${sandbox.url}/browse/${key}`;

    const sizes = printBundle(await loadedAssets(browser, url));

    line();
    line(`Time to first render: navigation start of /browse/${key} → gauge in the panel iframe`);
    await renderOnce(browser, url); // warm-up
    const runs: RenderRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await renderOnce(browser, url));
    const inPage = median(runs.map((r) => r.inPageMs));
    const wall = median(runs.map((r) => r.wallMs));
    line(`  runs (in-page clocks)     ${runs.map((r) => `${Math.round(r.inPageMs)}`).join(', ')} ms`);
    line(`  runs (Playwright, wall)   ${runs.map((r) => `${Math.round(r.wallMs)}`).join(', ')} ms`);
    line(
      `  median (in-page)          ${`${Math.round(inPage)} ms`.padStart(8)}  budget < ${RENDER_BUDGET_MS} ms  ${verdict(inPage < RENDER_BUDGET_MS)}`,
    );
    line(
      `  median (wall)             ${`${Math.round(wall)} ms`.padStart(8)}  budget < ${RENDER_BUDGET_MS} ms  ${verdict(wall < RENDER_BUDGET_MS)}`,
    );

    line();
    line('Jira calls by the app to render once (GET /__sandbox/metrics after POST /__sandbox/metrics/reset)');
    const page = await jiraCallsFor(sandbox, () =>
      openAndWait(browser, url, async (p) => {
        await meter(panelFrame(p)).waitFor();
        await meter(p.frameLocator('iframe[data-module-key="readiness-context"]')).waitFor();
      }),
    );
    const src = await (async () => {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(url);
      const value = await p.locator('iframe[data-module-key="readiness-panel"]').getAttribute('src');
      await context.close();
      return value as string;
    })();
    const panelOnly = await jiraCallsFor(sandbox, () =>
      openAndWait(browser, `${sandbox.url}${src}`, (p) => p.locator('[role="meter"]').waitFor()),
    );
    const epicView = await jiraCallsFor(sandbox, () =>
      openAndWait(browser, `${sandbox.url}/browse/${epic}`, (p) =>
        panelFrame(p).getByRole('list', { name: 'Pilots per band' }).waitFor(),
      ),
    );
    const show = (label: string, count: CallCount) => {
      line(
        `  ${label.padEnd(58)} ${String(count.calls).padStart(3)} calls ${String(count.points).padStart(4)} points`,
      );
      for (const [op, calls] of Object.entries(count.byOperation).sort((a, b) => b[1] - a[1]))
        line(`      ${String(calls).padStart(3)}  ${op}`);
    };
    show('issue page (panel + issue context + lozenge)', page);
    show('the panel alone (its iframe, one getPanel)', panelOnly);
    show('epic page (roll-up panel + issue context + lozenge)', epicView);

    line(
      JSON.stringify({
        panelBench: {
          bundleGzipBytes: sizes.allFiles,
          loadedGzipBytes: sizes.loaded,
          loadedFiles: sizes.loadedFiles,
          firstRenderMedianMs: Math.round(inPage),
          firstRenderWallMedianMs: Math.round(wall),
          runsMs: runs.map((r) => Math.round(r.inPageMs)),
          jiraCalls: { issuePage: page.calls, panel: panelOnly.calls, epicPage: epicView.calls },
        },
      }),
    );
  } finally {
    await browser.close();
    await sandbox.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
