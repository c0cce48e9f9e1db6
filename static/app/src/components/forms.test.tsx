/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { answer, invoke, resetBridge } from '../test-support/bridge-mock';
import { PEOPLE, pilotView } from '../test-support/fixtures';
import { DataAccessRequestForm } from './DataAccessRequestForm';
import { ProductionSpecEditor } from './ProductionSpecEditor';
import { WaiverForm } from './WaiverForm';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function valueOf(label: string): string {
  return (screen.getByLabelText(label) as HTMLInputElement).value;
}

describe('ProductionSpecEditor', () => {
  it('shows the entries and how many are written', () => {
    const { container } = render(
      <ProductionSpecEditor spec={pilotView().productionSpec} onSaved={jest.fn()} />,
    );
    expect(container.textContent).toContain('2 of 4 entries written');
    expect(container.textContent).toContain('p95 under 300 ms');
    expect(container.textContent).toContain('Not written yet');
  });

  it('saves the four entries and hands the fresh view back', async () => {
    const saved = pilotView({
      productionSpec: { latency: 'fast', availability: 'a', rollback: 'b', monitoring: 'c' },
    });
    answer({ saveProductionSpec: { ok: true, data: saved } });
    const onSaved = jest.fn();
    render(<ProductionSpecEditor spec={pilotView().productionSpec} onSaved={onSaved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit production spec' }));
    type('Rollback', 'Blue/green switch back in 5 minutes');
    type('Monitoring', 'Drift alerts to on-call');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(invoke).toHaveBeenCalledWith('saveProductionSpec', {
      latency: 'p95 under 300 ms',
      availability: '99.9%',
      rollback: 'Blue/green switch back in 5 minutes',
      monitoring: 'Drift alerts to on-call',
      dataSources: [],
      successMetrics: [],
    });
    expect(await screen.findByText('Production spec saved.')).toBeTruthy();
  });

  it('shows field errors from a failed save and keeps what the user typed', async () => {
    answer({
      saveProductionSpec: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The production spec was not saved: fix the marked entries.',
          fieldErrors: { rollback: 'Keep it under 1000 characters' },
        },
      },
    });
    const onSaved = jest.fn();
    render(<ProductionSpecEditor spec={{}} onSaved={onSaved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit production spec' }));
    type('Rollback', 'x'.repeat(1200));
    type('Latency', 'p99 under 1 s');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'The production spec was not saved: fix the marked entries.',
    );
    const rollback = screen.getByLabelText('Rollback');
    expect(rollback.getAttribute('aria-invalid')).toBe('true');
    const describedBy = rollback.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(
      'Keep it under 1000 characters',
    );
    expect(valueOf('Rollback')).toBe('x'.repeat(1200));
    expect(valueOf('Latency')).toBe('p99 under 1 s');
    expect(screen.getByLabelText('Latency').getAttribute('aria-invalid')).toBe('false');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('lists the data sources with whether each has a request, and warns of metrics defined after the demo', () => {
    const { container } = render(
      <ProductionSpecEditor
        spec={{
          successMetrics: [
            { name: 'Claims triaged a day', target: 400, unit: 'claims', definedOn: '2026-01-10' },
            { name: 'Accuracy', target: 0.92, unit: '', definedOn: '2026-03-05' },
          ],
        }}
        dataSources={[
          { name: 'Claims warehouse', requested: true },
          { name: 'Policy events', requested: false },
        ]}
        metricsDefinedAfterDemo={['Accuracy']}
        onSaved={jest.fn()}
      />,
    );
    const sources = screen.getByRole('list', { name: 'Data sources' });
    expect(sources.textContent).toBe('Claims warehouseRequestedPolicy eventsNo request yet');
    const metrics = screen.getByRole('list', { name: 'Success metrics' });
    expect(metrics.textContent).toContain('Claims triaged a day: 400 claimsdefined 10 Jan 2026');
    expect(metrics.textContent).toContain('Accuracy: 0.92defined 5 Mar 2026');
    expect(container.querySelector('.message-warning')?.textContent).toContain(
      'One metric was defined after the demo: Accuracy.',
    );
  });

  it('edits the data sources one per line and the success metrics row by row, by keyboard focus', async () => {
    const saved = pilotView();
    answer({ saveProductionSpec: { ok: true, data: saved } });
    render(
      <ProductionSpecEditor
        spec={{
          dataSources: ['Claims warehouse'],
          successMetrics: [{ name: 'Accuracy', target: 0.9, unit: '', definedOn: '2026-01-10' }],
        }}
        onSaved={jest.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit production spec' }));
    expect(valueOf('Data sources')).toBe('Claims warehouse');
    type('Data sources', 'Claims warehouse\n\n Policy events');
    fireEvent.click(screen.getByRole('button', { name: 'Add a success metric' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Metric 2'));
    type('Metric 2', 'Claims triaged a day');
    type('Target of metric 2', '400');
    type('Unit of metric 2', 'claims');
    fireEvent.click(screen.getByRole('button', { name: 'Add a success metric' }));
    type('Metric 3', 'Left without a target');
    fireEvent.click(screen.getByRole('button', { name: 'Remove metric 1' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a success metric' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(invoke).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith(
      'saveProductionSpec',
      expect.objectContaining({
        dataSources: ['Claims warehouse', ' Policy events'],
        successMetrics: [
          { name: 'Claims triaged a day', target: 400, unit: 'claims' },
          { name: 'Left without a target', target: null, unit: '' },
        ],
      }),
    );
  });

  it("shows the server's message about a metric under the success metrics", async () => {
    answer({
      saveProductionSpec: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The production spec was not saved: fix the marked entries.',
          fieldErrors: { successMetrics: 'Metric 1: Give the target as a number' },
        },
      },
    });
    render(<ProductionSpecEditor spec={{}} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit production spec' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a success metric' }));
    type('Metric 1', 'Accuracy');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    const group = screen.getByRole('group', { name: 'Success metrics' });
    const describedBy = group.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Metric 1: Give the target as a number');
  });

  it('turns a bridge failure into words, not a stack trace', async () => {
    invoke.mockRejectedValue(new Error('postMessage failed at Object.<anonymous> (bridge.js:1:1)'));
    render(<ProductionSpecEditor spec={{}} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit production spec' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Pilot Pathway could not be reached');
    expect(alert.textContent).not.toContain('bridge.js');
  });
});

describe('DataAccessRequestForm', () => {
  const steward = () => screen.getByRole('combobox', { name: 'Data steward' });

  /** Types a name into the steward picker and chooses the first person with the keyboard. */
  async function fill() {
    type('Data source', 'Invoices warehouse');
    fireEvent.change(steward(), { target: { value: 'pri' } });
    await screen.findByRole('option', { name: 'Priya PM' });
    fireEvent.keyDown(steward(), { key: 'ArrowDown' });
    fireEvent.keyDown(steward(), { key: 'ArrowDown' });
    fireEvent.keyDown(steward(), { key: 'Enter' });
    type('Justification', 'Training data for the invoice model');
  }

  it('files a Jira request for the person chosen by name, sending their account id', async () => {
    const view = pilotView();
    answer({
      findPeople: { ok: true, data: PEOPLE },
      requestDataAccess: { ok: true, data: { key: 'AIP-21', view } },
    });
    const onFiled = jest.fn();
    render(<DataAccessRequestForm onFiled={onFiled} onCancel={jest.fn()} />);
    await fill();
    expect(valueOf('Data steward')).toBe('Priya PM');
    fireEvent.click(screen.getByRole('button', { name: 'File request' }));
    await waitFor(() => expect(onFiled).toHaveBeenCalledWith({ key: 'AIP-21', target: 'jira', view }));
    expect(invoke).toHaveBeenCalledWith('findPeople', { query: 'pri' });
    expect(invoke).toHaveBeenCalledWith('requestDataAccess', {
      target: 'jira',
      dataSource: 'Invoices warehouse',
      stewardAccountId: 'acc-priya',
      justification: 'Training data for the invoice model',
    });
  });

  it('sends no account id for a name typed but not chosen, so the server asks for a choice', async () => {
    answer({
      findPeople: { ok: true, data: [] },
      requestDataAccess: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The data-access request was not filed: fix the marked entries.',
          fieldErrors: { stewardAccountId: 'Choose the data steward' },
        },
      },
    });
    render(<DataAccessRequestForm onFiled={jest.fn()} onCancel={jest.fn()} />);
    fireEvent.change(steward(), { target: { value: 'Somebody New' } });
    fireEvent.click(screen.getByRole('button', { name: 'File request' }));
    expect(await screen.findByText('Choose the data steward')).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith(
      'requestDataAccess',
      expect.objectContaining({ stewardAccountId: '' }),
    );
    expect(valueOf('Data steward')).toBe('Somebody New');
  });

  it('offers ServiceNow only once it is connected, and files there when chosen', async () => {
    const { unmount } = render(<DataAccessRequestForm onFiled={jest.fn()} onCancel={jest.fn()} />);
    const jira = screen.getByRole('radio', { name: 'Jira' }) as HTMLInputElement;
    const notConnected = screen.getByRole('radio', { name: /ServiceNow/ }) as HTMLInputElement;
    expect(jira.checked).toBe(true);
    expect(notConnected.disabled).toBe(true);
    expect(screen.getByText(/not connected/)).toBeTruthy();
    unmount();
    const view = pilotView();
    answer({
      findPeople: { ok: true, data: PEOPLE },
      requestDataAccess: { ok: true, data: { key: 'RITM0010001', view } },
    });
    const onFiled = jest.fn();
    render(<DataAccessRequestForm onFiled={onFiled} onCancel={jest.fn()} serviceNowConnected />);
    fireEvent.click(screen.getByRole('radio', { name: 'ServiceNow' }));
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'File request' }));
    await waitFor(() =>
      expect(onFiled).toHaveBeenCalledWith({ key: 'RITM0010001', target: 'servicenow', view }),
    );
    expect(invoke).toHaveBeenCalledWith(
      'requestDataAccess',
      expect.objectContaining({ target: 'servicenow' }),
    );
  });

  it('shows field errors from a failed request and keeps the input', async () => {
    answer({
      findPeople: { ok: true, data: PEOPLE },
      requestDataAccess: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The data-access request was not filed: fix the marked entries.',
          fieldErrors: {
            stewardAccountId: 'This person is deactivated: choose an active data steward',
            justification: 'Explain in at least 10 characters why the pilot needs this data',
          },
        },
      },
    });
    const onFiled = jest.fn();
    render(<DataAccessRequestForm onFiled={onFiled} onCancel={jest.fn()} />);
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'File request' }));
    expect(await screen.findByText('This person is deactivated: choose an active data steward')).toBeTruthy();
    expect(screen.getByText('Explain in at least 10 characters why the pilot needs this data')).toBeTruthy();
    expect(steward().getAttribute('aria-invalid')).toBe('true');
    const describedBy = steward().getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(
      'This person is deactivated: choose an active data steward',
    );
    expect(screen.getByLabelText('Data source').getAttribute('aria-invalid')).toBe('false');
    expect(valueOf('Data steward')).toBe('Priya PM');
    expect(valueOf('Data source')).toBe('Invoices warehouse');
    expect(valueOf('Justification')).toBe('Training data for the invoice model');
    expect(screen.getByRole('alert').textContent).toContain('The data-access request was not filed');
    expect(onFiled).not.toHaveBeenCalled();
  });
});

