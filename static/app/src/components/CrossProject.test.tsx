/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App, surfaceOf } from '../App';
import { expectNoAxeViolations } from '../test-support/axe';
import { answer, getContext, invoke, resetBridge, submit } from '../test-support/bridge-mock';
import { globalPortfolioView, portfolioSummary } from '../test-support/fixtures';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

function inModule(moduleKey: string, type: string, extension: Record<string, unknown> = {}) {
  getContext.mockResolvedValue({ moduleKey, extension: { type, ...extension } });
}

describe('surfaceOf the modules across projects', () => {
  it('routes the global page, the gadget and its edit view', () => {
    expect(surfaceOf({ moduleKey: 'pilot-pathway-global', extensionType: null })).toBe('global');
    expect(surfaceOf({ moduleKey: null, extensionType: 'jira:globalPage' })).toBe('global');
    expect(surfaceOf({ moduleKey: 'portfolio-gadget', extensionType: 'jira:dashboardGadget' })).toBe(
      'gadget',
    );
    expect(
      surfaceOf({ moduleKey: 'portfolio-gadget', extensionType: 'jira:dashboardGadget', entryPoint: 'edit' }),
    ).toBe('gadget-edit');
    expect(surfaceOf({ moduleKey: 'readiness-panel', extensionType: null, entryPoint: 'edit' })).toBe(
      'panel',
    );
  });
});

describe('the global page', () => {
  it('shows every browsable project together, then each project with its table, axe clean', async () => {
    inModule('pilot-pathway-global', 'jira:globalPage');
    answer({ getGlobalPortfolio: { ok: true, data: globalPortfolioView() } });
    const { container } = render(<App />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Pilots across projects');
    expect(container.textContent).toContain(
      '3 pilots in 2 projects you can browse: AI Pilots (AIP), Team pilots (TEAM).',
    );
    const killList = screen.getByRole('list', { name: 'Pilots awaiting a review decision' });
    expect(within(killList).getByRole('link', { name: 'AIP-2' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Pilots of AIP' }).textContent).toContain('AIP-1');
    expect(screen.getByRole('table', { name: 'Pilots of TEAM' }).textContent).toContain('TEAM-3');
    expect(screen.getByRole('region', { name: 'Funnel of TEAM' })).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('getGlobalPortfolio', {});
    await expectNoAxeViolations(container);
  });

  it('says so when the viewer may browse no pilot project', async () => {
    inModule('pilot-pathway-global', 'jira:globalPage');
    answer({ getGlobalPortfolio: { ok: true, data: globalPortfolioView({ projects: [] }) } });
    render(<App />);
    expect(await screen.findByText(/No pilot project you can browse/)).toBeTruthy();
  });
});

describe('the dashboard gadget', () => {
  it('shows its project’s band counts, kill list and funnel', async () => {
    inModule('portfolio-gadget', 'jira:dashboardGadget', { gadgetConfiguration: { project: 'AIP' } });
    answer({
      getGadget: {
        ok: true,
        data: {
          project: { key: 'AIP', name: 'AI Pilots' },
          projects: [{ key: 'AIP', name: 'AI Pilots' }],
          summary: portfolioSummary(),
        },
      },
    });
    const { container } = render(<App />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Pilots: AI Pilots (AIP)');
    expect(screen.getByRole('list', { name: 'Pilots per band' }).textContent).toContain('1Purgatory');
    expect(screen.getByRole('list', { name: 'Pilots awaiting a review decision' }).textContent).toContain(
      '120 days since demo',
    );
    expect(screen.getByRole('region', { name: 'Funnel' })).toBeTruthy();
    // The setting reaches the server in the Forge context, never in the payload.
    expect(invoke).toHaveBeenCalledWith('getGadget', {});
    await expectNoAxeViolations(container);
  });

  it('its edit view offers every browsable project, starts from the saved one and saves with view.submit', async () => {
    inModule('portfolio-gadget', 'jira:dashboardGadget', {
      entryPoint: 'edit',
      gadgetConfiguration: { project: 'TEAM' },
    });
    answer({
      getPilotProjects: {
        ok: true,
        data: [
          { key: 'AIP', name: 'AI Pilots' },
          { key: 'TEAM', name: 'Team pilots' },
        ],
      },
    });
    const { container } = render(<App />);
    const select = (await screen.findByRole('combobox', { name: 'Project' })) as HTMLSelectElement;
    expect(select.value).toBe('TEAM');
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Every pilot project you can browse',
      'AI Pilots (AIP)',
      'Team pilots (TEAM)',
    ]);
    await expectNoAxeViolations(container);
    fireEvent.change(select, { target: { value: 'all' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ project: 'all' }));
  });

  it('says so when the host does not save the settings', async () => {
    inModule('portfolio-gadget', 'jira:dashboardGadget', { entryPoint: 'edit' });
    answer({ getPilotProjects: { ok: true, data: [{ key: 'AIP', name: 'AI Pilots' }] } });
    submit.mockRejectedValue(new Error('this resource view is not submittable'));
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The gadget settings were not saved. Try again in a moment.',
    );
  });
});
