/**
 * Shared set-up for the browser tests: Debian's Chromium, and the data a project manager creates
 * through the Jira REST API of the sandbox (the app's own handlers then generate the sub-tasks and
 * reviews and write `pilot-readiness`, exactly as in Jira Cloud).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults, Result } from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import { SANDBOX_USERS } from '../../sandbox/contracts';
import { createSandbox, type Sandbox } from '../../sandbox/server';

export const PM = SANDBOX_USERS.projectManager.accountId;
export const OUTSIDER = SANDBOX_USERS.outsider.accountId;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARTIFACTS = resolve(__dirname, '..', '..', 'test-artifacts');

/** Where screenshots and other artifacts of the browser tests go (gitignored). */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts a sandbox (seed `empty`, on a free port) and Debian's Chromium side by side. If either fails
 * to start, the other is closed again before the error is thrown.
 */
export async function startBrowserSandbox(
  log: (line: string) => void = sandboxLog,
): Promise<{ sandbox: Sandbox; browser: Browser }> {
  const [sandbox, browser] = await Promise.allSettled([
    createSandbox({ seed: 'empty', port: 0, log }),
    launchChromium(),
  ]);
  if (sandbox.status === 'fulfilled' && browser.status === 'fulfilled')
    return { sandbox: sandbox.value, browser: browser.value };
  if (browser.status === 'fulfilled') await browser.value.close();
  if (sandbox.status === 'fulfilled') await sandbox.value.close();
  throw sandbox.status === 'rejected' ? sandbox.reason : (browser as PromiseRejectedResult).reason;
}

/** What {@link useBrowserSandbox} gives a test file; each getter throws if read before it exists. */
export interface BrowserSandbox {
  readonly sandbox: Sandbox;
  readonly browser: Browser;
  /** The context shared by the file's tests (not with `pagePerTest: false`). */
  readonly context: BrowserContext;
  /** A fresh page of `context`, opened before each test and closed after it (not with `pagePerTest: false`). */
  readonly page: Page;
}

export interface BrowserSandboxOptions {
  /** The shared context's viewport; default 1280 × 900. */
  viewport?: { width: number; height: number };
  /** Runs once in the same `beforeAll`, after the sandbox, Chromium and the shared context are up. */
  setup?: (sandbox: Sandbox) => Promise<void>;
  /** `false`: no shared context and no page per test, for files that open their own contexts. */
  pagePerTest?: boolean;
}

/**
 * Registers the jest hooks of a browser test file: a sandbox and Chromium for the whole file (and
 * `setup`), a shared browser context, and a fresh page for each test; everything closed afterwards.
 */
export function useBrowserSandbox(options: BrowserSandboxOptions = {}): BrowserSandbox {
  const pagePerTest = options.pagePerTest ?? true;
  let started: { sandbox: Sandbox; browser: Browser } | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    started = await startBrowserSandbox();
    if (pagePerTest)
      context = await started.browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 900 },
      });
    await options.setup?.(started.sandbox);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await started?.browser.close();
    await started?.sandbox.close();
  });

  if (pagePerTest) {
    beforeEach(async () => {
      page = await ready(context, 'browser context').newPage();
    });

    afterEach(async () => {
      await page?.close();
      page = undefined;
    });
  }

  return {
    get sandbox() {
      return ready(started?.sandbox, 'sandbox');
    },
    get browser() {
      return ready(started?.browser, 'browser');
    },
    get context() {
      return ready(context, 'browser context');
    },
    get page() {
      return ready(page, 'page');
    },
  };
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`No ${what} yet: use it in a test or a hook, after useBrowserSandbox() has started`);
  return value;
}

