import { MAX_SCORE, type Trend } from '../contract';

const WORDS: Record<Trend['direction'], string> = {
  up: 'up',
  down: 'down',
  flat: 'band changed',
  new: 'first score',
};

const ARROWS: Record<Trend['direction'], string> = { up: '↑', down: '↓', flat: '→', new: '·' };

/** The score's last change in words, with a small line of its recent scores drawn beside it. */
export function TrendLine({ trend }: { trend: Trend }) {
  const { recent } = trend;
  const text =
    trend.direction === 'up' || trend.direction === 'down'
      ? `${WORDS[trend.direction]} ${Math.abs(trend.change)}`
      : WORDS[trend.direction];
  const width = 48;
  const height = 14;
  const points = recent
    .map((score, index) => {
      const x = recent.length === 1 ? width / 2 : (index / (recent.length - 1)) * width;
      const y = height - (score / MAX_SCORE) * height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <span className={`trend trend-${trend.direction}`}>
      <span>
        <span aria-hidden="true">{ARROWS[trend.direction]}</span> {text}
      </span>
      {recent.length > 1 ? (
        <svg
          className="trend-line"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          aria-hidden="true"
        >
          <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      ) : null}
    </span>
  );
}
