/**
 * @jest-environment jsdom
 */
import { render, screen, within } from '@testing-library/react';
import { resetBridge } from '../test-support/bridge-mock';
import { epicView } from '../test-support/fixtures';
import { EpicCompact, EpicRollup } from './EpicRollup';

jest.mock('@forge/bridge', () => jest.requireActual('../test-support/bridge-mock').bridgeModule);

beforeEach(resetBridge);

function countOf(band: string): string | undefined {
  const tile = document.querySelector(`[data-band="${band}"] .band-count-number`);
  return tile?.textContent ?? undefined;
}

describe('EpicRollup', () => {
  it('counts the pilots per band, including those not computed yet', () => {
    render(<EpicRollup epic={epicView()} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('4 pilots under AIP-1');
    expect(countOf('ready')).toBe('1');
    expect(countOf('on-track')).toBe('0');
    expect(countOf('at-risk')).toBe('1');
    expect(countOf('purgatory')).toBe('1');
    expect(countOf('not-computed')).toBe('1');
  });

  it('shows the mean and the lowest score, the lowest pilot linked', () => {
    render(<EpicRollup epic={epicView({ meanScore: 62.3333 })} />);
    expect(screen.getByTestId('mean-score').textContent).toBe('62.3');
    const lowest = screen.getByTestId('lowest-score');
    expect(lowest.textContent).toBe('44 AIP-4');
    expect(within(lowest).getByRole('link').getAttribute('href')).toBe('/browse/AIP-4');
  });

  it('lists the pilots blocked at each gate, leaving out gates that block nobody', () => {
    render(<EpicRollup epic={epicView()} />);
    const region = screen.getByRole('region', { name: 'Blocked at each gate' });
    const gates = region.querySelectorAll('.gate-rollup > li');
    expect(gates).toHaveLength(2);
    expect(gates[0]?.textContent).toBe('Integration testing 1 pilotAIP-4');
    expect(gates[1]?.textContent).toBe('Production deployment 2 pilotsAIP-4AIP-30');
  });

  it('names the kill-list members as links', () => {
    render(<EpicRollup epic={epicView()} />);
    const region = screen.getByRole('region', { name: 'Kill list' });
    expect(region.textContent).toContain('1 pilot needs a review: accelerate, pause or kill.');
    expect(within(region).getByRole('link', { name: 'AIP-30' }).getAttribute('href')).toBe('/browse/AIP-30');
  });

  it('links every pilot with its score, band and first blocking gate', () => {
    render(<EpicRollup epic={epicView()} />);
    const region = screen.getByRole('region', { name: 'Pilots' });
    const rows = within(region).getAllByRole('listitem');
    expect(rows).toHaveLength(4);
    expect(within(rows[1] as HTMLElement).getByRole('link').textContent).toBe('AIP-30');
    expect(rows[1]?.textContent).toContain('Score 81');
    expect(rows[1]?.textContent).toContain('Purgatory');
    expect(rows[1]?.textContent).toContain('Blocked at Production deployment');
    expect(rows[1]?.textContent).toContain('Review required');
    expect(rows[3]?.textContent).toContain('Score –');
    expect(rows[3]?.textContent).toContain('Not computed');
  });

  it('explains an epic without pilots', () => {
    const empty = epicView({
      pilots: [],
      countByBand: { ready: 0, 'on-track': 0, 'at-risk': 0, purgatory: 0 },
      notComputed: 0,
      meanScore: null,
      lowest: null,
      blockedByGate: [],
      killList: [],
    });
    const { container } = render(<EpicRollup epic={empty} />);
    expect(container.textContent).toContain('No AI pilot has AIP-1 as its parent yet');
  });

  it('keeps the compact roll-up to counts, scores and the kill list', () => {
    const { container } = render(<EpicCompact epic={epicView()} />);
    expect(countOf('purgatory')).toBe('1');
    expect(screen.getByTestId('mean-score').textContent).toBe('75');
    expect(container.textContent).toContain('1 pilot needs a review');
    expect(screen.queryByRole('region', { name: 'Pilots' })).toBeNull();
  });
});

describe('EpicRollup milestone names', () => {
  it("uses the template's milestone names, not the keys", () => {
    const epic = epicView({
      blockedByGate: [{ milestone: 'production-go-live', pilots: ['AIP-4'] }],
      milestones: [{ key: 'production-go-live', name: 'Production go-live' }],
    });
    render(<EpicRollup epic={epic} />);
    const region = screen.getByRole('region', { name: 'Blocked at each gate' });
    expect(region.textContent).toContain('Production go-live');
    expect(region.textContent).not.toContain('Production go live');
  });
});
