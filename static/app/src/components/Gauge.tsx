/**
 * The readiness gauge.
 *
 * Why the arc shows two zones and not the four bands: the band is NOT a function of the score.
 * A pilot scoring 90 can be in purgatory (three "no" answers, or 90 days past its demo without a
 * decision) and a pilot scoring 60 can be at risk (an overdue workstream); only graduation makes a
 * pilot ready. Painting "ready" or "purgatory" onto score ranges would lie for those pilots.
 * The one rule the score alone decides is "under 50 is at risk at best", so the arc carries that
 * zone (hatched, not just coloured) and the needle shows the score. The band, from
 * `readiness.band`, is marked separately: as text with its own icon, and on the band scale below
 * the arc, which lists the four bands in order without tying them to numbers.
 */
import { useId } from 'react';
import { AT_RISK_SCORE, BAND_LABELS as BAND_WORDS, MAX_SCORE, type Band } from '../contract';
import { BAND_LABELS, BANDS } from '../format';
import { BandLozenge } from './BandLozenge';
import { BAND_ICONS, Icon } from './Icons';

/** Under this score a pilot is at risk at best (the domain's threshold, from the contract). */
export const AT_RISK_BELOW = AT_RISK_SCORE;

const VIEW_WIDTH = 200;
const VIEW_HEIGHT = 120;
const CX = VIEW_WIDTH / 2;
const CY = 106;
const RADIUS = 80;
const NEEDLE_LENGTH = 70;

export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(MAX_SCORE, Math.max(0, Math.round(score)));
}

/** Degrees from straight up: no score → a quarter turn left, half the scale → straight up, full → a quarter turn right. */
export function needleAngle(score: number): number {
  return round((clampScore(score) / MAX_SCORE - 0.5) * 180);
}

export type ScoreZone = 'low' | 'ok';

export function scoreZone(score: number): ScoreZone {
  return clampScore(score) < AT_RISK_BELOW ? 'low' : 'ok';
}

function pointAt(score: number, radius = RADIUS): { x: number; y: number } {
  const theta = Math.PI * (1 - score / MAX_SCORE);
  return { x: round(CX + radius * Math.cos(theta)), y: round(CY - radius * Math.sin(theta)) };
}

/** Two decimals are plenty for SVG coordinates and angles. */
function round(value: number): number {
  return Number(value.toFixed(2));
}

function arcPath(from: number, to: number): string {
  const start = pointAt(from);
  const end = pointAt(to);
  return `M ${start.x} ${start.y} A ${RADIUS} ${RADIUS} 0 0 1 ${end.x} ${end.y}`;
}

export function scoreValueText(score: number, band: Band): string {
  return `${clampScore(score)} of ${MAX_SCORE}, ${BAND_WORDS[band].words}`;
}

export function Gauge({ score, band, compact = false }: { score: number; band: Band; compact?: boolean }) {
  const value = clampScore(score);
  const angle = needleAngle(value);
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const tickInner = pointAt(AT_RISK_BELOW, RADIUS - 13);
  const tickOuter = pointAt(AT_RISK_BELOW, RADIUS + 11);
  const tickLabel = pointAt(AT_RISK_BELOW, RADIUS + 14);

  return (
    <div className={compact ? 'gauge gauge-compact' : 'gauge'}>
      <div
        className="gauge-meter"
        role="meter"
        aria-label="Readiness score"
        aria-valuemin={0}
        aria-valuemax={MAX_SCORE}
        aria-valuenow={value}
        aria-valuetext={scoreValueText(value, band)}
      >
        <svg
          className="gauge-svg"
          viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}
          aria-hidden="true"
          focusable="false"
        >
          <defs>
            <pattern
              id={hatchId}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect className="gauge-hatch-bg" width="6" height="6" />
              <line className="gauge-hatch-line" x1="0" y1="0" x2="0" y2="6" />
            </pattern>
          </defs>
          <path
            className="gauge-zone gauge-zone-low"
            d={arcPath(0, AT_RISK_BELOW)}
            stroke={`url(#${hatchId})`}
            data-zone="low"
          />
          <path className="gauge-zone gauge-zone-ok" d={arcPath(AT_RISK_BELOW, MAX_SCORE)} data-zone="ok" />
          <line className="gauge-tick" x1={tickInner.x} y1={tickInner.y} x2={tickOuter.x} y2={tickOuter.y} />
          <text className="gauge-tick-label" x={tickLabel.x} y={tickLabel.y} textAnchor="middle">
            {AT_RISK_BELOW}
          </text>
          <text className="gauge-tick-label" x={CX - RADIUS} y="119" textAnchor="middle">
            0
          </text>
          <text className="gauge-tick-label" x={CX + RADIUS} y="119" textAnchor="middle">
            {MAX_SCORE}
          </text>
          <g
            className="gauge-needle"
            transform={`rotate(${angle} ${CX} ${CY})`}
            data-angle={angle}
            data-zone={scoreZone(value)}
          >
            <line x1={CX} y1={CY} x2={CX} y2={CY - NEEDLE_LENGTH} />
            <circle cx={CX} cy={CY} r="6" />
          </g>
        </svg>
      </div>
      <div className="gauge-label">
        <p className="gauge-value">
          <span className="gauge-score">{value}</span>
          <span className="gauge-of"> of {MAX_SCORE}</span>
        </p>
        <BandLozenge band={band} />
      </div>
      {compact ? null : (
        <>
          <ul className="gauge-legend">
            <li>
              <span className="swatch swatch-low" aria-hidden="true" />
              Under {AT_RISK_BELOW}: {BAND_WORDS['at-risk'].words} at best
            </li>
            <li>
              <span className="swatch swatch-ok" aria-hidden="true" />
              {AT_RISK_BELOW} and over: the band decides
            </li>
          </ul>
          <BandScale band={band} />
        </>
      )}
    </div>
  );
}

/** The four bands in order, best first, with this pilot's band marked in words as well as in style. */
export function BandScale({ band }: { band: Band }) {
  return (
    <ol className="band-scale" aria-label="Bands, best first">
      {BANDS.map((item) => (
        <li
          key={item}
          className={item === band ? `band-step band-${item} band-current` : 'band-step'}
          aria-current={item === band ? 'true' : undefined}
        >
          <Icon name={BAND_ICONS[item]} />
          <span>{BAND_LABELS[item]}</span>
          {item === band ? <span className="visually-hidden"> (this pilot)</span> : null}
        </li>
      ))}
    </ol>
  );
}
