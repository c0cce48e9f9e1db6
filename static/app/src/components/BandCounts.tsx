import type { Band } from '../contract';
import { BAND_LABELS, BANDS } from '../format';
import { BAND_ICONS, Icon } from './Icons';

/** Pilots per band, best first, and those not computed yet (an epic's roll-up, a portfolio summary). */
export function BandCounts({
  countOf,
  notComputed,
}: {
  countOf: (band: Band) => number;
  notComputed: number;
}) {
  return (
    <ul className="band-counts" aria-label="Pilots per band">
      {BANDS.map((band) => (
        <li key={band} className={`band-count band-${band}`} data-band={band}>
          <Icon name={BAND_ICONS[band]} />
          <span className="band-count-number">{countOf(band)}</span>
          <span className="band-count-label">{BAND_LABELS[band]}</span>
        </li>
      ))}
      {notComputed > 0 ? (
        <li className="band-count" data-band="not-computed">
          <Icon name="clock" />
          <span className="band-count-number">{notComputed}</span>
          <span className="band-count-label">Not computed</span>
        </li>
      ) : null}
    </ul>
  );
}
