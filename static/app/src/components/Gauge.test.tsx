/**
 * @jest-environment jsdom
 */
import { render, screen, within } from '@testing-library/react';
import type { Band } from '../contract';
import { BandLozenge } from './BandLozenge';
import { Gauge, needleAngle, scoreZone } from './Gauge';

function renderGauge(score: number, band: Band = 'at-risk') {
  const { container } = render(<Gauge score={score} band={band} />);
  const meter = screen.getByRole('meter', { name: 'Readiness score' });
  const needle = container.querySelector('.gauge-needle') as SVGGElement;
  return { container, meter, needle };
}

describe('Gauge', () => {
  it.each([
    [0, 'at-risk', '0 of 100, at risk', -90, 'low'],
    [49, 'at-risk', '49 of 100, at risk', -1.8, 'low'],
    [50, 'on-track', '50 of 100, on track', 0, 'ok'],
    [100, 'ready', '100 of 100, ready', 90, 'ok'],
  ] as const)(
    'at score %i shows the value, the label and the needle',
    (score, band, valueText, angle, zone) => {
      const { meter, needle, container } = renderGauge(score, band);
      expect(meter.getAttribute('aria-valuenow')).toBe(String(score));
      expect(meter.getAttribute('aria-valuemin')).toBe('0');
      expect(meter.getAttribute('aria-valuemax')).toBe('100');
      expect(meter.getAttribute('aria-valuetext')).toBe(valueText);

      const label = container.querySelector('.gauge-label') as HTMLElement;
      expect(label.textContent).toContain(`${score} of 100`);

      expect(Number(needle.getAttribute('data-angle'))).toBeCloseTo(angle, 5);
      // The drawn rotation, not only the data attribute: rotate(<angle> <centre x> <centre y>).
      const drawn = /^rotate\((-?[\d.]+) 100 106\)$/.exec(needle.getAttribute('transform') ?? '');
      expect(Number(drawn?.[1])).toBeCloseTo(angle, 5);
      expect(needle.getAttribute('data-zone')).toBe(zone);
    },
  );

  it('puts 49 in the at-risk zone and 50 out of it', () => {
    expect(scoreZone(0)).toBe('low');
    expect(scoreZone(49)).toBe('low');
    expect(scoreZone(50)).toBe('ok');
    expect(scoreZone(100)).toBe('ok');
  });

  it('sweeps the needle from the left end through the top to the right end', () => {
    expect(needleAngle(0)).toBe(-90);
    expect(needleAngle(25)).toBe(-45);
    expect(needleAngle(50)).toBe(0);
    expect(needleAngle(100)).toBe(90);
  });

  it('clamps scores outside 0–100 instead of drawing the needle off the scale', () => {
    const { meter, needle } = renderGauge(130, 'ready');
    expect(meter.getAttribute('aria-valuenow')).toBe('100');
    expect(needle.getAttribute('data-angle')).toBe('90');
    expect(needleAngle(-5)).toBe(-90);
  });

  it('takes the band from the readiness, not from the score', () => {
    const { meter, container } = renderGauge(90, 'purgatory');
    expect(meter.getAttribute('aria-valuetext')).toBe('90 of 100, purgatory');
    expect(container.querySelector('.gauge-label')?.textContent).toContain('Purgatory');
    const needle = container.querySelector('.gauge-needle') as SVGGElement;
    expect(needle.getAttribute('data-zone')).toBe('ok');
  });

  it('draws the at-risk zone with a hatch pattern, not colour alone', () => {
    const { container } = renderGauge(44);
    const low = container.querySelector('[data-zone="low"].gauge-zone') as SVGPathElement;
    const patternId = container.querySelector('pattern')?.getAttribute('id');
    expect(patternId).toBeTruthy();
    expect(low.getAttribute('stroke')).toBe(`url(#${patternId})`);
    expect(screen.getByText('Under 50: at risk at best')).toBeTruthy();
  });

  it('marks the current band on the band scale in words', () => {
    renderGauge(60, 'on-track');
    const scale = screen.getByRole('list', { name: 'Bands, best first' });
    const items = within(scale).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Ready',
      'On track (this pilot)',
      'At risk',
      'Purgatory',
    ]);
    expect(items[1]?.getAttribute('aria-current')).toBe('true');
  });

  it('leaves the legend and band scale out of the compact gauge', () => {
    const { container } = render(<Gauge score={70} band="on-track" compact />);
    expect(screen.getByRole('meter').getAttribute('aria-valuetext')).toBe('70 of 100, on track');
    expect(container.querySelector('.band-scale')).toBeNull();
    expect(container.querySelector('.gauge-legend')).toBeNull();
  });
});

describe('BandLozenge', () => {
  it.each([
    ['ready', 'Ready', 'check'],
    ['on-track', 'On track', 'arrow'],
    ['at-risk', 'At risk', 'warning'],
    ['purgatory', 'Purgatory', 'hourglass'],
  ] as const)('labels %s as "%s" with its own icon', (band, label, icon) => {
    const { container } = render(<BandLozenge band={band} />);
    expect(container.textContent).toBe(label);
    expect(container.querySelector('svg')?.getAttribute('data-icon')).toBe(icon);
  });

  it('says when a pilot has no readiness yet', () => {
    const { container } = render(<BandLozenge band={null} />);
    expect(container.textContent).toBe('Not computed');
  });
});