/** Transition ids of the sandbox's default workflow. */
export const TRANSITION = { toDo: '11', inProgress: '21', done: '31' } as const;

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls the Jira REST API as `accountId` and fails loudly on an unexpected status. */
export async function jira(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  options: { as?: string; expect?: number } = {},
): Promise<Json> {
  const reply = await sandbox.jiraAs(options.as ?? PM, method, path, body);
  const expected = options.expect ?? (method === 'POST' && path === '/rest/api/3/issue' ? 201 : undefined);
  const ok = expected !== undefined ? reply.status === expected : reply.status >= 200 && reply.status < 300;
  if (!ok) throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.json)}`);
  return (reply.json ?? {}) as Json;
}

export async function issueTypeId(sandbox: Sandbox, name: string): Promise<string> {
  const project = await jira(sandbox, 'GET', '/rest/api/3/project/AIP');
  const type = ((project.issueTypes ?? []) as Json[]).find((t) => t.name === name);
  if (!type) throw new Error(`Project AIP has no issue type ${name}`);
  return String(type.id);
}

export async function fieldId(sandbox: Sandbox, name: string): Promise<string> {
  const fields = (await jira(sandbox, 'GET', '/rest/api/3/field')) as unknown as Json[];
  const field = fields.find((f) => f.name === name);
  if (!field) throw new Error(`The site has no field ${name}`);
  return String(field.id);
}

export async function createEpic(sandbox: Sandbox, summary: string): Promise<string> {
  const created = await jira(sandbox, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, summary, issuetype: { id: await issueTypeId(sandbox, 'Epic') } },
  });
  return String(created.key);
}

/** Creates an AI Pilot as the project manager and waits for the app to lay out its production path. */
export async function createPilot(
  sandbox: Sandbox,
  summary: string,
  options: { parent?: string; fields?: Json } = {},
): Promise<string> {
  const created = await jira(sandbox, 'POST', '/rest/api/3/issue', {
    fields: {
      project: { key: 'AIP' },
      summary,
      issuetype: { id: await issueTypeId(sandbox, 'AI Pilot') },
      ...(options.parent ? { parent: { key: options.parent } } : {}),
      ...options.fields,
    },
  });
  await sandbox.idle();
  const key = String(created.key);
  const generated = await subtasksOf(sandbox, key);
  if (generated.length === 0)
    throw new Error(`The app generated no sub-tasks for ${key} (the sandbox's log below says why)`);
  return key;
}

export interface PilotIssues {
  /** Workstream sub-tasks by template row key (`model-validation`, `data-access`, ...). */
  workstreams: Record<string, string>;
  /** Review tickets by kind (`security`, `compliance`, ...). */
  reviews: Record<string, string>;
}

/**
 * An epic with one pilot under it whose workstream sub-tasks and review tickets are moved with the
 * given transition ids (by template row key and by review kind, in order), and, with `dataAccess`, a
 * data-access ticket of that summary linked to it: a pilot with something in every section.
 */
export async function createEpicWithPilot(
  sandbox: Sandbox,
  options: {
    epic: string;
    pilot: string;
    workstreams?: Record<string, string>;
    reviews?: Record<string, string>;
    dataAccess?: string;
  },
): Promise<{ epic: string; pilot: string }> {
  const epic = await createEpic(sandbox, options.epic);
  const pilot = await createPilot(sandbox, options.pilot, { parent: epic });
  const { workstreams, reviews } = await pilotIssues(sandbox, pilot);
  const issue = (keys: Record<string, string>, name: string): string => {
    const key = keys[name];
    if (!key) throw new Error(`${pilot} has no generated issue for ${name}`);
    return key;
  };
  for (const [row, id] of Object.entries(options.workstreams ?? {}))
    await transition(sandbox, issue(workstreams, row), id);
  for (const [kind, id] of Object.entries(options.reviews ?? {}))
    await transition(sandbox, issue(reviews, kind), id);
  if (options.dataAccess) await linkDataAccessTicket(sandbox, pilot, options.dataAccess);
  return { epic, pilot };
}

/** The sub-tasks and review tickets the app generated for a pilot, from their `pilot-pathway-origin`. */
export async function pilotIssues(sandbox: Sandbox, pilotKey: string): Promise<PilotIssues> {
  const pilot = await jira(sandbox, 'GET', `/rest/api/3/issue/${pilotKey}?fields=summary`);
  const search = await jira(sandbox, 'POST', '/rest/api/3/search/jql', {
    jql: `issue.property[pilot-pathway-origin].pilot = "${pilot.id}"`,
    fields: ['summary', 'status'],
    properties: ['pilot-pathway-origin'],
    maxResults: 100,
  });
  const out: PilotIssues = { workstreams: {}, reviews: {} };
  for (const issue of (search.issues ?? []) as Json[]) {
    const origin = issue.properties?.['pilot-pathway-origin'] as Json | undefined;
    if (origin?.row) out.workstreams[origin.row] = issue.key;
    if (origin?.review) out.reviews[origin.review] = issue.key;
  }
  return out;
}

/** The pilot's workstream sub-tasks found the way a user finds them: `parent = KEY`. */
export async function subtasksOf(sandbox: Sandbox, pilotKey: string): Promise<Json[]> {
  const search = await jira(sandbox, 'POST', '/rest/api/3/search/jql', {
    jql: `parent = ${pilotKey} ORDER BY key ASC`,
    fields: ['summary', 'status'],
    maxResults: 100,
  });
  return (search.issues ?? []) as Json[];
}

