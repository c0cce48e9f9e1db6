/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { answer, invoke, navigate, open, resetBridge } from '../test-support/bridge-mock';
import { pilotView } from '../test-support/fixtures';
import { DataAccessList } from './DataAccessList';
import { GateList, GateSummary, blockerDetail } from './GateList';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

function renderGates() {
  const view = pilotView();
  return render(
    <GateList
      gates={view.gates}
      milestones={view.milestones}
      workstreams={view.workstreams}
      waivers={view.waivers}
      today={view.today}
    />,
  );
}

describe('GateList', () => {
  it('lists gates in milestone order with pass or fail in words', () => {
    renderGates();
    expect(screen.getByText('1 of 3 gates passed.')).toBeTruthy();
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Demo sign-off', 'Integration testing', 'Production deployment']);
    const gates = screen.getAllByRole('listitem').filter((li) => li.classList.contains('gate'));
    expect(gates[0]?.textContent).toContain('Passed');
    expect(gates[1]?.textContent).toContain('Blocked');
  });

  it('says what blocks a gate: the workstream, its issue, owner team, due date and days overdue', () => {
    renderGates();
    const blockers = screen.getByRole('list', { name: 'What blocks Integration testing' });
    expect(blockers.textContent).toContain('Infrastructure spec & provisioning');
    expect(blockers.textContent).toContain('Owner: Production pathway team');
    expect(blockers.textContent).toContain('Due 16 Mar 2026');
    expect(blockers.textContent).toContain('3 days overdue');
    const link = within(blockers).getByRole('link', { name: 'AIP-8' });
    expect(link.getAttribute('href')).toBe('/browse/AIP-8');
    expect(link.getAttribute('target')).toBe('_top');
  });

  it('opens a blocking issue through the bridge router', () => {
    renderGates();
    fireEvent.click(screen.getByRole('link', { name: 'AIP-8' }));
    expect(navigate).toHaveBeenCalledWith('/browse/AIP-8');
    fireEvent.click(screen.getByRole('link', { name: 'AIP-8' }), { ctrlKey: true });
    expect(open).toHaveBeenCalledWith('/browse/AIP-8');
  });

  it('shows waivers with their expiry, and expired ones as expired', () => {
    renderGates();
    const waivers = screen.getByRole('list', { name: 'Waivers on Production deployment' });
    const [current, expired] = within(waivers).getAllByRole('listitem');
    expect(current?.textContent).toContain('Waived: Legal review');
    expect(current?.textContent).toContain('Granted by Ada Admin');
    expect(current?.textContent).toContain('Expires 31 Mar 2026');
    expect(current?.textContent).toContain('Legal signed off by email');
    expect(expired?.textContent).toContain('Waived: Security & compliance engagement');
    expect(expired?.textContent).toContain('Expired 1 Mar 2026');
  });

  it('offers a decider to revoke each waiver in force (not expired ones), and shows the pilot without it', async () => {
    const view = pilotView();
    const revoked = pilotView({ waivers: view.waivers.slice(1) });
    answer({ revokeWaiver: { ok: true, data: revoked } });
    const onRevoked = jest.fn();
    render(
      <GateList
        gates={view.gates}
        milestones={view.milestones}
        workstreams={view.workstreams}
        waivers={view.waivers}
        today={view.today}
        onRevoked={onRevoked}
      />,
    );
    const buttons = screen.getAllByRole('button', { name: /^Revoke the waiver of/ });
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Revoke the waiver of Legal review',
    ]);
    fireEvent.click(buttons[0] as HTMLElement);
    await waitFor(() => expect(onRevoked).toHaveBeenCalledWith(revoked));
    expect(invoke).toHaveBeenCalledWith('revokeWaiver', { waiverId: 'w1' });
  });

  it('offers no revoke button to someone who does not decide', () => {
    renderGates();
    expect(screen.queryByRole('button', { name: /^Revoke/ })).toBeNull();
  });

  it('sums the gates up for the issue context', () => {
    const view = pilotView();
    const { container } = render(<GateSummary gates={view.gates} milestones={view.milestones} />);
    expect(container.textContent).toContain('1 of 3 gates passed');
    expect(container.textContent).toContain('Integration testingBlocked1 blocker');
  });
});

describe('DataAccessList', () => {
  it('shows each ticket with its state, age and source', () => {
    render(<DataAccessList tickets={pilotView().dataAccess} />);
    const [jira, servicenow] = screen.getAllByRole('listitem');
    expect(jira?.textContent).toContain('Requested');
    expect(jira?.textContent).toContain('Jira');
    expect(jira?.textContent).toContain('Open for 12 days');
    expect(
      within(jira as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/browse/AIP-20');
    expect(servicenow?.textContent).toContain('Approved');
    expect(servicenow?.textContent).toContain('ServiceNow');
    const external = within(servicenow as HTMLElement).getByRole('link');
    expect(external.getAttribute('href')).toBe('https://example.service-now.com/ritm.do?sys_id=1');
    expect(external.getAttribute('target')).toBe('_blank');
  });

  it('says when no ticket exists yet', () => {
    const { container } = render(<DataAccessList tickets={[]} />);
    expect(container.textContent).toContain('No data-access ticket yet');
  });
});

describe('blockerDetail', () => {
  it("drops the criterion's name when the detail repeats it", () => {
    expect(
      blockerDetail('Model development & validation: AIP-3 to do', 'Model development & validation'),
    ).toBe('AIP-3 to do');
    expect(blockerDetail('Data access: no ticket filed', 'Data access')).toBe('No ticket filed');
  });

  it('keeps any other detail as written', () => {
    expect(blockerDetail('Data access not approved: AIP-15 requested', 'Data access')).toBe(
      'Data access not approved: AIP-15 requested',
    );
    expect(blockerDetail('Compliance review: AIP-12 not started', 'Reviews')).toBe(
      'Compliance review: AIP-12 not started',
    );
    expect(blockerDetail(undefined, 'Reviews')).toBe('');
  });
});
