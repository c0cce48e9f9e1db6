import { useMemo, useState, type ReactNode } from 'react';
import {
  BAND_LABELS as BAND_WORDS,
  KILLED_BAND,
  KILL_CLOCK_DAYS,
  VALUE_OUTCOME_LABELS,
  VALUE_REVIEW_DAYS,
  WEEK_ONE_DAYS,
  type PortfolioContent,
  diagnosticQuestionText,
  toCsv,
  type Band,
  type PortfolioRow,
  type PortfolioView,
} from '../contract';
import { BAND_LABELS, BANDS, formatAmount, formatDate, formatShare, milestoneName, plural } from '../format';
import { useResolver } from '../useResolver';
import { BandLozenge } from './BandLozenge';
import { CellLabel } from './CellLabel';
import { DecisionForm } from './DecisionForm';
import { Disclosure } from './Disclosure';
import { ValueReviewHead } from './PortfolioSummary';
import { IssueLink } from './Links';
import { StatusMessage } from './Messages';
import { OwnerQueue } from './OwnerQueue';
import { Section } from './Section';
import { SeedsScorecardLine } from './SeedsScorecard';
import { ErrorState } from './States';
import { TrendLine } from './TrendLine';
import { ValueReviewForm } from './ValueReviewForm';

/** Rows the table shows at once. */
export const PORTFOLIO_PAGE_SIZE = 50;

type SortKey =
  'key' | 'score' | 'band' | 'scorecard' | 'firstBlockingGate' | 'daysSinceDemo' | 'productionOwner';
type Sort = { key: SortKey; direction: 'ascending' | 'descending' };

type ColumnKey = SortKey | 'summary' | 'trend';

const COLUMNS: ReadonlyArray<{ key: ColumnKey; label: string; sortable: boolean }> = [
  { key: 'key', label: 'Pilot', sortable: true },
  { key: 'summary', label: 'Summary', sortable: false },
  { key: 'score', label: 'Score', sortable: true },
  { key: 'band', label: 'Band', sortable: true },
  { key: 'scorecard', label: "Seeds' scorecard", sortable: true },
  { key: 'firstBlockingGate', label: 'First blocking gate', sortable: true },
  { key: 'daysSinceDemo', label: 'Days since demo', sortable: true },
  { key: 'productionOwner', label: 'Production owner', sortable: true },
  { key: 'trend', label: 'Trend', sortable: false },
];

const NONE = '__none__';

function compare(a: PortfolioRow, b: PortfolioRow, sort: Sort, gateOrder: readonly string[]): number {
  const value = (row: PortfolioRow): number | string | null => {
    switch (sort.key) {
      case 'key':
        return Number(row.key.split('-')[1] ?? 0);
      case 'band':
        // Pilots of the end state, after every band under way.
        return row.band === null ? null : row.band === KILLED_BAND ? BANDS.length : BANDS.indexOf(row.band);
      case 'scorecard':
        return row.scorecard?.yes ?? null;
      case 'firstBlockingGate':
        return row.firstBlockingGate === null ? gateOrder.length : gateOrder.indexOf(row.firstBlockingGate);
      default:
        return row[sort.key];
    }
  };
  const [x, y] = [value(a), value(b)];
  // Missing values sort last whichever the direction.
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  return (
    (sort.direction === 'ascending' ? order : -order) || a.key.localeCompare(b.key, 'en', { numeric: true })
  );
}

function csvOf(rows: readonly PortfolioRow[], view: TableContent): string {
  return toCsv(
    [
      'Pilot',
      'Summary',
      'Score',
      'Band',
      'First blocking gate',
      'Days since demo',
      'Production owner',
      'Review required',
      'Trend',
      `${BAND_WORDS.killed.title} on`,
    ],
    rows.map((row) => [
      row.key,
      row.summary,
      row.score,
      row.band ? BAND_LABELS[row.band] : 'Not computed',
      row.firstBlockingGate ? milestoneName(row.firstBlockingGate, view.milestones) : '',
      row.daysSinceDemo,
      row.productionOwner,
      row.reviewRequired ? 'yes' : 'no',
      row.trend.direction === 'new' ? '' : `${row.trend.change > 0 ? '+' : ''}${row.trend.change}`,
      row.killedOn ?? '',
    ]),
  );
}

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A table's pilots: one project's portfolio, on its page or on the global page. */
type TableContent = Pick<PortfolioContent, 'rows' | 'milestones' | 'notComputed' | 'today'> & {
  projectKey: string;
};