/** Moves an issue with one workflow transition, as the project manager, and waits for the app. */
export async function transition(sandbox: Sandbox, key: string, transitionId: string): Promise<void> {
  const available = await jira(sandbox, 'GET', `/rest/api/3/issue/${key}/transitions`);
  const ids = ((available.transitions ?? []) as Json[]).map((t) => String(t.id));
  if (!ids.includes(transitionId))
    throw new Error(`${key} offers transitions ${ids.join(', ')}, not ${transitionId}`);
  await jira(
    sandbox,
    'POST',
    `/rest/api/3/issue/${key}/transitions`,
    { transition: { id: transitionId } },
    { expect: 204 },
  );
  await sandbox.idle();
}

/** Files a Jira data-access ticket by hand and links it to the pilot with the *Data access* link type. */
export async function linkDataAccessTicket(
  sandbox: Sandbox,
  pilotKey: string,
  summary: string,
): Promise<string> {
  const ticket = await jira(sandbox, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, summary, issuetype: { id: await issueTypeId(sandbox, 'Task') } },
  });
  await jira(
    sandbox,
    'POST',
    '/rest/api/3/issueLink',
    { type: { name: 'Data access' }, inwardIssue: { key: pilotKey }, outwardIssue: { key: ticket.key } },
    { expect: 201 },
  );
  await sandbox.idle();
  return String(ticket.key);
}

/** The pilot's stored `pilot-readiness` issue property (product.md §10), read via REST. */
export async function storedReadiness(sandbox: Sandbox, pilotKey: string): Promise<Json> {
  const property = await jira(sandbox, 'GET', `/rest/api/3/issue/${pilotKey}/properties/pilot-readiness`);
  return property.value as Json;
}

/** The Production readiness panel's iframe on a host issue page. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[data-module-key="readiness-panel"]');
}

export function meter(frame: FrameLocator): Locator {
  return frame.locator('[role="meter"]');
}

/** Polls a value until it satisfies `check` (no fixed sleeps); the last value is in the error. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/** Opens `/browse/KEY` and waits until the panel's gauge is visible with `aria-valuenow` = `score`. */
export async function openPilotPanel(
  page: Page,
  sandbox: Sandbox,
  key: string,
  query = '',
): Promise<FrameLocator> {
  await page.goto(`${sandbox.url}/browse/${key}${query}`);
  const frame = panelFrame(page);
  await meter(frame).waitFor({ state: 'visible' });
  return frame;
}

export async function meterValue(frame: FrameLocator): Promise<number> {
  return Number(await meter(frame).getAttribute('aria-valuenow'));
}

/** Spec §5: score = 50/8 per workstream credit + 25/5 per review credit + 25 × mean data credit, half up. */
export function specScore(parts: {
  workstreamCredit: number;
  reviewCredit?: number;
  dataCredits?: number[];
}): number {
  const data = parts.dataCredits?.length
    ? parts.dataCredits.reduce((a, b) => a + b, 0) / parts.dataCredits.length
    : 0;
  const raw = (50 / 8) * parts.workstreamCredit + (25 / 5) * (parts.reviewCredit ?? 0) + 25 * data;
  return Math.floor(raw + 0.5);
}

/** The sandbox's log: shown when a test fails (test/support/quiet-environment.ts; `TEST_LOG=all`: always). */
export const sandboxLog = (line: string): void => console.error(line);

// ---------------------------------------------------------------- pages at any width

export const THEMES = ['light', 'dark'] as const;
/** A phone, a tablet or split screen, a desktop. */
export const PAGE_WIDTHS = [420, 768, 1400] as const;

