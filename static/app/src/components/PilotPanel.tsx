import { useState } from 'react';
import { BAND_LABELS, DIAGNOSTIC_QUESTIONS, PURGATORY_NO_COUNT, type PilotView } from '../contract';
import { formatDate, formatDateTime } from '../format';
import { AfterGoLive, ValueReviewDue } from './AfterGoLive';
import { DataAccessList } from './DataAccessList';
import { DataAccessRequestForm } from './DataAccessRequestForm';
import { Diagnostic } from './Diagnostic';
import { Disclosure } from './Disclosure';
import { RightsCheck } from './RightsCheck';
import { Gauge } from './Gauge';
import { GateList, GateSummary } from './GateList';
import { GenerationProblems, MissingWork } from './GenerationProblems';
import { MilestoneDatesEditor } from './MilestoneDatesEditor';
import { Icon } from './Icons';
import { KillClock } from './KillClock';
import { IssueLink } from './Links';
import { StatusMessage } from './Messages';
import { AuditLog, TrendAndDecision } from './PilotRecord';
import { ProductionSpecEditor } from './ProductionSpecEditor';
import { Section } from './Section';
import { SeedsScorecardLine } from './SeedsScorecard';
import { WaiverForm } from './WaiverForm';

type Update = (view: PilotView) => void;

function DataAccessSection({ view, onUpdate }: { view: PilotView; onUpdate: Update }) {
  const [filed, setFiled] = useState<{ key: string; target: 'jira' | 'servicenow' } | null>(null);
  return (
    <Section title="Data access">
      <DataAccessList tickets={view.dataAccess} serviceNow={view.serviceNow} />
      <StatusMessage>
        {filed?.target === 'jira' ? (
          <>
            Data-access request <IssueLink issueKey={filed.key} /> filed.
          </>
        ) : filed ? (
          <>Data-access request {filed.key} filed in ServiceNow.</>
        ) : null}
      </StatusMessage>
      <Disclosure label="Request data access" onOpen={() => setFiled(null)}>
        {(close) => (
          <DataAccessRequestForm
            onCancel={close}
            serviceNowConnected={view.serviceNow?.connected ?? false}
            onFiled={({ key, target, view: next }) => {
              close();
              setFiled({ key, target });
              onUpdate(next);
            }}
          />
        )}
      </Disclosure>
    </Section>
  );
}

function GatesSection({ view, onUpdate }: { view: PilotView; onUpdate: Update }) {
  const [granted, setGranted] = useState('');
  return (
    <Section title="Graduation gates">
      <GateList
        gates={view.gates}
        milestones={view.milestones}
        workstreams={view.workstreams}
        waivers={view.waivers}
        today={view.today}
        {...(view.canWaive
          ? {
              onRevoked: (next: PilotView) => {
                setGranted('Waiver revoked; its gate counts the criterion again.');
                onUpdate(next);
              },
            }
          : {})}
      />
      <StatusMessage>{granted}</StatusMessage>
      {view.canWaive || view.checkRights ? (
        <>
          <Disclosure label="Grant a waiver" onOpen={() => setGranted('')}>
            {(close) => (
              <RightsCheck known={view.canWaive} right="canWaive" refusal={view.deciders ?? ''}>
                <WaiverForm
                  milestones={view.milestones}
                  workstreams={view.workstreams}
                  reviewKinds={view.reviews.map((review) => review.kind)}
                  gates={view.gates}
                  today={view.today}
                  onCancel={close}
                  onGranted={(next, input) => {
                    close();
                    setGranted(`Waiver granted; the gate blocks again on ${formatDate(input.expires)}.`);
                    onUpdate(next);
                  }}
                />
              </RightsCheck>
            )}
          </Disclosure>
        </>
      ) : (
        <p className="meta">{view.deciders}</p>
      )}
    </Section>
  );
}

/** A killed pilot (product.md §14): an end state, with its score as it was at the kill. */
function KillNotice({ kill }: { kill: NonNullable<PilotView['kill']> }) {
  return (
    <p className="message message-warning" role="note">
      <Icon name="cross" />
      <span>
        {BAND_LABELS.killed.title} on {formatDate(kill.decidedOn)} by {kill.decidedBy}: {kill.reason}
        {kill.scoreAtKill === null ? '' : ` Score at kill: ${kill.scoreAtKill}.`}
        {kill.budgetFreed ? ` Frees ${kill.budgetFreed}.` : ''} What the kill closed counts as not done.
      </span>
    </p>
  );
}