export function DiagnosticSummary({
  diagnostic,
  computed,
}: {
  diagnostic: PortfolioContent['diagnostic'];
  /** Pilots with a computed readiness. */
  computed: number;
}) {
  return (
    <Section title={`${BAND_WORDS.purgatory.title} diagnostic across pilots`}>
      <p className="summary">
        How many of the {plural(computed, 'computed pilot')} answer no to each question.
      </p>
      <ol className="diagnostic" aria-label="Pilots answering no, per question">
        {diagnostic.map((count) => (
          <li key={count.id} className="answer">
            <p className="answer-head">
              <span className="answer-question">{diagnosticQuestionText(count.id)}</span>
              <span className="count">{plural(count.no, 'pilot')} no</span>
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

/** The week-1 data-access figure in words (product.md §11). */
function weekOneText({ withinWeekOne, pilots }: PortfolioContent['outcomes']['weekOneDataAccess']): string {
  if (pilots === 0) return 'no pilot is past its first week yet.';
  return `${formatShare(withinWeekOne / pilots)}: ${withinWeekOne} of the ${plural(pilots, 'pilot')} past their first week filed their first data-access request within ${WEEK_ONE_DAYS} days of kickoff.`;
}

export function Funnel({
  view,
  title = 'Funnel',
}: {
  view: Pick<PortfolioContent, 'funnel' | 'milestones' | 'outcomes'>;
  title?: string;
}) {
  const { outcomes } = view;
  return (
    <Section title={title}>
      <table className="table table-cards">
        <caption className="visually-hidden">{title}: pilots through each gate</caption>
        <thead>
          <tr>
            <th scope="col">Gate</th>
            <th scope="col">Pilots passed</th>
            <th scope="col">Median days from kickoff</th>
            <th scope="col">Held up longest by</th>
          </tr>
        </thead>
        <tbody>
          {view.funnel.map((stage) => (
            <tr key={stage.milestone}>
              <th scope="row">
                <CellLabel>Gate</CellLabel>
                {milestoneName(stage.milestone, view.milestones)}
              </th>
              <td>
                <CellLabel>Pilots passed</CellLabel>
                {stage.passed}
              </td>
              <td>
                <CellLabel>Median days from kickoff</CellLabel>
                {stage.medianDaysToPass === null ? '—' : stage.medianDaysToPass}
              </td>
              <td>
                <CellLabel>Held up longest by</CellLabel>
                {stage.blockedLongest
                  ? `${stage.blockedLongest.who} (${plural(stage.blockedLongest.pilotDays, 'pilot-day')})`
                  : '—'}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <CellLabel>Gate</CellLabel>
              Delivering value
            </th>
            <td>
              <CellLabel>Pilots passed</CellLabel>
              {outcomes.deliveringValue}
            </td>
            <td>
              <CellLabel>Median days from kickoff</CellLabel>—
            </td>
            <td>
              <CellLabel>Blocked most often by</CellLabel>—
            </td>
          </tr>
        </tbody>
      </table>
      <p className="summary">
        Delivering value counts the pilots whose latest value review, {VALUE_REVIEW_DAYS} days after go-live,
        says they deliver: {plural(outcomes.reviewed, 'pilot')} reviewed of{' '}
        {plural(outcomes.live, 'live pilot')}.
      </p>
      <p className="summary">
        <strong>Week-1 data access:</strong> {weekOneText(outcomes.weekOneDataAccess)}
      </p>
    </Section>
  );
}

/** Live pilots whose value review is open, each with the review form for a decider (product.md §15). */
function ValueReviews({ view, onRecorded }: { view: PortfolioView; onRecorded: (message: string) => void }) {
  return (
    <Section title="Value reviews">
      {view.valueReviews.length === 0 ? (
        <p className="empty">No live pilot is waiting for its value review.</p>
      ) : (
        <ul className="pilot-list" aria-label="Pilots awaiting a value review">
          {view.valueReviews.map((pilot) => (
            <li key={pilot.key} className="pilot-row">
              <ValueReviewHead pilot={pilot} />
              {pilot.overdue ? (
                <p className="status status-fail">
                  More than {VALUE_REVIEW_DAYS} days since go-live without a value review
                </p>
              ) : null}
              {view.viewerMayDecide ? (
                <Disclosure label={`Review value of ${pilot.key}`}>
                  {(close) => (
                    <ValueReviewForm
                      pilot={pilot}
                      onCancel={close}
                      onRecorded={(result) => {
                        close();
                        onRecorded(
                          `Value review recorded on ${result.key}: ${VALUE_OUTCOME_LABELS[result.review.outcome]}.`,
                        );
                      }}
                    />
                  )}
                </Disclosure>
              ) : (
                <p className="meta">Only a Jira admin can record a value review.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** What the project's kills freed: the budget recovered (product.md §15). */
function BudgetFreed({ view }: { view: PortfolioView }) {
  const { killedPilots, engineeringWeeks, monthlyCompute } = view.budgetFreed;
  const compute = monthlyCompute.map((item) => `${formatAmount(item.amount)} ${item.currency}`).join(' + ');
  return (
    <Section title="Budget freed by kills">
      {killedPilots === 0 ? (
        <p className="empty">
          No pilot of {view.projectKey} is {BAND_WORDS.killed.words}.
        </p>
      ) : (
        <p className="summary">
          {plural(killedPilots, `${BAND_WORDS.killed.words} pilot`)} freed{' '}
          {plural(engineeringWeeks, 'engineering week')}
          {compute ? ` and ${compute} of compute a month` : ''}.
        </p>
      )}
    </Section>
  );
}

function KillList({ view, onDecided }: { view: PortfolioView; onDecided: (message: string) => void }) {
  const listed = view.rows.filter((row) => row.reviewRequired);
  return (
    <Section title="Kill list">
      {listed.length === 0 ? (
        <p className="empty">
          No pilot is more than {KILL_CLOCK_DAYS} days past its demo without a decision.
        </p>
      ) : (
        <ul className="pilot-list" aria-label="Pilots awaiting a review decision">
          {listed.map((row) => (
            <li key={row.key} className="pilot-row">
              <p className="pilot-row-head">
                <IssueLink issueKey={row.key} />
                <span className="pilot-summary">{row.summary}</span>
                <span className="meta">{row.daysSinceDemo} days since demo</span>
              </p>
              {view.viewerMayDecide ? (
                <Disclosure label={`Decide on ${row.key}`}>
                  {(close) => (
                    <DecisionForm
                      pilotKey={row.key}
                      today={view.today}
                      onCancel={close}
                      onDecided={(result) => {
                        close();
                        const byHand = result.closure?.byHand ?? [];
                        onDecided(
                          `Decision recorded on ${result.key}.` +
                            (byHand.length > 0
                              ? ` Close by hand: ${byHand.map((item) => `${item.key} (${item.reason})`).join('; ')}.`
                              : ''),
                        );
                      }}
                    />
                  )}
                </Disclosure>
              ) : (
                <p className="meta">{view.deciders}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The pilots' table; `subject` names them where a page shows several tables ("pilots of AIP"). */
export function PilotTable({ view, subject = 'pilots' }: { view: TableContent; subject?: string }) {
  const title = `${subject.charAt(0).toUpperCase()}${subject.slice(1)}`;
  const [band, setBand] = useState<Band | 'all'>('all');
  const [gate, setGate] = useState<string>('all');
  const [sort, setSort] = useState<Sort>({ key: 'score', direction: 'ascending' });
  const [page, setPage] = useState(0);
  const gateOrder = view.milestones.map((milestone) => milestone.key);
  const rows = useMemo(
    () =>
      view.rows
        .filter((row) => band === 'all' || row.band === band)
        .filter(
          (row) =>
            gate === 'all' ||
            (gate === NONE ? row.firstBlockingGate === null : row.firstBlockingGate === gate),
        )
        .sort((a, b) => compare(a, b, sort, gateOrder)),
    [view.rows, band, gate, sort, gateOrder],
  );
  const pages = Math.max(1, Math.ceil(rows.length / PORTFOLIO_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * PORTFOLIO_PAGE_SIZE, (current + 1) * PORTFOLIO_PAGE_SIZE);
  const sortBy = (key: SortKey) => {
    setSort((was) => ({
      key,
      direction: was.key === key && was.direction === 'ascending' ? 'descending' : 'ascending',
    }));
    setPage(0);
  };

  return (
    <Section title={title}>
      <div className="filters" role="group" aria-label={`Filter ${subject}`}>
        <label>
          Band{' '}
          <select
            value={band}
            onChange={(event) => {
              setBand(event.target.value as Band | 'all');
              setPage(0);
            }}
          >
            <option value="all">All bands</option>
            {[...BANDS, KILLED_BAND].map((candidate) => (
              <option key={candidate} value={candidate}>
                {BAND_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label>
          First blocking gate{' '}
          <select
            value={gate}
            onChange={(event) => {
              setGate(event.target.value);
              setPage(0);
            }}
          >
            <option value="all">Any gate</option>
            {view.milestones.map((milestone) => (
              <option key={milestone.key} value={milestone.key}>
                {milestone.name}
              </option>
            ))}
            <option value={NONE}>None (every gate passes)</option>
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={() => download(`pilot-portfolio-${view.projectKey}-${view.today}.csv`, csvOf(rows, view))}
        >
          Export CSV
        </button>
      </div>
      <p className="summary" role="status">
        {plural(rows.length, 'pilot')} shown of {view.rows.length}
        {view.notComputed > 0 ? `; ${view.notComputed} not computed yet` : ''}.
      </p>
      <div className="table-scroll">
        <table className="table table-cards table-sortable" aria-label={title}>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.sortable ? 'sortable' : undefined}
                  aria-sort={column.sortable && sort.key === column.key ? sort.direction : undefined}
                >
                  {column.sortable ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => sortBy(column.key as SortKey)}
                    >
                      {column.label}
                      <span aria-hidden="true">
                        {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const cells: Record<ColumnKey, ReactNode> = {
                key: <IssueLink issueKey={row.key} />,
                summary: row.summary,
                score:
                  row.score === null
                    ? '—'
                    : row.killedOn
                      ? `${row.score} at kill (${formatDate(row.killedOn)})`
                      : row.score,
                band: <BandLozenge band={row.band} />,
                scorecard: row.scorecard ? <SeedsScorecardLine scorecard={row.scorecard} compact /> : '—',
                firstBlockingGate: row.firstBlockingGate
                  ? milestoneName(row.firstBlockingGate, view.milestones)
                  : 'None',
                daysSinceDemo: row.daysSinceDemo ?? '—',
                productionOwner: row.productionOwner ?? '—',
                trend: <TrendLine trend={row.trend} />,
              };
              return (
                <tr key={row.key}>
                  {COLUMNS.map((column) => (
                    <td key={column.key}>
                      <CellLabel>{column.label}</CellLabel>
                      <span>{cells[column.key]}</span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label={`Pages of ${subject}`}>
          <button
            type="button"
            className="button"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous
          </button>
          <span>
            Page {current + 1} of {pages}
          </span>
          <button
            type="button"
            className="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </button>
        </nav>
      ) : null}
    </Section>
  );
}

/** The project page: every pilot, the diagnostic across them, the funnel, the kill list and each team's queue. */
export function PortfolioPage() {
  const { state, reload, refresh } = useResolver('getPortfolio', {});
  const [message, setMessage] = useState({ text: '', count: 0 });
  if (state.status === 'loading') {
    return (
      <div className="panel" aria-busy="true">
        <p role="status">Loading the pilots…</p>
      </div>
    );
  }
  if (state.status === 'error')
    return <ErrorState error={state.error} onRetry={reload} onView={() => reload()} />;
  const view = state.data;
  return (
    <div className="panel page">
      <header className="panel-head">
        <h1>Pilot portfolio of {view.projectKey}</h1>
      </header>
      <StatusMessage focusKey={message.count}>{message.text}</StatusMessage>
      <KillList
        view={view}
        onDecided={(text) => {
          setMessage(({ count }) => ({ text, count: count + 1 }));
          refresh();
        }}
      />
      <ValueReviews
        view={view}
        onRecorded={(text) => {
          setMessage(({ count }) => ({ text, count: count + 1 }));
          refresh();
        }}
      />
      <PilotTable view={view} />
      <BudgetFreed view={view} />
      <DiagnosticSummary diagnostic={view.diagnostic} computed={view.rows.length - view.notComputed} />
      <Funnel view={view} />
      <OwnerQueue teams={view.teams} />
    </div>
  );
}
