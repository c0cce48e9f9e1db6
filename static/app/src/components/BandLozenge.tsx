import type { Band } from '../contract';
import { BAND_LABELS } from '../format';
import { BAND_ICONS, Icon } from './Icons';

/** The band as text with its own icon shape; the colour only repeats what the words say. */
export function BandLozenge({ band }: { band: Band | null }) {
  if (band === null) return <span className="lozenge lozenge-neutral">Not computed</span>;
  return (
    <span className={`lozenge band-${band}`} data-band={band}>
      <Icon name={BAND_ICONS[band]} />
      {BAND_LABELS[band]}
    </span>
  );
}