/** axe's serious and critical findings only: the ones a test fails on. */
export function seriousViolations(results: AxeResults): Result[] {
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** axe findings in words, one per rule with up to five of its elements. */
export function axeReport(violations: Result[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n');
}

/** axe on the app's frames only (the host page is the sandbox's, not the app's). */
export async function axeOnFrames(page: Page, frames: string[]): Promise<AxeResults> {
  let builder = new AxeBuilder({ page });
  for (const frame of frames) builder = builder.include([frame, 'html']);
  const results = await builder.analyze();
  // Not vacuous: axe really looked inside every frame asked for.
  for (const frame of frames) {
    // axe names a page's only iframe just `iframe`; every node inside a frame has a two-part target.
    const checked = results.passes
      .flatMap((rule) => rule.nodes)
      .filter((node) => node.target[0] === frame || (frames.length === 1 && node.target.length > 1));
    expect({ frame, checked: checked.length > 5 }).toEqual({ frame, checked: true });
  }
  return results;
}

/** The app's frame of a UI module on a host page (throws when it is not there). */
export function appFrame(page: Page, moduleKey: string): Frame {
  const frame = page.frames().find((f) => f.url().includes(`moduleKey=${moduleKey}`));
  if (!frame) throw new Error(`No frame of ${moduleKey} on ${page.url()}`);
  return frame;
}

/**
 * What a reader of a page would notice at its width, in words (empty when it reads well): the page
 * scrolls sideways; a box cuts off what it holds; a word is broken over lines although it fits its
 * box (a column too narrow for "104"); a table's value or its column's name is hidden or outside
 * the frame (in the table's header, or beside the value where the table is laid out as cards).
 */
export function layoutProblems(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    const frameWidth = root.clientWidth;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return (
        element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
        box.width > 0 &&
        box.height > 0 &&
        box.left >= -1 &&
        box.right <= frameWidth + 1
      );
    };

    if (root.scrollWidth > frameWidth + 1)
      problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${frameWidth}px`);

    for (const element of document.querySelectorAll('body *')) {
      if (element.matches('input, textarea, select, .visually-hidden, .visually-hidden *')) continue;
      const style = getComputedStyle(element);
      if (style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1)
        problems.push(
          `${name(element)} cuts off ${element.scrollWidth - element.clientWidth}px of what it holds`,
        );
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !parent.checkVisibility() || parent.closest('.visually-hidden, svg')) continue;
      const box = parent.closest('td, th, p, li, span, div, label, dd, dt, h1, h2, h3, button, a') ?? parent;
      // Words as a line breaks them: a hyphen or a slash is a fine place to break.
      for (const match of (node.textContent ?? '').matchAll(/[^\s\-‐–—/]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        const wordWidth = rects.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && wordWidth <= box.clientWidth)
          problems.push(
            `"${match[0]}" is broken over ${lines.size} lines in ${name(box)} (${box.clientWidth}px)`,
          );
      }
    }

    for (const table of document.querySelectorAll('table')) {
      const headers = [...table.querySelectorAll('thead th')];
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, column) => {
          const label = cell.querySelector(':scope > .cell-label');
          const header = label && shown(label) ? label : headers[column];
          // A header read only by screen readers ("Remove") names a column whose values say it themselves.
          const headerText = header
            ? [...header.childNodes]
                .filter((child) => !(child instanceof Element && child.matches('.visually-hidden')))
                .map((child) => child.textContent ?? '')
                .join('')
                .trim()
            : '';
          if (headerText !== '' && header && !shown(header))
            problems.push(
              `the column "${headerText}" has no visible name for ${name(row.children[0] ?? row)}`,
            );
          const value = [...cell.children].find((child) => !child.matches('.cell-label')) ?? cell;
          if ((value.textContent ?? '').trim() !== '' && !shown(value))
            problems.push(`${name(value)} in the column "${headerText}" is hidden or outside the frame`);
        });
      }
    }
    return problems;
  });
}

/**
 * Goes through the frame with the Tab key alone, from the host page, and says which focused element
 * a keyboard user could not see (hidden, or outside the frame). Returns what got focus, in order.
 */
export async function tabThrough(
  page: Page,
  frame: Frame,
  maxPresses = 400,
): Promise<{ focused: string[]; unseen: string[] }> {
  const focused: string[] = [];
  const unseen: string[] = [];
  let entered = false;
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    const now = await frame.evaluate(() => {
      if (!document.hasFocus()) return null;
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const box = element.getBoundingClientRect();
      const label =
        element.getAttribute('aria-label') ??
        (
          (element as HTMLInputElement).labels?.[0]?.textContent ||
          element.textContent ||
          element.tagName
        ).trim();
      return {
        label: `${element.tagName.toLowerCase()} "${label.slice(0, 40)}"`,
        seen:
          element.checkVisibility() &&
          box.width > 0 &&
          box.height > 0 &&
          box.left >= -1 &&
          box.right <= document.documentElement.clientWidth + 1,
      };
    });
    if (now === null) {
      if (entered) break;
      continue;
    }
    entered = true;
    focused.push(now.label);
    if (!now.seen) unseen.push(now.label);
  }
  return { focused, unseen };
}

/** How a page reads at its current width: layout problems, serious axe findings, unseen focus. */
export async function pageReport(
  page: Page,
  moduleKey: string,
): Promise<{ layout: string[]; axe: string; focused: string[]; unseenFocus: string[] }> {
  const frame = appFrame(page, moduleKey);
  const layout = await layoutProblems(frame);
  const axe = axeReport(
    seriousViolations(await axeOnFrames(page, [`iframe[data-module-key="${moduleKey}"]`])),
  );
  const { focused, unseen } = await tabThrough(page, frame);
  return { layout, axe, focused, unseenFocus: unseen };
}