export function PilotPanel({
  view,
  onUpdate,
  onReload,
}: {
  view: PilotView;
  onUpdate: Update;
  /** Reads the panel again, keeping it on screen (after a decision, which changes more than the view it answers with). */
  onReload?: () => void;
}) {
  const { readiness } = view;
  return (
    <div className="panel">
      <header className="panel-head">
        <h1>
          Production readiness of <IssueLink issueKey={view.key} />
        </h1>
      </header>
      <div className="overview">
        <Gauge score={readiness.score} band={readiness.band} />
        <div className="overview-text">
          <p className="band-meaning">{view.bandMeaning}</p>
          {view.kill ? <KillNotice kill={view.kill} /> : null}
          {readiness.graduated ? (
            <p className="message message-success">
              <Icon name="check" />
              <span>Every gate passes: this pilot has graduated.</span>
            </p>
          ) : null}
        </div>
      </div>
      <DateWarnings warnings={view.dateWarnings} />
      <GenerationProblems
        problems={view.generationProblems}
        generated={view.generated}
        onRetried={onUpdate}
      />
      <MissingWork view={view} onRestored={onUpdate} />
      <Section title="Kill clock">
        <KillClock
          daysSinceDemo={readiness.daysSinceDemo}
          demoDate={view.demoDate}
          reviewRequired={readiness.reviewRequired}
          graduated={readiness.graduated}
          killed={view.kill ?? null}
          decisions={view.killClock ?? null}
        />
        <TrendAndDecision view={view} onDecided={() => onReload?.()} />
      </Section>
      {view.valueReview ? <AfterGoLive valueReview={view.valueReview} /> : null}
      <GatesSection view={view} onUpdate={onUpdate} />
      <Section title="Milestone dates">
        <MilestoneDatesEditor view={view} onSaved={onUpdate} />
      </Section>
      <DataAccessSection view={view} onUpdate={onUpdate} />
      <Section title={`${BAND_LABELS.purgatory.title} diagnostic`}>
        <Diagnostic
          answers={readiness.diagnostic.answers}
          noCount={readiness.diagnostic.noCount}
          scorecard={view.scorecard}
        />
      </Section>
      <Section title="Production spec">
        <ProductionSpecEditor
          spec={view.productionSpec}
          dataSources={view.dataSources}
          metricsDefinedAfterDemo={view.metricsDefinedAfterDemo}
          onSaved={onUpdate}
        />
      </Section>
      <AuditLog view={view} />
      <p className="footnote">Computed {formatDateTime(readiness.computedAt)}</p>
    </div>
  );
}

/** Dates on the pilot the app cannot use (product.md §2), each naming the field to fix. */
function DateWarnings({ warnings }: { warnings: PilotView['dateWarnings'] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="message message-warning" role="status">
      <Icon name="warning" />
      <ul className="date-warnings">
        {warnings.map((warning) => (
          <li key={warning.field}>
            <strong>Fix the {warning.field} field:</strong> {warning.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The issue context: score and band first, then one line per gate. */
export function PilotCompact({ view }: { view: PilotView }) {
  const { readiness } = view;
  return (
    <div className="panel panel-compact">
      <Gauge score={readiness.score} band={readiness.band} compact />
      {readiness.reviewRequired ? (
        <p className="message message-error">
          <Icon name="hourglass" />
          <span>Review required: accelerate, pause or kill.</span>
        </p>
      ) : null}
      {readiness.valueReviewDue ? <ValueReviewDue /> : null}
      <DateWarnings warnings={view.dateWarnings} />
      {view.generationProblems.length > 0 || !view.generated ? (
        <p className="message message-warning">
          <Icon name="warning" />
          <span>Generation problems: open the Production readiness panel to retry.</span>
        </p>
      ) : null}
      <GateSummary gates={view.gates} milestones={view.milestones} />
      <p className="meta">
        <span>
          Diagnostic: {readiness.diagnostic.noCount} of{' '}
          {readiness.diagnostic.answers.length || DIAGNOSTIC_QUESTIONS.length} no
          {readiness.diagnostic.noCount >= PURGATORY_NO_COUNT
            ? ` — heading to ${BAND_LABELS.purgatory.words}`
            : ''}
        </span>
      </p>
      <p className="meta">
        <SeedsScorecardLine scorecard={view.scorecard} compact />
      </p>
    </div>
  );
}
