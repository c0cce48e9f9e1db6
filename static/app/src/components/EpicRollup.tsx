import { BAND_LABELS as BAND_WORDS, KILL_CLOCK_DAYS, type EpicView } from '../contract';
import { formatScore, milestoneName, plural } from '../format';
import { BandCounts } from './BandCounts';
import { BandLozenge } from './BandLozenge';
import { Icon } from './Icons';
import { IssueLink } from './Links';
import { Section } from './Section';

function EpicBandCounts({ epic }: { epic: EpicView }) {
  return (
    <BandCounts
      countOf={(band) =>
        band in epic.countByBand
          ? epic.countByBand[band as keyof EpicView['countByBand']]
          : epic.killed.length
      }
      notComputed={epic.notComputed}
    />
  );
}

function Scores({ epic }: { epic: EpicView }) {
  return (
    <dl className="stats">
      <div>
        <dt>Mean score</dt>
        <dd data-testid="mean-score">{epic.meanScore === null ? '–' : formatScore(epic.meanScore)}</dd>
      </div>
      <div>
        <dt>Lowest</dt>
        <dd data-testid="lowest-score">
          {epic.lowest ? (
            <>
              {epic.lowest.score} <IssueLink issueKey={epic.lowest.key} />
            </>
          ) : (
            '–'
          )}
        </dd>
      </div>
    </dl>
  );
}

function KillList({ keys }: { keys: readonly string[] }) {
  if (keys.length === 0)
    return (
      <p className="empty">No pilot is past {KILL_CLOCK_DAYS} days since its demo without a decision.</p>
    );
  return (
    <>
      <p className="message message-error">
        <Icon name="hourglass" />
        <span>
          {plural(keys.length, 'pilot')} {keys.length === 1 ? 'needs' : 'need'} a review: accelerate, pause or
          kill.
        </span>
      </p>
      <ul className="key-list">
        {keys.map((key) => (
          <li key={key}>
            <IssueLink issueKey={key} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** Killed pilots, an end state: listed apart, with the score they had at the kill. */
function KilledPilots({ epic }: { epic: EpicView }) {
  if (epic.killed.length === 0) return null;
  return (
    <Section title={BAND_WORDS.killed.title}>
      <p className="summary">Left out of the counts, the mean and the gates above.</p>
      <ul className="key-list" aria-label={`${BAND_WORDS.killed.title} pilots`}>
        {epic.killed.map((pilot) => (
          <li key={pilot.key}>
            <IssueLink issueKey={pilot.key} /> {pilot.summary}
            {pilot.score === null ? '' : ` (score at the kill: ${pilot.score})`}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function EpicRollup({ epic }: { epic: EpicView }) {
  if (epic.pilots.length === 0 && epic.killed.length === 0) {
    return (
      <div className="panel">
        <header className="panel-head">
          <h1>Pilots under {epic.key}</h1>
        </header>
        <p className="empty">
          No AI pilot has {epic.key} as its parent yet. Set this epic as the parent of an AI Pilot to roll it
          up here.
        </p>
      </div>
    );
  }
  return (
    <div className="panel">
      <header className="panel-head">
        <h1>
          {plural(epic.pilots.length, 'pilot')} under {epic.key}
        </h1>
      </header>
      <EpicBandCounts epic={epic} />
      <Scores epic={epic} />
      <Section title="Blocked at each gate">
        {epic.blockedByGate.every((gate) => gate.pilots.length === 0) ? (
          <p className="empty">No pilot is blocked at any gate.</p>
        ) : (
          <ul className="gate-rollup">
            {epic.blockedByGate
              .filter((gate) => gate.pilots.length > 0)
              .map((gate) => (
                <li key={gate.milestone}>
                  <p>
                    <strong>{milestoneName(gate.milestone, epic.milestones)}</strong>{' '}
                    <span className="count">{plural(gate.pilots.length, 'pilot')}</span>
                  </p>
                  <ul className="key-list">
                    {gate.pilots.map((key) => (
                      <li key={key}>
                        <IssueLink issueKey={key} />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
        )}
      </Section>
      <Section title="Kill list">
        <KillList keys={epic.killList} />
      </Section>
      <Section title="Pilots">
        <ul className="pilot-list">
          {epic.pilots.map((pilot) => (
            <li key={pilot.key} className="pilot-row">
              <p className="pilot-row-head">
                <IssueLink issueKey={pilot.key} />
                <span className="pilot-summary">{pilot.summary}</span>
              </p>
              <p className="meta">
                <span>Score {pilot.score ?? '–'}</span>
                <BandLozenge band={pilot.band} />
                {pilot.firstBlockingGate ? (
                  <span>Blocked at {milestoneName(pilot.firstBlockingGate, epic.milestones)}</span>
                ) : null}
                {pilot.daysSinceDemo !== null ? (
                  <span>{plural(pilot.daysSinceDemo, 'day')} since demo</span>
                ) : null}
                {pilot.reviewRequired ? (
                  <span className="lozenge lozenge-danger">Review required</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      </Section>
      <KilledPilots epic={epic} />
    </div>
  );
}

/** The roll-up for the narrow issue context: counts, mean, lowest and the kill list. */
export function EpicCompact({ epic }: { epic: EpicView }) {
  return (
    <div className="panel panel-compact">
      <p className="summary">{plural(epic.pilots.length, 'pilot')}</p>
      {epic.pilots.length > 0 ? (
        <>
          <EpicBandCounts epic={epic} />
          <Scores epic={epic} />
          {epic.killList.length > 0 ? <KillList keys={epic.killList} /> : null}
        </>
      ) : (
        <p className="empty">No AI pilot under this epic yet.</p>
      )}
    </div>
  );
}
