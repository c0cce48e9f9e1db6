/**
 * Small stroke icons. Each state has its own shape, so nothing depends on colour alone;
 * they are decorative (aria-hidden) because a text label always stands next to them.
 */
import type { Band } from '../contract';

const PATHS = {
  check: 'M3 8.5l3.2 3.2L13 4.5',
  cross: 'M4 4l8 8M12 4l-8 8',
  arrow: 'M2 8h11M9 4l4 4-4 4',
  warning: 'M8 1.8L1.2 14h13.6zM8 6.2v3.6M8 11.8v.4',
  hourglass: 'M3.5 1.8h9M3.5 14.2h9M5 1.8c0 4 6 3.5 6 6.2s-6 2.2-6 6.2M11 1.8c0 4-6 3.5-6 6.2s6 2.2 6 6.2',
  clock: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M8 4.5V8l2.5 2',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M8 7.2v4M8 4.8v.4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export const BAND_ICONS: Record<Band, IconName> = {
  ready: 'check',
  'on-track': 'arrow',
  'at-risk': 'warning',
  purgatory: 'hourglass',
  killed: 'cross',
};
