/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App, surfaceOf } from './App';
import { expectNoAxeViolations } from './test-support/axe';
import { answer, getContext, invoke, resetBridge } from './test-support/bridge-mock';
import { PEOPLE, epicView, pilotView, portfolioRow, portfolioView } from './test-support/fixtures';

jest.mock('@forge/bridge', () => jest.requireActual('./test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

function inModule(moduleKey: string, type = 'jira:issuePanel') {
  getContext.mockResolvedValue({ moduleKey, extension: { type, issue: { key: 'AIP-4' } } });
}

/** Lets a test hold the resolver answer back, to look at the loading state. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('surfaceOf', () => {
  it('routes on the module key, then on the extension type', () => {
    expect(surfaceOf({ moduleKey: 'readiness-panel', extensionType: null })).toBe('panel');
    expect(surfaceOf({ moduleKey: 'readiness-context', extensionType: null })).toBe('context');
    expect(surfaceOf({ moduleKey: 'portfolio-page', extensionType: null })).toBe('portfolio');
    expect(surfaceOf({ moduleKey: 'admin-page', extensionType: null })).toBe('admin');
    expect(surfaceOf({ moduleKey: 'renamed', extensionType: 'jira:issueContext' })).toBe('context');
    expect(surfaceOf({ moduleKey: null, extensionType: 'jira:adminPage' })).toBe('admin');
    expect(surfaceOf({ moduleKey: null, extensionType: null })).toBe('panel');
  });
});

describe('App', () => {
  it('warns about a pilot date it cannot use, naming the field, in the panel and the issue context', async () => {
    const dateWarnings = [
      { field: 'Kickoff date', message: 'Kickoff date 9999-12-29 is more than 5 years away.' },
    ];
    for (const moduleKey of ['readiness-panel', 'readiness-context']) {
      inModule(moduleKey, moduleKey === 'readiness-panel' ? 'jira:issuePanel' : 'jira:issueContext');
      answer({ getPanel: { ok: true, data: pilotView({ dateWarnings }) } });
      const { unmount } = render(<App />);
      expect(await screen.findByText('Fix the Kickoff date field:')).toBeTruthy();
      expect(screen.getByText(/9999-12-29 is more than 5 years away/)).toBeTruthy();
      unmount();
    }
  });

  it('shows a skeleton while loading, then the pilot panel', async () => {
    inModule('readiness-panel');
    const pending = deferred<unknown>();
    invoke.mockReturnValue(pending.promise);
    const { container } = render(<App />);
    expect(await screen.findByText('Loading production readiness…')).toBeTruthy();
    expect(container.querySelector('.skeleton .gauge-svg')).not.toBeNull();
    expect(invoke).toHaveBeenCalledWith('getPanel', {});

    pending.resolve({ ok: true, data: pilotView() });
    const meter = await screen.findByRole('meter');
    expect(meter.getAttribute('aria-valuetext')).toBe('44 of 100, at risk');
    expect(screen.getByText('Below 50: the production path is less than half done.')).toBeTruthy();
    for (const name of [
      'Kill clock',
      'Graduation gates',
      'Data access',
      'Purgatory diagnostic',
      'Production spec',
    ]) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    expect(screen.queryByRole('button', { name: 'Grant a waiver' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry generation' })).toBeNull();
  });

  it('offers the waiver form only to those who may waive', async () => {
    inModule('readiness-panel');
    answer({ getPanel: { ok: true, data: pilotView({ canWaive: true }) } });
    render(<App />);
    const toggle = await screen.findByRole('button', { name: 'Grant a waiver' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('form', { name: 'Grant a waiver' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Grant a waiver' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('asks who may waive only when the form is opened, and tells a member plainly', async () => {
    inModule('readiness-panel');
    answer({
      getPanel: { ok: true, data: pilotView({ canWaive: false, checkRights: true }) },
      checkGovernanceRights: {
        ok: true,
        data: {
          canWaive: false,
          canDecide: false,
          deciders: 'Deciders: Jira admins and members of ai-review-board.',
        },
      },
    });
    render(<App />);
    const toggle = await screen.findByRole('button', { name: 'Grant a waiver' });
    // A view asks nothing: the check waits for the form to be opened.
    expect(invoke.mock.calls.map(([key]) => key)).not.toContain('checkGovernanceRights');
    fireEvent.click(toggle);
    expect(invoke.mock.calls.map(([key]) => key)).toContain('checkGovernanceRights');
    const said = await screen.findByText('Deciders: Jira admins and members of ai-review-board.');
    expect(said.getAttribute('role')).toBe('status');
    expect(screen.queryByRole('form', { name: 'Grant a waiver' })).toBeNull();
  });

  it('opens the waiver form once the check says the viewer may waive', async () => {
    inModule('readiness-panel');
    answer({
      getPanel: { ok: true, data: pilotView({ canWaive: false, checkRights: true }) },
      checkGovernanceRights: { ok: true, data: { canWaive: true, canDecide: true, deciders: '' } },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Grant a waiver' }));
    expect(await screen.findByRole('form', { name: 'Grant a waiver' })).toBeTruthy();
  });

  it('updates the panel with the view a data-access request returns', async () => {
    inModule('readiness-panel');
    const after = pilotView({ readiness: { ...pilotView().readiness, score: 47 } });
    answer({
      getPanel: { ok: true, data: pilotView() },
      requestDataAccess: { ok: true, data: { key: 'AIP-21', view: after } },
      findPeople: { ok: true, data: PEOPLE },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Request data access' }));
    fireEvent.change(screen.getByLabelText('Data source'), { target: { value: 'Warehouse' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Data steward' }), { target: { value: 'pat' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Pat Pathway' }));
    fireEvent.change(screen.getByLabelText('Justification'), { target: { value: 'Needed for training' } });
    fireEvent.click(screen.getByRole('button', { name: 'File request' }));
    await waitFor(() => expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('47'));
    const filed = screen.getAllByRole('status').find((status) => status.textContent?.includes('filed'));
    expect(filed?.textContent).toBe('Data-access request AIP-21 filed.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Request data access' }));
  });

  it('shows generation problems with a retry that refreshes the panel', async () => {
    inModule('readiness-panel');
    answer({
      getPanel: {
        ok: true,
        data: pilotView({ generationProblems: ['Legal review: project LEGAL does not exist'] }),
      },
      retryGeneration: { ok: true, data: pilotView() },
    });
    render(<App />);
    expect(await screen.findByText('Legal review: project LEGAL does not exist')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry generation' }));
    await waitFor(() => expect(screen.queryByText('Legal review: project LEGAL does not exist')).toBeNull());
    expect(invoke).toHaveBeenCalledWith('retryGeneration', {});
  });

  it('names the deleted workstreams and reviews, and restores them on request', async () => {
    inModule('readiness-panel');
    const base = pilotView();
    const missing = pilotView({
      missing: { workstreams: ['model-validation'], reviews: ['legal'] },
      workstreams: base.workstreams.map((row) =>
        row.row === 'model-validation' ? { ...row, key: null, state: null } : row,
      ),
    });
    answer({ getPanel: { ok: true, data: missing }, restoreMissingWork: { ok: true, data: base } });
    render(<App />);
    const section = await screen.findByRole('region', { name: 'Missing from the production path' });
    expect(within(section).getByText('Model development & validation')).toBeTruthy();
    expect(within(section).getByText('Legal review')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Restore' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Missing from the production path' })).toBeNull(),
    );
    expect(invoke).toHaveBeenCalledWith('restoreMissingWork', {});
  });

  it('edits the milestone dates, sending only what changed, and shows a refusal by its field', async () => {
    inModule('readiness-panel');
    const base = pilotView();
    const [, second] = base.milestones;
    answer({
      getPanel: { ok: true, data: base },
      saveMilestoneDates: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The milestone dates were not saved: fix the marked entries.',
          fieldErrors: { [second!.key]: 'Integration testing would be before Demo sign-off' },
        },
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit milestone dates' }));
    const form = screen.getByRole('form', { name: 'Milestone dates' });
    fireEvent.change(within(form).getByLabelText(second!.name), { target: { value: '2026-01-05' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Integration testing would be before Demo sign-off')).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('saveMilestoneDates', { overrides: { [second!.key]: '2026-01-05' } });
  });

  it('shows a failed load in plain words and tries again on request', async () => {
    inModule('readiness-panel');
    let calls = 0;
    answer({
      getPanel: () =>
        ++calls === 1
          ? {
              ok: false,
              error: { code: 'no-permission', message: "You don't have permission to see AIP-4." },
            }
          : { ok: true, data: pilotView() },
    });
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe("You don't have permission to see AIP-4.");
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('meter')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('says since when ServiceNow is unreachable', async () => {
    inModule('readiness-panel');
    answer({
      getPanel: {
        ok: false,
        error: {
          code: 'servicenow-unreachable',
          message: 'ServiceNow cannot be reached.',
          since: '2026-03-14T08:30:00.000Z',
        },
      },
    });
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'ServiceNow cannot be reached. (unreachable since 14 Mar 2026, 08:30 UTC)',
    );
  });

  it('offers to generate a pilot that is not generated yet', async () => {
    inModule('readiness-panel');
    answer({
      getPanel: { ok: false, error: { code: 'not-generated', message: 'AIP-4 has no production path yet.' } },
      retryGeneration: { ok: true, data: pilotView() },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry generation' }));
    expect(await screen.findByRole('meter')).toBeTruthy();
  });

  it('answers a malformed resolver reply with a sentence', async () => {
    inModule('readiness-panel');
    answer({ getPanel: { body: 'oops' } });
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toContain('does not understand');
  });

  it('shows the compact view in the issue context', async () => {
    inModule('readiness-context', 'jira:issueContext');
    answer({ getPanel: { ok: true, data: pilotView() } });
    const { container } = render(<App />);
    const meter = await screen.findByRole('meter');
    expect(meter.getAttribute('aria-valuetext')).toBe('44 of 100, at risk');
    expect(container.textContent).toContain('1 of 3 gates passed');
    expect(screen.queryByRole('region', { name: 'Production spec' })).toBeNull();
  });

  it('shows the epic roll-up on an epic', async () => {
    inModule('readiness-panel');
    answer({ getPanel: { ok: true, data: epicView() } });
    render(<App />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('4 pilots under AIP-1');
  });

  it('shows the admin page to an admin, and only the refusal to anyone else', async () => {
    inModule('admin-page', 'jira:adminPage');
    answer({
      getConfiguration: {
        ok: false,
        error: { code: 'no-permission', message: 'Only a Jira admin can change Pilot Pathway settings.' },
      },
    });
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toContain('Only a Jira admin');
    expect(screen.queryByRole('form')).toBeNull();
    expect(invoke).toHaveBeenCalledWith('getConfiguration', {});
  });

  it('shows the portfolio: filters by band and lists the kill list', async () => {
    inModule('portfolio-page', 'jira:projectPage');
    answer({
      getPortfolio: { ok: true, data: portfolioView() },
      getOwnerQueue: { ok: true, data: { team: 'Data science team', entries: [], nextPageToken: null } },
    });
    render(<App />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Pilot portfolio of AIP');
    expect(screen.getByRole('button', { name: 'Decide on AIP-2' })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Band' }), { target: { value: 'purgatory' } });
    const table = screen.getByRole('table', { name: 'Pilots' });
    expect(table.textContent).toContain('AIP-2');
    expect(table.textContent).not.toContain('AIP-1');
    expect(table.textContent).toContain('2 of 7 yesheading to purgatory: fix the no answers');
  });

  it("shows the seeds' scorecard in the panel and the issue context", async () => {
    inModule('readiness-panel');
    answer({ getPanel: { ok: true, data: pilotView() } });
    const panel = render(<App />);
    expect((await screen.findByText(/The seeds' scorecard/)).closest('p')?.textContent).toBe(
      "The seeds' scorecard: 5 of 7 yes: keep going: fix the remaining no answers.",
    );
    panel.unmount();

    inModule('readiness-context', 'jira:issueContext');
    answer({ getPanel: { ok: true, data: pilotView() } });
    const { container } = render(<App />);
    await screen.findByRole('meter');
    expect(container.querySelector('.scorecard')?.textContent).toBe(
      '5 of 7 yeskeep going: fix the remaining no answers',
    );
  });

  it('records a value review from the portfolio: outcome, measured values and note, focus on the outcome', async () => {
    inModule('portfolio-page', 'jira:projectPage');
    const due = {
      key: 'AIP-7',
      summary: 'Claims triage',
      goLiveDate: '2026-01-01',
      opensOn: '2026-04-01',
      overdue: true,
      successMetrics: [
        { name: 'Claims triaged a day', target: 400, unit: 'claims', definedOn: '2025-11-01' },
        { name: 'Accuracy', target: 0.9, unit: '', definedOn: '2025-11-01' },
      ],
    };
    let reads = 0;
    answer({
      getPortfolio: () => ({
        ok: true,
        data: portfolioView({ valueReviews: reads++ === 0 ? [due] : [] }),
      }),
      getOwnerQueue: { ok: true, data: { team: 'Data science team', entries: [], nextPageToken: null } },
      recordValueReview: (payload: unknown) => ({
        ok: true,
        data: {
          key: 'AIP-7',
          summary: 'Claims triage',
          readiness: pilotView().readiness,
          review: {
            outcome: (payload as { review: { outcome: string } }).review.outcome,
            measured: [],
            note: '',
            reviewedBy: 'me',
            reviewedOn: '2026-04-02',
          },
        },
      }),
    });
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Pilots awaiting a value review' });
    expect(list.textContent).toContain('live since 1 Jan 2026; review due since 1 Apr 2026');
    fireEvent.click(screen.getByRole('button', { name: 'Review value of AIP-7' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Partly delivering' }));
    fireEvent.change(screen.getByLabelText('Measured Claims triaged a day'), { target: { value: '310' } });
    fireEvent.change(screen.getByLabelText('Measured Accuracy'), { target: { value: '0.93' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Second region onboarding' } });
    expect(screen.getByText('Target 400 claims')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Record value review' }));
    await waitFor(() =>
      expect(screen.getByText('No live pilot is waiting for its value review.')).toBeTruthy(),
    );
    expect(invoke).toHaveBeenCalledWith('recordValueReview', {
      pilotKey: 'AIP-7',
      review: {
        outcome: 'partly',
        measured: [
          { metric: 'Claims triaged a day', value: 310 },
          { metric: 'Accuracy', value: 0.93 },
        ],
        note: 'Second region onboarding',
      },
    });
    const outcome = screen.getByText('Value review recorded on AIP-7: Partly delivering.');
    expect(outcome.closest('[role="status"]')?.contains(document.activeElement)).toBe(true);
  });

  it('offers the value review only to a decider, and shows the funnel past the gates', async () => {
    inModule('portfolio-page', 'jira:projectPage');
    answer({
      getPortfolio: {
        ok: true,
        data: portfolioView({
          viewerMayDecide: false,
          valueReviews: [
            {
              key: 'AIP-7',
              summary: 'Claims triage',
              goLiveDate: '2026-01-01',
              opensOn: '2026-04-01',
              overdue: false,
              successMetrics: [],
            },
          ],
          outcomes: {
            live: 3,
            reviewed: 2,
            deliveringValue: 1,
            weekOneDataAccess: { withinWeekOne: 2, pilots: 5 },
          },
        }),
      },
      getOwnerQueue: { ok: true, data: { team: 'Data science team', entries: [], nextPageToken: null } },
    });
    const { container } = render(<App />);
    await screen.findByRole('list', { name: 'Pilots awaiting a value review' });
    expect(screen.queryByRole('button', { name: 'Review value of AIP-7' })).toBeNull();
    expect(screen.getByText('Only a Jira admin can record a value review.')).toBeTruthy();
    const funnel = screen.getByRole('region', { name: 'Funnel' });
    expect(funnel.querySelector('tbody tr:last-child')?.textContent).toBe(
      'GateDelivering valuePilots passed1Median days from kickoff—Blocked most often by—',
    );
    expect(funnel.textContent).toContain('2 pilots reviewed of 3 live pilots');
    expect(funnel.textContent).toContain(
      'Week-1 data access: 40%: 2 of the 5 pilots past their first week filed their first data-access request within 7 days of kickoff.',
    );
    await expectNoAxeViolations(container);
  });

  it('shows the pilot after go-live: the flag, and the latest value review with its measured values', async () => {
    inModule('readiness-panel');
    const live = {
      status: 'due' as const,
      goLiveDate: '2026-01-01',
      opensOn: '2026-04-01',
      outcome: null,
      reviewedOn: null,
    };
    answer({
      getPanel: {
        ok: true,
        data: pilotView({
          readiness: { ...pilotView().readiness, valueReview: live, valueReviewDue: true },
          valueReview: {
            state: live,
            latest: {
              outcome: 'not-delivering',
              measured: [{ metric: 'Accuracy', target: 0.9, unit: '%', measured: 0.7 }],
              note: 'Drift after the March release',
              reviewedBy: 'acc-ada',
              reviewedByName: 'Ada Admin',
              reviewedOn: '2026-04-03',
            },
          },
        }),
      },
    });
    render(<App />);
    const section = await screen.findByRole('region', { name: 'After go-live' });
    expect(section.textContent).toContain(
      'Went live on 1 Jan 2026. The value review opens 90 days later, on 1 Apr 2026.',
    );
    expect(section.textContent).toContain('Value review due:');
    expect(section.textContent).toContain('Not delivering, reviewed on 3 Apr 2026 by Ada Admin.');
    expect(screen.getByRole('list', { name: 'Measured values' }).textContent).toBe(
      'Accuracy: 0.7 %target 0.9 %',
    );
    expect(section.textContent).toContain('Drift after the March release');
  });

  it('tells someone who does not decide who does, instead of a decision button', async () => {
    inModule('portfolio-page', 'jira:projectPage');
    answer({
      getPortfolio: { ok: true, data: portfolioView({ viewerMayDecide: false }) },
      getOwnerQueue: { ok: true, data: { team: 'Data science team', entries: [], nextPageToken: null } },
    });
    render(<App />);
    const killList = (await screen.findByRole('heading', { name: 'Kill list' })).closest('section');
    expect(killList?.textContent).toContain('AIP-2');
    expect(killList?.textContent).toContain('Deciders: Jira admins and members of ai-review-board.');
    expect(screen.queryByRole('button', { name: 'Decide on AIP-2' })).toBeNull();
  });

  it('after a kill-list decision on the portfolio, focus is on the outcome, not the top of the frame', async () => {
    inModule('portfolio-page', 'jira:projectPage');
    const decided = portfolioView({
      rows: [portfolioRow('AIP-1'), portfolioRow('AIP-2', { band: 'purgatory' })],
    });
    let portfolioReads = 0;
    answer({
      getPortfolio: () => ({ ok: true, data: portfolioReads++ === 0 ? portfolioView() : decided }),
      getOwnerQueue: { ok: true, data: { team: 'Data science team', entries: [], nextPageToken: null } },
      decideReview: {
        ok: true,
        data: { key: 'AIP-2', summary: 'Pilot AIP-2', readiness: pilotView().readiness, closure: null },
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Decide on AIP-2' }));
    fireEvent.click(screen.getByRole('radio', { name: /Kill/ }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'No sponsor after 120 days' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record decision' }));
    // The page reads the portfolio again: AIP-2 has left the kill list.
    await waitFor(() => expect(screen.getByText(/No pilot is more than/)).toBeTruthy());
    expect(portfolioReads).toBe(2);
    const outcome = screen.getByText('Decision recorded on AIP-2.');
    expect(outcome.closest('[role="status"]')?.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(document.body);
  });

  it('after a decision in the pilot panel, focus is on the outcome while the panel reads itself again', async () => {
    inModule('readiness-panel');
    const onKillList = pilotView({ canDecide: true });
    onKillList.readiness = { ...onKillList.readiness, reviewRequired: true, daysSinceDemo: 120 };
    let panelReads = 0;
    answer({
      getPanel: () => ({ ok: true, data: panelReads++ === 0 ? onKillList : pilotView({ canDecide: true }) }),
      decideReview: {
        ok: true,
        data: {
          key: 'AIP-4',
          summary: 'Invoice triage model',
          readiness: pilotView().readiness,
          closure: null,
        },
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Record a review decision' }));
    fireEvent.click(screen.getByRole('radio', { name: /Kill/ }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Duplicate of another pilot' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(panelReads).toBe(2));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Record a review decision' })).toBeNull(),
    );
    const outcome = screen.getByText('Decision recorded on AIP-4.');
    expect(outcome.closest('[role="status"]')?.contains(document.activeElement)).toBe(true);
  });

  it('has no accessibility violations on the pilot panel with its forms open', async () => {
    inModule('readiness-panel');
    answer({
      getPanel: { ok: true, data: pilotView({ canWaive: true, generationProblems: ['Missing sub-task'] }) },
    });
    const { container } = render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Grant a waiver' }));
    fireEvent.click(screen.getByRole('button', { name: 'Request data access' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit production spec' }));
    await expectNoAxeViolations(container);
  });

  it('has no accessibility violations on the epic roll-up and the compact view', async () => {
    inModule('readiness-panel');
    answer({ getPanel: { ok: true, data: epicView() } });
    const epic = render(<App />);
    await screen.findByRole('heading', { level: 1 });
    await expectNoAxeViolations(epic.container);
    epic.unmount();

    inModule('readiness-context', 'jira:issueContext');
    answer({
      getPanel: {
        ok: true,
        data: pilotView({ readiness: { ...pilotView().readiness, reviewRequired: true } }),
      },
    });
    const compact = render(<App />);
    await screen.findByRole('meter');
    await expectNoAxeViolations(compact.container);
  });
});