describe('WaiverForm', () => {
  function renderWaiverForm(onGranted = jest.fn()) {
    const view = pilotView({ canWaive: true });
    render(
      <WaiverForm
        milestones={view.milestones}
        workstreams={view.workstreams}
        reviewKinds={view.reviews.map((review) => review.kind)}
        gates={view.gates}
        today={view.today}
        onGranted={onGranted}
        onCancel={jest.fn()}
      />,
    );
    return onGranted;
  }

  function optionsOf(label: string): string[] {
    return [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.textContent ?? '');
  }

  it('offers the workstreams of the chosen milestone, plus data access and each review at production deployment', () => {
    renderWaiverForm();
    expect(valueOf('Milestone')).toBe('integration-testing');
    expect(optionsOf('Criterion')).toEqual([
      'Infrastructure spec & provisioning',
      'Legacy system integration design',
    ]);
    fireEvent.change(screen.getByLabelText('Milestone'), { target: { value: 'production-deployment' } });
    expect(optionsOf('Criterion')).toEqual([
      'Data access requests',
      'Security & compliance engagement',
      'Data access',
      'Security review',
      'Compliance review',
      'Legal review',
      'Privacy review',
      'Infrastructure review',
    ]);
    expect(valueOf('Criterion')).toBe('data-access');
  });

  it('only lists data access and reviews where the gate asks for them', () => {
    renderWaiverForm();
    fireEvent.change(screen.getByLabelText('Milestone'), { target: { value: 'demo-sign-off' } });
    expect(optionsOf('Criterion')).toEqual(['Model development & validation']);
  });

  it('grants a waiver with milestone, criterion, reason and expiry', async () => {
    const view = pilotView();
    answer({ grantWaiver: { ok: true, data: view } });
    const onGranted = renderWaiverForm();
    fireEvent.change(screen.getByLabelText('Criterion'), {
      target: { value: 'workstream:legacy-integration' },
    });
    type('Reason', 'Legacy system retired next month');
    type('Expires on', '2026-04-30');
    fireEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    const input = {
      milestone: 'integration-testing',
      criterion: { type: 'workstream', row: 'legacy-integration' },
      reason: 'Legacy system retired next month',
      expires: '2026-04-30',
    };
    await waitFor(() => expect(onGranted).toHaveBeenCalledWith(view, input));
    expect(invoke).toHaveBeenCalledWith('grantWaiver', input);
  });

  it('offers expiry dates from tomorrow to one year ahead: the expiry is the first blocking day', () => {
    renderWaiverForm();
    const expires = screen.getByLabelText('Expires on');
    expect(expires.getAttribute('min')).toBe('2026-03-15');
    expect(expires.getAttribute('max')).toBe('2027-03-14');
    expect(screen.getByText(/The first day the gate blocks again/)).toBeTruthy();
  });

  it('shows the reasons a waiver was refused and keeps the input', async () => {
    answer({
      grantWaiver: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The waiver was not granted: the expiry date must be after today.',
          fieldErrors: { expires: 'Pick a date after today' },
        },
      },
    });
    renderWaiverForm();
    type('Reason', 'Accepted risk');
    type('Expires on', '2026-03-01');
    fireEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    expect(await screen.findByText('Pick a date after today')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('the expiry date must be after today');
    expect(valueOf('Reason')).toBe('Accepted risk');
    expect(valueOf('Expires on')).toBe('2026-03-01');
  });

  it('says each reason once when the answer repeats the message as the form error (as grantWaiver answers)', async () => {
    const reasons =
      'The reason is too short: write at least 10 characters on why the criterion can be waived';
    answer({
      grantWaiver: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: `The waiver was not granted: ${reasons}.`,
          fieldErrors: { form: reasons },
        },
      },
    });
    renderWaiverForm();
    type('Reason', 'Too short');
    type('Expires on', '2026-04-30');
    fireEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.split('The reason is too short')).toHaveLength(2);
    expect(alert.textContent).toContain('The waiver was not granted');
  });

  it('still adds a form error the message does not say', async () => {
    answer({
      grantWaiver: {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The waiver was not granted: fix the marked entries.',
          fieldErrors: { form: 'Send the waiver as an object' },
        },
      },
    });
    renderWaiverForm();
    fireEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('fix the marked entries.');
    expect(alert.textContent).toContain('Send the waiver as an object');
  });
});
